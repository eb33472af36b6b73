import type { PublishInvalid, RangeEstimate, RangeOptions, VisibleRange } from '../../../../../shared/moments-publish'
import { previewAudience } from '../../../audience/resolve'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'
import type { PublishResultIds } from './journal'

/** The visible-range pickers' choices from the cache: members, their departments, corp tags. */
export function rangeOptions(workspace: Workspace): RangeOptions {
  const sql = workspace.repository(StatementCache)
  const members = (
    sql
      .get(
        `SELECT m.userid, coalesce(nullif(m.name, ''), m.userid) AS name, m.departments,
           (SELECT count(*) FROM follows f WHERE f.userid = m.userid AND f.gone_at IS NULL) AS customerCount
         FROM members m WHERE m.gone_at IS NULL ORDER BY name, m.userid`,
      )
      .all() as Array<{ userid: string; name: string; departments: string; customerCount: number }>
  ).map((row) => ({
    userid: row.userid,
    name: row.name,
    customerCount: row.customerCount,
    departmentIds: (JSON.parse(row.departments) as unknown[]).filter((id): id is number => typeof id === 'number'),
  }))
  const departments = new Map<number, number>()
  for (const member of members)
    for (const id of member.departmentIds) departments.set(id, (departments.get(id) ?? 0) + 1)
  const tagRows = sql
    .get(
      `SELECT g.name AS groupName, t.tag_id AS id, t.name,
         (SELECT count(DISTINCT ft.external_userid) FROM follow_tags ft WHERE ft.tag_id = t.tag_id) AS customerCount
       FROM tags t JOIN tag_groups g ON g.group_id = t.group_id
       ORDER BY g.sort_order, g.name, t.sort_order, t.name`,
    )
    .all() as Array<{ groupName: string; id: string; name: string; customerCount: number }>
  const groups = new Map<string, RangeOptions['tagGroups'][number]>()
  for (const row of tagRows) {
    let group = groups.get(row.groupName)
    if (!group) groups.set(row.groupName, (group = { name: row.groupName, tags: [] }))
    group.tags.push({ id: row.id, name: row.name, customerCount: row.customerCount })
  }
  return {
    members,
    departments: [...departments].map(([id, memberCount]) => ({ id, memberCount })).sort((a, b) => a.id - b.id),
    tagGroups: [...groups.values()],
  }
}

/** The executing members: those chosen plus the members of the chosen departments; everyone when none is chosen. */
function executingMembers(workspace: Workspace, range: VisibleRange): string[] {
  const sql = workspace.repository(StatementCache)
  const all = sql.get('SELECT userid, departments FROM members WHERE gone_at IS NULL').all() as Array<{
    userid: string
    departments: string
  }>
  if (range.userids.length === 0 && range.departmentIds.length === 0) return all.map((row) => row.userid)
  const chosen = new Set(range.userids)
  const departments = new Set(range.departmentIds)
  for (const row of all) {
    const ids = JSON.parse(row.departments) as unknown[]
    if (ids.some((id) => typeof id === 'number' && departments.has(id))) chosen.add(row.userid)
  }
  const live = new Set(all.map((row) => row.userid))
  return [...chosen].filter((userid) => live.has(userid))
}

/**
 * Roughly how many customers will be able to see the moment, from the cache: customers of the
 * executing members, with any of the chosen corp tags, each counted once however many members
 * follow them (the audience engine's de-duplication).
 */
export function estimateRange(workspace: Workspace, range: VisibleRange): RangeEstimate {
  const members = executingMembers(workspace, range)
  const cached =
    workspace.repository(StatementCache).get('SELECT 1 FROM customers WHERE gone_at IS NULL LIMIT 1').get() !==
    undefined
  if (members.length === 0) return { members: 0, customers: 0, cached }
  const preview = previewAudience(workspace, {
    members,
    ...(range.tagIds.length > 0 ? { tags: { mode: 'or' as const, ids: range.tagIds } } : {}),
  })
  return { members: members.length, customers: preview.count, cached }
}

/** What WeCom could not use, named from the cache (an id stays when the cache does not know it). */
export function nameInvalid(workspace: Workspace, ids: PublishResultIds): PublishInvalid {
  const sql = workspace.repository(StatementCache)
  const memberName = (userid: string) =>
    (
      sql.get("SELECT nullif(name, '') AS name FROM members WHERE userid = ?").get(userid) as
        { name: string | null } | undefined
    )?.name ?? userid
  const tagName = (id: string) =>
    (sql.get('SELECT name FROM tags WHERE tag_id = ?').get(id) as { name: string } | undefined)?.name ?? id
  return {
    members: ids.invalidUserids.map((userid) => ({ userid, name: memberName(userid) })),
    departments: ids.invalidDepartmentIds,
    tags: ids.invalidTagIds.map((id) => ({ id, name: tagName(id) })),
  }
}
