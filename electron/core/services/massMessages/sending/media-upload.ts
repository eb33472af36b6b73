import type { Attachment, LocalMediaRef, MediaKind } from '../../../../../shared/massMessages'
import { uploadedMediaId, type UploadDeps } from '../../../media/upload'
import type { MessageAttachment } from '../../../wecom'

/**
 * Turns frozen content into add_msg_template attachments at send time: each local file becomes a
 * media_id through the shared upload cache (electron/core/media/upload.ts).
 */
export async function uploadAttachments(
  attachments: readonly Attachment[],
  deps: UploadDeps,
): Promise<MessageAttachment[]> {
  const mediaId = (ref: LocalMediaRef, kind: MediaKind) => uploadedMediaId(ref, kind, deps)

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
