import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { notAvailableYet } from '../not-available'

/** customers:* — being built (issue: customers, tags and groups). */
export function customersHandlers(_ctx: CoreContext): Handlers['customers'] {
  return new Proxy({} as Handlers['customers'], { get: () => async () => notAvailableYet() })
}
