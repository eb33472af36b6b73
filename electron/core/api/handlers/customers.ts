import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { customerDetail } from '../../services/customers/detail'
import { markTags, updateRemark } from '../../services/customers/edits'
import { memberSummaries } from '../../services/customers/members'
import { queryCustomers } from '../../services/customers/query'

/** customers:* — queries over the active profile's customer cache, and remark / tag edits (WeCom first). */
export function customersHandlers(ctx: CoreContext): Handlers['customers'] {
  const editDeps = () => ({ workspace: ctx.workspace(), client: () => ctx.connection.client() })
  return {
    query: async (input) => queryCustomers(ctx.workspace(), input),
    get: async ({ externalUserid }) => customerDetail(ctx.workspace(), externalUserid),
    members: async () => memberSummaries(ctx.workspace()),
    updateRemark: async (input) => updateRemark(editDeps(), input),
    markTags: async (input) => markTags(editDeps(), input),
  }
}
