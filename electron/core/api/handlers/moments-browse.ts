import type { Handlers } from '../../../../shared/contract'
import type { momentsBrowseContract } from '../../../../shared/contract/moments-browse'
import type { CoreContext } from '../../context'
import { getCachedMoment } from '../../services/moments/browse/get'
import { MomentCache } from '../../services/moments/browse/cache'
import { MomentsLoader } from '../../services/moments/browse/loader'
import { publishProgress } from '../../services/moments/browse/progress'
import { listCachedMoments } from '../../services/moments/browse/query'
import { thumbnailDataUrl } from '../../services/moments/browse/thumbnails'

/** The browse calls (events such as onLoadProgress have no handler). */
type Part = Pick<Handlers['moments'], Extract<keyof Handlers['moments'], keyof typeof momentsBrowseContract>>

/** moments:* — the browse sub-area (see shared/contract/moments-browse.ts). */
export function momentsBrowseHandlers(ctx: CoreContext): Part {
  const client = () => ctx.connection.client()
  const loader = new MomentsLoader({
    client,
    workspace: ctx.workspace,
    locale: ctx.locale,
    log: ctx.log,
    onStatus: (status) => ctx.events.emit('moments:onLoadProgress', status),
  })
  return {
    list: async (query) => listCachedMoments(ctx.workspace(), loader, query),
    load: async (request) => loader.load(request),
    loadStatus: async () => loader.current(),
    get: async ({ momentId }) => getCachedMoment(ctx.workspace(), momentId),
    creators: async () => ctx.workspace().repository(MomentCache).creators(),
    publishProgress: async ({ momentIds }) => publishProgress(client, ctx.workspace(), momentIds),
    thumbnail: async ({ mediaId }) => thumbnailDataUrl(client, ctx.workspace(), mediaId),
  }
}
