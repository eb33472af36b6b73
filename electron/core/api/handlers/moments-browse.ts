import type { Handlers } from '../../../../shared/contract'
import type { momentsBrowseContract } from '../../../../shared/contract/moments-browse'
import type { CoreContext } from '../../context'
import { AppError, text } from '../../errors'
import { getCachedMoment } from '../../services/moments/browse/get'
import { MomentCache } from '../../services/moments/browse/cache'
import { MomentsLoader } from '../../services/moments/browse/loader'
import { publishProgress } from '../../services/moments/browse/progress'
import { listCachedMoments } from '../../services/moments/browse/query'
import { thumbnailDataUrl } from '../../services/moments/browse/thumbnails'

/** The browse calls (events such as onLoadProgress have no handler). */
type Part = Pick<Handlers['moments'], Extract<keyof Handlers['moments'], keyof typeof momentsBrowseContract>>

const PROFILE_CHANGED = new AppError(
  'moments_profile_changed',
  text(
    '已切换到另一个企业，这段朋友圈没有继续获取。',
    'You switched to another company, so these moments were not fetched.',
  ),
  {
    hint: text(
      '切换回原来的企业后再打开朋友圈列表即可。',
      'Switch back to that company and open the moments list again.',
    ),
  },
)

/** moments:* — the browse sub-area (see shared/contract/moments-browse.ts). */
export function momentsBrowseHandlers(ctx: CoreContext): Part {
  const client = () => ctx.connection.client()
  // One loader per connection profile: what is being fetched and what failed belong to its workspace.
  const loaders = new Map<string, MomentsLoader>()
  const loaderOf = (profileId: string = ctx.activeProfileId()): MomentsLoader => {
    let loader = loaders.get(profileId)
    if (!loader) {
      loader = new MomentsLoader({
        // A window is fetched with this profile's connection only: after a switch it fails and stays missing.
        client: async () => {
          if (ctx.activeProfileId() !== profileId) throw PROFILE_CHANGED
          return ctx.connection.client()
        },
        workspace: () => ctx.workspaces.forProfile(profileId),
        locale: ctx.locale,
        log: ctx.log,
        onStatus: (status) => {
          if (profileId === ctx.activeProfileId()) ctx.events.emit('moments:onLoadProgress', status)
        },
      })
      loaders.set(profileId, loader)
    }
    return loader
  }
  return {
    list: async (query) => listCachedMoments(ctx.workspace(), loaderOf(), query),
    load: async (request) => loaderOf().load(request),
    loadStatus: async () => loaderOf().current(),
    get: async ({ momentId }) => getCachedMoment(ctx.workspace(), momentId),
    creators: async () => ctx.workspace().repository(MomentCache).creators(),
    publishProgress: async ({ momentIds }) => publishProgress(client, ctx.workspace(), momentIds),
    thumbnail: async ({ mediaId }) => thumbnailDataUrl(client, ctx.workspace(), mediaId),
  }
}
