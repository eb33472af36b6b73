import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'

/** moments:* — see shared/contract/moments.ts. */
export function momentsHandlers(_ctx: CoreContext): Handlers['moments'] {
  return {}
}
