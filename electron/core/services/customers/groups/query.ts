import type { z } from 'zod'
import type { GroupRow, groupQuerySchema } from '../../../../../shared/customers'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'
import { JSON_LIST, jsonList, type SqlCondition } from '../filter-sql'

/** The Groups page's parsed input. */
export type GroupQuery = z.output<typeof groupQuerySchema>

const SORT_COLUMNS: Record<GroupQuery['sort']['field'], string> = {
  name: 'g.name',
  createTime: 'g.created_at',
  memberCount: 'g.member_count',
}

/** The columns of a group row; `ownerName` falls back to the owner's userid. */
export const GROUP_ROW_COLUMNS = `g.chat_id AS chatId, g.name, g.owner, coalesce(nullif(m.name, ''), g.owner) AS ownerName,
  g.member_count AS memberCount, g.created_at AS createTime, g.status`

/**
 * Live customer groups (not gone) whose name contains `search` (case-insensitive for Latin letters)
 * and whose owner is one of `owners` (an empty list restricts nothing).
 */
function groupFilterSql(query: GroupQuery): SqlCondition {
  const parts = ['g.gone_at IS NULL']
  const params: string[] = []
  if (query.search) {
    parts.push('instr(lower(g.name), lower(?)) > 0')
    params.push(query.search)
  }
  if (query.owners && query.owners.length > 0) {
    parts.push(`g.owner IN ${JSON_LIST}`)
    params.push(jsonList(query.owners))
  }
  return { sql: parts.join(' AND '), params }
}

/** One window of the filtered, sorted customer groups with the total; chat_id breaks sort ties. */
export function queryGroups(workspace: Workspace, query: GroupQuery): { total: number; rows: GroupRow[] } {
  const statements = workspace.repository(StatementCache)
  const where = groupFilterSql(query)
  const { total } = statements
    .get(`SELECT count(*) AS total FROM group_chats g WHERE ${where.sql}`)
    .get(...where.params) as { total: number }
  const direction = query.sort.order === 'asc' ? 'ASC' : 'DESC'
  const rows = statements
    .get(
      `SELECT ${GROUP_ROW_COLUMNS}
       FROM group_chats g LEFT JOIN members m ON m.userid = g.owner
       WHERE ${where.sql}
       ORDER BY ${SORT_COLUMNS[query.sort.field]} ${direction}, g.chat_id ${direction}
       LIMIT ? OFFSET ?`,
    )
    .all(...where.params, query.limit, query.offset) as unknown as GroupRow[]
  return { total, rows }
}
