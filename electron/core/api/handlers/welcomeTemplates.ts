import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'

/** welcomeTemplates:* — see shared/contract/welcomeTemplates.ts. */
export function welcomeTemplatesHandlers(_ctx: CoreContext): Handlers['welcomeTemplates'] {
  return {}
}
