import type { Handlers } from '../../../../shared/contract'
import type { momentsContract } from '../../../../shared/contract/moments'
import type { momentsDetailContract } from '../../../../shared/contract/moments-detail'
import type { CoreContext } from '../../context'

type Part = Pick<Handlers['moments'], keyof typeof momentsDetailContract & keyof typeof momentsContract>

/** moments:* — the detail sub-area (see shared/contract/moments-detail.ts). */
export function momentsDetailHandlers(_ctx: CoreContext): Part {
  return {}
}
