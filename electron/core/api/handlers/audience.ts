import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { notAvailableYet } from '../not-available'

/** audience:* — being built (issue: customers, tags and groups). */
export function audienceHandlers(_ctx: CoreContext): Handlers['audience'] {
  return new Proxy({} as Handlers['audience'], { get: () => async () => notAvailableYet() })
}
