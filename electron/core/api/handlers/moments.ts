import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { momentsBrowseHandlers } from './moments-browse'
import { momentsDetailHandlers } from './moments-detail'
import { momentsPublishHandlers } from './moments-publish'

/** moments:* — customer moments (客户朋友圈): browse, detail and publish, each in its own file. */
export function momentsHandlers(ctx: CoreContext): Handlers['moments'] {
  return { ...momentsBrowseHandlers(ctx), ...momentsDetailHandlers(ctx), ...momentsPublishHandlers(ctx) }
}
