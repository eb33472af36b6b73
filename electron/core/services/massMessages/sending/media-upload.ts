import type { Attachment, LocalMediaRef, MediaKind } from '../../../../../shared/massMessages'
import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import { LocalMediaRepository, MediaUploadRepository } from '../../../store/repositories/local-media'
import type { Workspace } from '../../../store/workspace'
import type { MessageAttachment, WecomClient } from '../../../wecom'
import { mediaNotFound } from '../drafts/errors'

/**
 * Turns frozen content into add_msg_template attachments at send time: each local file becomes a
 * media_id, reusing one uploaded less than 2.5 days ago (they expire after 3) and uploading the
 * bytes otherwise. The upload time is taken before the call, so the age is never underestimated.
 */
export async function uploadAttachments(
  attachments: readonly Attachment[],
  deps: { workspace: Workspace; client: WecomClient; now: () => number },
): Promise<MessageAttachment[]> {
  const media = deps.workspace.repository(LocalMediaRepository)
  const uploads = deps.workspace.repository(MediaUploadRepository)
  const mediaId = async (ref: LocalMediaRef, kind: MediaKind): Promise<string> => {
    const stored = media.get(ref.localMediaId)
    if (stored === undefined) throw mediaNotFound(ref.localMediaId)
    const cached = uploads.get(stored.sha256, kind)
    const startedAt = deps.now()
    if (cached && startedAt - cached.uploadedAt < WECOM_LIMITS.media.mediaIdMaxAgeMs) return cached.mediaId
    const uploaded = await deps.client.media.upload(kind, {
      data: stored.bytes,
      filename: ref.filename,
      contentType: ref.contentType,
    })
    uploads.put(stored.sha256, kind, uploaded.media_id, startedAt)
    return uploaded.media_id
  }

  const out: MessageAttachment[] = []
  for (const attachment of attachments) {
    switch (attachment.msgtype) {
      case 'image':
        out.push({ msgtype: 'image', image: { media_id: await mediaId(attachment.image, 'image') } })
        break
      case 'video':
        out.push({ msgtype: 'video', video: { media_id: await mediaId(attachment.video, 'video') } })
        break
      case 'file':
        out.push({ msgtype: 'file', file: { media_id: await mediaId(attachment.file, 'file') } })
        break
      case 'link': {
        const { title, url, desc, picurl } = attachment.link
        out.push({ msgtype: 'link', link: { title, url, ...(desc ? { desc } : {}), ...(picurl ? { picurl } : {}) } })
        break
      }
      case 'miniprogram': {
        const { title, appid, page, cover } = attachment.miniprogram
        out.push({
          msgtype: 'miniprogram',
          miniprogram: { title, appid, page, pic_media_id: await mediaId(cover, 'image') },
        })
        break
      }
    }
  }
  return out
}
