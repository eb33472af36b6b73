import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { notAvailableYet } from '../not-available'

/** tags:* — being built (issue: customers, tags and groups). */
export function tagsHandlers(_ctx: CoreContext): Handlers['tags'] {
  return new Proxy({} as Handlers['tags'], { get: () => async () => notAvailableYet() })
}
