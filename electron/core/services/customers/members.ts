import type { MemberSummary } from '../../../../shared/customers'
import { StatementCache } from '../../store/repositories/statement-cache'
import type { Workspace } from '../../store/workspace'
import { liveFollow } from './filter-sql'

/**
 * Live members with customer contact and how many live customers each follows (live follows of
 * customers not gone), sorted by name then userid, for the member filter and pickers. A member
 * without a cached name shows its userid. Liveness is probed in the small gone-row indexes.
 */
export function memberSummaries(workspace: Workspace): MemberSummary[] {
  return workspace
    .repository(StatementCache)
    .get(
      `SELECT m.userid, coalesce(nullif(m.name, ''), m.userid) AS name,
         (SELECT count(*) FROM follows f WHERE f.userid = m.userid AND ${liveFollow('f')}
            AND NOT EXISTS (SELECT 1 FROM customers gc INDEXED BY customers_gone
              WHERE gc.external_userid = f.external_userid AND gc.gone_at IS NOT NULL)) AS customerCount
       FROM members m WHERE m.gone_at IS NULL
       ORDER BY name, m.userid`,
    )
    .all() as unknown as MemberSummary[]
}
