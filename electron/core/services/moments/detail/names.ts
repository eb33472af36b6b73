import { JSON_LIST, jsonList } from '../../../store/json-list'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'

/** A customer as the cache names it for one member: the name and that member's remark. */
export interface CustomerFacts {
  name: string
  remark: string
}

const MEMBER_NAMES = `SELECT userid AS id, name FROM members WHERE userid IN ${JSON_LIST}`
/** Names of customers, with the remark `?2`'s member gave each ('' when none or not that member's). */
const CUSTOMER_FACTS = `SELECT c.external_userid AS id, c.name AS name, coalesce(f.remark, '') AS remark
  FROM customers c LEFT JOIN follows f ON f.external_userid = c.external_userid AND f.userid = ?2
  WHERE c.external_userid IN ${JSON_LIST.replace('?', '?1')}`

/**
 * Members' display names from the workspace's customer cache (the sync's member list). Ids the
 * cache does not know, or knows without a name, are absent: callers show the id.
 */
export function memberNames(workspace: Workspace, ids: Iterable<string>): Map<string, string> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = workspace.repository(StatementCache).get(MEMBER_NAMES).all(jsonList(unique)) as unknown as Array<{
    id: string
    name: string
  }>
  return new Map(rows.filter((row) => row.name !== '').map((row) => [row.id, row.name]))
}

/**
 * Customers' names and the remark `userid` gave each, from the cache, in one query however many
 * ids (a member's viewers can be thousands). Unknown customers are absent.
 */
export function customerFacts(workspace: Workspace, ids: Iterable<string>, userid = ''): Map<string, CustomerFacts> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = workspace
    .repository(StatementCache)
    .get(CUSTOMER_FACTS)
    .all(jsonList(unique), userid) as unknown as Array<{
    id: string
    name: string
    remark: string
  }>
  return new Map(rows.map((row) => [row.id, { name: row.name, remark: row.remark }]))
}
