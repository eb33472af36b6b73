import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { notAvailableYet } from '../not-available'

/** campaigns:* — being built (issue: mass messages). */
export function campaignsHandlers(_ctx: CoreContext): Handlers['campaigns'] {
  return new Proxy({} as Handlers['campaigns'], { get: () => async () => notAvailableYet() })
}
