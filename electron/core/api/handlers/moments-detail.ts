import type { Handlers } from '../../../../shared/contract'
import type { momentsDetailContract } from '../../../../shared/contract/moments-detail'
import type { CoreContext } from '../../context'
import { MomentDetailService } from '../../services/moments/detail/detail'

/** The sub-area's calls (its events are emitted, not handled). */
type Part = Pick<Handlers['moments'], keyof typeof momentsDetailContract & keyof Handlers['moments']>

/**
 * moments:* — the detail sub-area (see shared/contract/moments-detail.ts): members' publish
 * status, their customers and the interactions of one moment; remind, stop and export.
 */
export function momentsDetailHandlers(ctx: CoreContext): Part {
  const details = new MomentDetailService({
    client: () => ctx.connection.client(),
    workspace: () => ctx.workspace(),
    events: ctx.events,
    locale: () => ctx.locale(),
  })
  return {
    detail: async (input) => details.detail(input),
    memberCustomers: async (input) => details.customers(input),
    remindMembers: async (input) => details.remind(input),
    remindMembersStatus: async ({ momentId }) => details.remindStatus(momentId),
    cancelMoment: async ({ momentId }) => details.cancel(momentId),
    exportDetail: async (input) => details.export(input),
  }
}
