import { WECOM_LIMITS } from '../../../shared/limits/wecom'
import type { SandboxState } from '../../../electron/core/sandbox/types'
import { memberRanges } from '../../../electron/core/services/customers/sync/batching'
import { UNFILTERED_LIST_MAX_MEMBERS } from '../../../electron/core/services/customers/sync/groups-phase'

/** The fewest calls a full sync of the corp can make, per path, and the bounds behind them. */
export interface MinCalls {
  total: number
  byPath: Record<string, number>
  /** (customer, member) pairs: what batch/get_by_user enumerates. */
  pairs: number
  /** ceil(pairs / 100): batch/get_by_user pages if every page were full, whatever the batching. */
  customerPagesLowerBound: number
}

const pagesFor = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize))

/**
 * Counts, from the sandbox's ground truth, the calls a full first sync cannot avoid:
 * - gettoken: 1, unless the client already holds a valid token (connecting fetched one);
 * - get_follow_user_list 1, user/simplelist 1 (member names), get_corp_tag_list 1;
 * - batch/get_by_user: with the sync's batching (`memberRanges` over the follow users, the same
 *   function the engine uses), each userid list pages its pairs 100 at a time, pages filling
 *   across its members, so it costs max(1, ceil(its pairs / 100)). No batching can beat
 *   ceil(all pairs / 100) (`customerPagesLowerBound`); the sync's lists cost at most one partial
 *   page each above it;
 * - groupchat/list: max(1, ceil(groups / 1000)) without owner filter; above 1,000 visible members
 *   one call or more per owner list of ≤ 100 (the fewest lists);
 * - groupchat/get: one per group.
 */
export function minCalls(state: SandboxState, options: { concurrency: number; tokenHeld: boolean }): MinCalls {
  const followUsers = state.members.map((member) => member.userid)
  const pairsOf = (userids: readonly string[]) =>
    userids.reduce((sum, userid) => sum + (state.customersByMember.get(userid)?.length ?? 0), 0)
  const customerPages = memberRanges(followUsers.length, WECOM_LIMITS.customer.batchUserids, options.concurrency)
    .map(([from, to]) => pagesFor(pairsOf(followUsers.slice(from, to)), WECOM_LIMITS.customer.batchPageSize))
    .reduce((sum, pages) => sum + pages, 0)
  const groupsPerPage = WECOM_LIMITS.groupchat.listPageSize
  const listPages =
    followUsers.length > UNFILTERED_LIST_MAX_MEMBERS
      ? memberRanges(followUsers.length, WECOM_LIMITS.groupchat.ownerFilter, 1)
          .map(([from, to]) => {
            const owners = new Set(followUsers.slice(from, to))
            return pagesFor(state.groupChats.filter((chat) => owners.has(chat.owner)).length, groupsPerPage)
          })
          .reduce((sum, pages) => sum + pages, 0)
      : pagesFor(state.groupChats.length, groupsPerPage)
  const byPath: Record<string, number> = {
    gettoken: options.tokenHeld ? 0 : 1,
    'externalcontact/get_follow_user_list': 1,
    'user/simplelist': 1,
    'externalcontact/get_corp_tag_list': 1,
    'externalcontact/batch/get_by_user': followUsers.length === 0 ? 0 : customerPages,
    'externalcontact/groupchat/list': listPages,
    'externalcontact/groupchat/get': state.groupChats.length,
  }
  const pairs = pairsOf(followUsers)
  return {
    total: Object.values(byPath).reduce((sum, calls) => sum + calls, 0),
    byPath,
    pairs,
    customerPagesLowerBound: Math.ceil(pairs / WECOM_LIMITS.customer.batchPageSize),
  }
}
