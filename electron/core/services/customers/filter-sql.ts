import type { SQLInputValue } from 'node:sqlite'
import type { CustomerFilter } from '../../../../shared/customers'
import { JSON_LIST, jsonList } from '../../store/json-list'

export { JSON_LIST, jsonList }

/** A SQL condition with its bound parameters, in the order the `?` placeholders appear. */
export interface SqlCondition {
  sql: string
  params: SQLInputValue[]
}

/**
 * `customers c` for a full pass over the filter (count, read-ahead, audience): named, because the
 * planner, without statistics, may otherwise walk a sort index and read every table row.
 */
export const CUSTOMER_SCAN = 'customers c INDEXED BY customers_live_id'

/** The customer `c` is live: the whole condition of an empty filter. */
export const LIVE_CUSTOMER = 'c.gone_at IS NULL'

/** An omitted or empty list restricts nothing. */
function given<T>(values: readonly T[] | undefined): values is readonly T[] {
  return values !== undefined && values.length > 0
}

/**
 * The follow relation `alias.external_userid` / `alias.userid` is live: a probe of the small partial
 * index of gone follows (migration 4) instead of a lookup in the follows table.
 */
export function liveFollow(alias: string): string {
  return `NOT EXISTS (SELECT 1 FROM follows gf INDEXED BY follows_gone
    WHERE gf.external_userid = ${alias}.external_userid AND gf.userid = ${alias}.userid AND gf.gone_at IS NOT NULL)`
}

function withMembers(filter: CustomerFilter, alias: 'f' | 'ft', live: string): SqlCondition {
  return given(filter.members)
    ? { sql: `${live} AND ${alias}.userid IN ${JSON_LIST}`, params: [jsonList(filter.members)] }
    : { sql: live, params: [] }
}

/**
 * The follow relations a filter looks at, as a condition on `follows f`: live ones, and only the
 * chosen members' when `members` is given.
 */
export function scopedFollows(filter: CustomerFilter): SqlCondition {
  return withMembers(filter, 'f', 'f.gone_at IS NULL')
}

/** Rows naming customers: `FROM … WHERE …` of a subquery and the column holding external_userid. */
interface CustomerRows extends SqlCondition {
  column: string
}

/** The filter's scoped follows, narrowed by `extra` (a condition on `follows f`) when given. */
function follows(filter: CustomerFilter, extra?: SqlCondition): CustomerRows {
  const scope = scopedFollows(filter)
  return extra
    ? {
        sql: `FROM follows f WHERE ${extra.sql} AND ${scope.sql}`,
        params: [...extra.params, ...scope.params],
        column: 'f.external_userid',
      }
    : { sql: `FROM follows f WHERE ${scope.sql}`, params: scope.params, column: 'f.external_userid' }
}

/** The scoped postings (`follow_tags ft`) of the listed tags; liveness is read as in `liveFollow`. */
function postings(filter: CustomerFilter, tagIds: readonly string[]): CustomerRows {
  const scope = withMembers(filter, 'ft', liveFollow('ft'))
  return {
    sql: `FROM follow_tags ft WHERE ft.tag_id IN ${JSON_LIST} AND ${scope.sql}`,
    params: [jsonList(tagIds), ...scope.params],
    column: 'ft.external_userid',
  }
}

/**
 * The customer `c` is one of `rows`. With `probe`, each customer reaching this test probes the rows'
 * index (cheap when a text search has already left few); otherwise the rows are read once as a set
 * that the scan is driven from or checked against (cheap when many customers reach the test).
 */
function customerIn(rows: CustomerRows, probe: boolean): SqlCondition {
  return probe
    ? { sql: `EXISTS (SELECT 1 ${rows.sql} AND ${rows.column} = c.external_userid)`, params: rows.params }
    : { sql: `c.external_userid IN (SELECT ${rows.column} ${rows.sql})`, params: rows.params }
}

/** The customer `c` has a scoped posting of every listed tag (`probe` as in `customerIn`). */
function hasEveryTag(filter: CustomerFilter, tagIds: readonly string[], probe: boolean): SqlCondition {
  const distinct = [...new Set(tagIds)]
  const rows = postings(filter, distinct)
  return probe
    ? {
        sql: `(SELECT count(DISTINCT ft.tag_id) ${rows.sql} AND ${rows.column} = c.external_userid) = ?`,
        params: [...rows.params, distinct.length],
      }
    : {
        sql: `c.external_userid IN (SELECT ${rows.column} ${rows.sql}
          GROUP BY ${rows.column} HAVING count(DISTINCT ft.tag_id) = ?)`,
        params: [...rows.params, distinct.length],
      }
}

/**
 * The WHERE clause of every customer selection (`customers c`): the Customers page's query and
 * count and the audience engine all use it, so a filter means the same everywhere.
 *
 * Semantics (an omitted or empty list restricts nothing):
 * - customers the last complete sync no longer found (`gone_at`) are always left out;
 * - `search`: case-insensitive (Latin letters) substring of the customer's name, company, and every
 *   live follow's remark, remark company and description (`search_text`);
 * - `members`: followed (live follow) by at least one of them; it also narrows `tags`,
 *   `excludeTags` and `addWays` to those members' own follows ("张伟's customers tagged 高意向"
 *   means 张伟 tagged them);
 * - `tags`: over the tags of the customer's (scoped) live follows together: `or` = carries at least
 *   one of the ids, `and` = carries every id;
 * - `excludeTags`: left out when a (scoped) live follow carries any of the ids;
 * - `excludeCustomers`: these external_userids are left out;
 * - `addedFrom` / `addedTo`: the customer's earliest live follow (`added_at`), both ends included;
 * - `genders`, `types`: the customer's own gender / type is one of them;
 * - `addWays`: a (scoped) live follow was added in one of these ways.
 *
 * Shape, for speed at 100,000 customers: the customer's own columns are tested first (all in the
 * `customers_live_id` index). A text search leaves few customers, so tags and add ways are then
 * probed per customer; without one, they are read once from their indexes as sets.
 */
export function customerFilterSql(filter: CustomerFilter): SqlCondition {
  const parts: string[] = [LIVE_CUSTOMER]
  const params: SQLInputValue[] = []
  const add = (condition: SqlCondition) => {
    parts.push(condition.sql)
    params.push(...condition.params)
  }
  const probe = Boolean(filter.search)

  if (filter.addedFrom !== undefined) add({ sql: 'c.added_at >= ?', params: [filter.addedFrom] })
  if (filter.addedTo !== undefined) add({ sql: 'c.added_at <= ?', params: [filter.addedTo] })
  if (filter.search) add({ sql: 'instr(c.search_text, lower(?)) > 0', params: [filter.search] })
  if (given(filter.genders)) add({ sql: `c.gender IN ${JSON_LIST}`, params: [jsonList(filter.genders)] })
  if (given(filter.types)) add({ sql: `c.type IN ${JSON_LIST}`, params: [jsonList(filter.types)] })
  if (given(filter.excludeCustomers)) {
    add({ sql: `c.external_userid NOT IN ${JSON_LIST}`, params: [jsonList(filter.excludeCustomers)] })
  }
  if (given(filter.members)) add(customerIn(follows(filter), false))
  if (filter.tags) {
    const { mode, ids } = filter.tags
    add(mode === 'and' ? hasEveryTag(filter, ids, probe) : customerIn(postings(filter, ids), probe))
  }
  if (given(filter.excludeTags)) {
    const tagged = customerIn(postings(filter, filter.excludeTags), probe)
    add({ sql: `NOT ${tagged.sql}`, params: tagged.params })
  }
  if (given(filter.addWays)) {
    const ways = { sql: `f.add_way IN ${JSON_LIST}`, params: [jsonList(filter.addWays)] }
    add(customerIn(follows(filter, ways), probe))
  }

  return { sql: parts.join('\n  AND '), params }
}
