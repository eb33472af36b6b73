import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { notAvailableYet } from '../not-available'

/** groups:* — being built (issue: customers, tags and groups). */
export function groupsHandlers(_ctx: CoreContext): Handlers['groups'] {
  return new Proxy({} as Handlers['groups'], { get: () => async () => notAvailableYet() })
}
