import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { notAvailableYet } from '../not-available'

/** massMessages:* — being built (issue: mass messages). */
export function massMessagesHandlers(_ctx: CoreContext): Handlers['massMessages'] {
  return new Proxy({} as Handlers['massMessages'], { get: () => async () => notAvailableYet() })
}
