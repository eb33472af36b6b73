import { AppError } from '../../../errors'
import type { Workspace } from '../../../store/workspace'
import type { WecomClient } from '../../../wecom'
import { MomentCache } from './cache'

/** Larger files are not kept as thumbnails (the row shows a placeholder instead). */
const THUMBNAIL_MAX_BYTES = 5 * 1024 * 1024

/**
 * A moment image as a data URL for the list's thumbnails: downloaded once with media/get and kept
 * in the workspace. `null` when WeCom no longer has the file (temporary media expire) or it is not
 * an image; that answer is kept too, so the row does not ask again. Offline: `null`, not kept.
 */
export async function thumbnailDataUrl(
  client: () => Promise<WecomClient>,
  workspace: Workspace,
  mediaId: string,
  now: number = Date.now(),
): Promise<string | null> {
  const cache = workspace.repository(MomentCache)
  const kept = cache.media(mediaId)
  if (!kept) {
    try {
      const file = await (await client()).media.get(mediaId)
      const usable = file.contentType.startsWith('image/') && file.data.byteLength <= THUMBNAIL_MAX_BYTES
      cache.saveMedia(mediaId, file.contentType, usable ? file.data : null, now)
      return usable ? dataUrl(file.contentType, file.data) : null
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      // WeCom answered (expired or unknown media): remember; a connection failure is not kept.
      if (error.wecomErrcode !== undefined) cache.saveMedia(mediaId, '', null, now)
      return null
    }
  }
  return kept.bytes ? dataUrl(kept.contentType, kept.bytes) : null
}

function dataUrl(contentType: string, bytes: Uint8Array): string {
  return `data:${contentType};base64,${Buffer.from(bytes).toString('base64')}`
}
