import type { Handlers } from '../../../../shared/contract'
import type { momentsPublishContract } from '../../../../shared/contract/moments-publish'
import type { CoreContext } from '../../context'
import { LocalMediaService } from '../../media/local-media'
import { MomentDraftService } from '../../services/moments/publish/drafts'
import { addMomentMedia } from '../../services/moments/publish/media'
import { estimateRange, rangeOptions } from '../../services/moments/publish/range'
import { PublishService } from '../../services/moments/publish/service'

/** The publish sub-area's calls (events have no handler). */
type Part = Pick<Handlers['moments'], keyof typeof momentsPublishContract & keyof Handlers['moments']>

/** moments:* — the publish sub-area (see shared/contract/moments-publish.ts). */
export function momentsPublishHandlers(ctx: CoreContext): Part {
  const drafts = new MomentDraftService(ctx.workspace)
  const media = new LocalMediaService(ctx.workspace)
  const publishing = new PublishService(ctx).start()
  return {
    listDrafts: async () => drafts.list(),
    getDraft: async ({ id }) => drafts.get(id),
    saveDraft: async (input) => drafts.save(input),
    duplicateDraft: async ({ id }) => drafts.duplicate(id),
    removeDraft: async ({ id }) => drafts.remove(id),
    addDraftMedia: async ({ kind, ...file }) => addMomentMedia(ctx.workspace, kind, file, Date.now),
    draftMediaDataUrl: async ({ localMediaId }) => media.dataUrl(localMediaId),
    rangeOptions: async () => rangeOptions(ctx.workspace()),
    estimateRange: async ({ range }) => estimateRange(ctx.workspace(), range),
    publish: async (input) => publishing.publish(input),
    publishJobs: async () => publishing.jobs(),
    cancelPublish: async ({ jobId }) => publishing.cancel(jobId),
  }
}
