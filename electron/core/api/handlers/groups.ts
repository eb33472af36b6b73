import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { groupDetail } from '../../services/groups/detail'
import { queryGroups } from '../../services/groups/query'

/** groups:* — customer groups from the active profile's cache. */
export function groupsHandlers(ctx: CoreContext): Handlers['groups'] {
  return {
    query: async (input) => queryGroups(ctx.workspace(), input),
    get: async ({ chatId }) => groupDetail(ctx.workspace(), chatId),
  }
}
