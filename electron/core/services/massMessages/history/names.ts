import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'
import { JSON_LIST, jsonList } from '../../../store/json-list'

/** Which cache table names an id: members (userid), customers (external_userid), groups (chat_id). */
export type NamedEntity = 'member' | 'customer' | 'group'

const LOOKUP_SQL: Record<NamedEntity, string> = {
  member: `SELECT userid AS id, name FROM members WHERE userid IN ${JSON_LIST}`,
  customer: `SELECT external_userid AS id, name FROM customers WHERE external_userid IN ${JSON_LIST}`,
  group: `SELECT chat_id AS id, name FROM group_chats WHERE chat_id IN ${JSON_LIST}`,
}

/**
 * Display names from the local customer cache, for ids WeCom's APIs return bare (tracking, the
 * send preview's senders). Ids the cache does not know (never synced) or knows without a name are
 * absent from the map; callers show the id instead.
 */
export function cachedNames(workspace: Workspace, entity: NamedEntity, ids: Iterable<string>): Map<string, string> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = workspace.repository(StatementCache).get(LOOKUP_SQL[entity]).all(jsonList(unique)) as unknown as Array<{
    id: string
    name: string
  }>
  return new Map(rows.filter((row) => row.name !== '').map((row) => [row.id, row.name]))
}
