import type { SQLInputValue } from 'node:sqlite'
import type { CustomerFilter, CustomerQueryResult, CustomerRow, CustomerSort } from '../../../../shared/customers'
import { StatementCache } from '../../store/repositories/statement-cache'
import type { Workspace } from '../../store/workspace'
import { CUSTOMER_SCAN, customerFilterSql, JSON_LIST, jsonList, LIVE_CUSTOMER, type SqlCondition } from './filter-sql'

/** One window of the Customers page: filter, sort, and the rows wanted (the contract's parsed input). */
export interface CustomerQuery {
  filter: CustomerFilter
  sort: CustomerSort
  offset: number
  limit: number
}

/**
 * Each sort: its column, and the index that walks live customers in that order (external_userid
 * breaks ties, so windows never overlap or skip). Named, because the planner, without statistics,
 * would rather sort every match than walk an index. Each covers the order (gone_at, column,
 * external_userid; migrations 4 and 6): a window of everyone, at row 50,000 too, skips index
 * entries only.
 */
const SORTS: Record<CustomerSort['field'], { column: string; index: string }> = {
  name: { column: 'c.name', index: 'customers_live_name' },
  addedAt: { column: 'c.added_at', index: 'customers_live_added_at' },
  followCount: { column: 'c.follow_count', index: 'customers_live_follow_count' },
}

/** The narrowest index of every live customer, for counting them all. */
const EVERYONE_SCAN = 'customers c INDEXED BY customers_live_follow_count'

type CustomerRowBase = Omit<CustomerRow, 'followers' | 'tagIds'>

/**
 * How many matches the first read collects. A filter with at most this many matches is answered by
 * that one pass over the customers (its length is the total); only broader ones pay for a count.
 */
const HEAD_SIZE = 5000

/**
 * The filtered, sorted customers with their total, done in SQLite; the full rows, followers and
 * tags are read for the `limit` rows of the window alone. See `customerFilterSql` for the filter.
 *
 * Read plan: one pass collects up to HEAD_SIZE + 1 matching ids (in index order, the cheapest scan)
 * and sorts them. When that is every match, it gives the total and the window. Otherwise the match
 * is broad: the total is counted, and the window is read in sort order from the sort's index,
 * where a dense match fills it after a short walk.
 */
export function queryCustomers(workspace: Workspace, query: CustomerQuery): CustomerQueryResult {
  const statements = workspace.repository(StatementCache)
  const where = customerFilterSql(query.filter)
  const direction = query.sort.order === 'asc' ? 'ASC' : 'DESC'
  const sort = SORTS[query.sort.field]
  const ids = (sql: string, ...params: SQLInputValue[]) =>
    (statements.get(sql).all(...where.params, ...params) as Array<{ id: string }>).map((row) => row.id)

  // MATERIALIZED: flattened, the LIMIT would become a top-N sort of every match.
  const head = ids(
    `WITH head AS MATERIALIZED (
       SELECT c.external_userid AS id, ${sort.column} AS sortKey FROM ${CUSTOMER_SCAN} WHERE ${where.sql} LIMIT ?)
     SELECT id FROM head ORDER BY sortKey ${direction}, id ${direction}`,
    HEAD_SIZE + 1,
  )
  if (head.length <= HEAD_SIZE) {
    return { total: head.length, rows: customerRows(statements, head.slice(query.offset, query.offset + query.limit)) }
  }
  const window = ids(
    `SELECT c.external_userid AS id FROM customers c INDEXED BY ${sort.index} WHERE ${where.sql}
     ORDER BY ${sort.column} ${direction}, c.external_userid ${direction} LIMIT ? OFFSET ?`,
    query.limit,
    query.offset,
  )
  return { total: countMatches(statements, where), rows: customerRows(statements, window) }
}

/**
 * The number of customers matching `where`, in one pass over the filter's scan index (or, for
 * everyone, over the narrowest index of live customers).
 */
function countMatches(statements: StatementCache, where: SqlCondition): number {
  const scan = where.sql === LIVE_CUSTOMER ? EVERYONE_SCAN : CUSTOMER_SCAN
  const row = statements.get(`SELECT count(*) AS n FROM ${scan} WHERE ${where.sql}`).get(...where.params)
  return (row as { n: number }).n
}

/** The rows of the given customers, in the given order, with followers and tags. */
function customerRows(statements: StatementCache, ids: readonly string[]): CustomerRow[] {
  if (ids.length === 0) return []
  const idList = jsonList(ids)
  const rows = statements
    .get(
      `SELECT c.external_userid AS externalUserid, c.name, c.type, c.gender, c.corp_name AS corpName, c.avatar,
         c.added_at AS addedAt
       FROM customers c WHERE c.external_userid IN ${JSON_LIST}`,
    )
    .all(idList) as unknown as CustomerRowBase[]
  const byId = new Map(rows.map((row) => [row.externalUserid, row]))
  const ordered = ids.flatMap((id) => byId.get(id) ?? [])
  return withFollowersAndTags(statements, idList, ordered)
}

/**
 * Adds each row's live followers (with member names and remarks) and the tag ids of its live
 * follows (in tag library order), in two reads for the whole window; `idList` is its ids as JSON.
 */
function withFollowersAndTags(statements: StatementCache, idList: string, rows: CustomerRowBase[]): CustomerRow[] {
  const followers = statements
    .get(
      `SELECT f.external_userid AS externalUserid, f.userid, coalesce(nullif(m.name, ''), f.userid) AS memberName, f.remark
       FROM follows f LEFT JOIN members m ON m.userid = f.userid
       WHERE f.external_userid IN ${JSON_LIST} AND f.gone_at IS NULL
       ORDER BY f.added_at, f.userid`,
    )
    .all(idList) as Array<CustomerRow['followers'][number] & { externalUserid: string }>
  const tags = statements
    .get(
      `SELECT ft.external_userid AS externalUserid, ft.tag_id AS tagId
       FROM follow_tags ft
       JOIN follows f ON f.external_userid = ft.external_userid AND f.userid = ft.userid
       LEFT JOIN tags t ON t.tag_id = ft.tag_id LEFT JOIN tag_groups g ON g.group_id = t.group_id
       WHERE ft.external_userid IN ${JSON_LIST} AND f.gone_at IS NULL
       ORDER BY t.tag_id IS NULL, g.sort_order, t.sort_order, ft.tag_id`,
    )
    .all(idList) as Array<{ externalUserid: string; tagId: string }>

  const byCustomer = new Map(
    rows.map((row): [string, CustomerRow] => [row.externalUserid, { ...row, followers: [], tagIds: [] }]),
  )
  for (const { externalUserid, ...follower } of followers) byCustomer.get(externalUserid)?.followers.push(follower)
  for (const { externalUserid, tagId } of tags) {
    const tagIds = byCustomer.get(externalUserid)?.tagIds
    if (tagIds && !tagIds.includes(tagId)) tagIds.push(tagId)
  }
  return [...byCustomer.values()]
}
