import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { previewAudience } from '../../services/audience/resolve'

/** audience:* — who a customer filter reaches, over the active profile's cache. */
export function audienceHandlers(ctx: CoreContext): Handlers['audience'] {
  return {
    preview: async ({ filter }) => previewAudience(ctx.workspace(), filter),
  }
}
