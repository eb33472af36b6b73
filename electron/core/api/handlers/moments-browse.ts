import type { Handlers } from '../../../../shared/contract'
import type { momentsContract } from '../../../../shared/contract/moments'
import type { momentsBrowseContract } from '../../../../shared/contract/moments-browse'
import type { CoreContext } from '../../context'

type Part = Pick<Handlers['moments'], keyof typeof momentsBrowseContract & keyof typeof momentsContract>

/** moments:* — the browse sub-area (see shared/contract/moments-browse.ts). */
export function momentsBrowseHandlers(_ctx: CoreContext): Part {
  return {}
}
