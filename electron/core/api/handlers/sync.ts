import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { notAvailableYet } from '../not-available'

/** sync:* — being built (issue: customers, tags and groups). */
export function syncHandlers(_ctx: CoreContext): Handlers['sync'] {
  return new Proxy({} as Handlers['sync'], { get: () => async () => notAvailableYet() })
}
