import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { DraftService } from '../../services/drafts/drafts'
import { DraftMediaService } from '../../services/drafts/media'

/** drafts:* — mass-message drafts and their media, local to the active workspace (no network). */
export function draftsHandlers(ctx: CoreContext): Handlers['drafts'] {
  const drafts = new DraftService(ctx.workspace)
  const media = new DraftMediaService(ctx.workspace)
  return {
    list: async () => drafts.list(),
    get: async ({ id }) => drafts.get(id),
    save: async (input) => drafts.save(input),
    duplicate: async ({ id }) => drafts.duplicate(id),
    remove: async ({ id }) => drafts.remove(id),
    addMedia: async (input) => media.add(input),
    mediaDataUrl: async ({ localMediaId }) => media.dataUrl(localMediaId),
  }
}
