import type { Handlers } from '../../../../shared/contract'
import type { momentsContract } from '../../../../shared/contract/moments'
import type { momentsPublishContract } from '../../../../shared/contract/moments-publish'
import type { CoreContext } from '../../context'

type Part = Pick<Handlers['moments'], keyof typeof momentsPublishContract & keyof typeof momentsContract>

/** moments:* — the publish sub-area (see shared/contract/moments-publish.ts). */
export function momentsPublishHandlers(_ctx: CoreContext): Part {
  return {}
}
