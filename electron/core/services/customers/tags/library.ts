import type { TagGroupSummary } from '../../../../../shared/customers'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'

interface LibraryRow {
  groupId: string
  groupName: string
  groupOrder: number
  tagId: string | null
  tagName: string | null
  tagOrder: number | null
  customerCount: number
}

/** Live customers carrying each tag on at least one live follow relation. */
const COUNTED = `
  SELECT ft.tag_id, count(DISTINCT ft.external_userid) AS n
  FROM follow_tags ft
  JOIN follows f ON f.external_userid = ft.external_userid AND f.userid = ft.userid
  JOIN customers c ON c.external_userid = ft.external_userid
  WHERE f.gone_at IS NULL AND c.gone_at IS NULL`

/** Which part of the library to read. */
export interface TagLibraryOptions {
  /** Only this group (and only its tags are counted). */
  groupId?: string
  /** Count customers per tag (default); a write's checks need only ids and names. */
  customerCounts?: boolean
}

/**
 * The cached corp tag library: groups with their tags, both sorted by order then name, each tag
 * with how many live customers carry it on a live follow relation.
 */
export function tagLibrary(workspace: Workspace, options: TagLibraryOptions = {}): TagGroupSummary[] {
  const { groupId, customerCounts = true } = options
  const oneGroup = groupId !== undefined
  const counted = customerCounts
    ? `WITH counted AS (${COUNTED} ${oneGroup ? 'AND ft.tag_id IN (SELECT tag_id FROM tags WHERE group_id = :groupId)' : ''}
         GROUP BY ft.tag_id)`
    : ''
  const rows = workspace
    .repository(StatementCache)
    .get(
      `${counted}
       SELECT g.group_id AS groupId, g.name AS groupName, g.sort_order AS groupOrder, t.tag_id AS tagId,
         t.name AS tagName, t.sort_order AS tagOrder, ${customerCounts ? 'coalesce(counted.n, 0)' : '0'} AS customerCount
       FROM tag_groups g
       LEFT JOIN tags t ON t.group_id = g.group_id
       ${customerCounts ? 'LEFT JOIN counted ON counted.tag_id = t.tag_id' : ''}
       ${oneGroup ? 'WHERE g.group_id = :groupId' : ''}
       ORDER BY g.sort_order, g.name, g.group_id, t.sort_order, t.name, t.tag_id`,
    )
    .all(oneGroup ? { groupId } : {}) as unknown as LibraryRow[]
  const groups = new Map<string, TagGroupSummary>()
  for (const row of rows) {
    let group = groups.get(row.groupId)
    if (!group) {
      group = { groupId: row.groupId, name: row.groupName, order: row.groupOrder, tags: [] }
      groups.set(row.groupId, group)
    }
    if (row.tagId !== null) {
      group.tags.push({
        id: row.tagId,
        name: row.tagName ?? '',
        order: row.tagOrder ?? 0,
        customerCount: row.customerCount,
      })
    }
  }
  return [...groups.values()]
}
