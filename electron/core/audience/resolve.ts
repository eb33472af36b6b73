import type { AudiencePreview, CustomerFilter } from '../../../shared/customers'
import { StatementCache } from '../store/repositories/statement-cache'
import type { Workspace } from '../store/workspace'
import { CUSTOMER_SCAN, customerFilterSql, scopedFollows, type SqlCondition } from '../services/customers/filter-sql'

/** The customers a filter reaches and, per member, the customers whose task that member would get. */
export interface Audience {
  count: number
  /** Sorted by external_userid, so chunking it is repeatable. */
  externalUserids: string[]
  bySender: Map<string, string[]>
}

/**
 * Every matching customer with its sender, one row each. WeCom gives a customer followed by several
 * members to "the member who last interacted with the customer" (reference §3.1); the cache cannot
 * see interactions, so the console takes the most recent live follow (largest added_at, then the
 * smallest userid), among `filter.members`' follows when given. A customer with no live follow
 * cannot be reached and gets no sender.
 */
function audienceRows(filter: CustomerFilter): SqlCondition {
  const where = customerFilterSql(filter)
  const scope = scopedFollows(filter)
  return {
    sql: `SELECT c.external_userid AS externalUserid,
        (SELECT f.userid FROM follows f WHERE f.external_userid = c.external_userid AND ${scope.sql}
         ORDER BY f.added_at DESC, f.userid LIMIT 1) AS sender
      FROM ${CUSTOMER_SCAN} WHERE ${where.sql}`,
    params: [...scope.params, ...where.params],
  }
}

/**
 * Resolves a filter to its audience in one SQL statement (no per-customer round trips), for the
 * preview, mass messages and moments. Customers without a sender are not part of it.
 */
export function resolveAudience(workspace: Workspace, filter: CustomerFilter): Audience {
  const rows = audienceRows(filter)
  const matched = workspace
    .repository(StatementCache)
    .get(`SELECT externalUserid, sender FROM (${rows.sql}) WHERE sender IS NOT NULL ORDER BY externalUserid`)
    .all(...rows.params) as Array<{ externalUserid: string; sender: string }>
  const bySender = new Map<string, string[]>()
  for (const { externalUserid, sender } of matched) {
    const customers = bySender.get(sender)
    if (customers) customers.push(externalUserid)
    else bySender.set(sender, [externalUserid])
  }
  return { count: matched.length, externalUserids: matched.map((row) => row.externalUserid), bySender }
}

/**
 * How many customers a filter reaches and how many tasks each member would get (busiest first),
 * counted in SQLite without materializing the ids; the same rows as `resolveAudience`.
 */
export function previewAudience(workspace: Workspace, filter: CustomerFilter): AudiencePreview {
  const rows = audienceRows(filter)
  const senders = workspace
    .repository(StatementCache)
    .get(
      `SELECT a.sender AS userid, coalesce(nullif(m.name, ''), a.sender) AS name, count(*) AS count
       FROM (${rows.sql}) a LEFT JOIN members m ON m.userid = a.sender
       WHERE a.sender IS NOT NULL
       GROUP BY a.sender ORDER BY count DESC, a.sender`,
    )
    .all(...rows.params) as unknown as AudiencePreview['senders']
  return { count: senders.reduce((sum, sender) => sum + sender.count, 0), senders }
}
