import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { notAvailableYet } from '../not-available'

/** drafts:* — being built (issue: mass messages). */
export function draftsHandlers(_ctx: CoreContext): Handlers['drafts'] {
  return new Proxy({} as Handlers['drafts'], { get: () => async () => notAvailableYet() })
}
