import type { DatabaseSync } from 'node:sqlite'
import type { Attachment, LocalMediaRef, MediaKind } from '../../../../shared/mass-message'
import { WECOM_LIMITS } from '../../../../shared/limits/wecom'
import { LocalMediaRepository } from '../../store/repositories/local-media'
import { StatementCache } from '../../store/repositories/statement-cache'
import type { Workspace } from '../../store/workspace'
import type { MessageAttachment, WecomClient } from '../../wecom'
import { mediaNotFound } from '../drafts/errors'

/**
 * The media_ids uploads gave (schema: migration 3, table `media_uploads`), by file content and
 * kind, so identical bytes are uploaded once per 2.5 days rather than once per send.
 */
export class MediaUploadRepository {
  private readonly statements: StatementCache

  constructor(db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  get(sha256: string, kind: MediaKind): { mediaId: string; uploadedAt: number } | undefined {
    return this.statements
      .get('SELECT media_id AS mediaId, uploaded_at AS uploadedAt FROM media_uploads WHERE sha256 = ? AND kind = ?')
      .get(sha256, kind) as { mediaId: string; uploadedAt: number } | undefined
  }

  put(sha256: string, kind: MediaKind, mediaId: string, uploadedAt: number): void {
    this.statements
      .get(
        `INSERT INTO media_uploads (sha256, kind, media_id, uploaded_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (sha256, kind) DO UPDATE SET media_id = excluded.media_id, uploaded_at = excluded.uploaded_at`,
      )
      .run(sha256, kind, mediaId, uploadedAt)
  }
}

/**
 * Turns frozen content into add_msg_template attachments at send time: each local file becomes a
 * media_id, reusing one uploaded less than 2.5 days ago (they expire after 3) and uploading the
 * bytes otherwise. The upload time is taken before the call, so the age is never underestimated.
 */
export async function uploadAttachments(
  attachments: readonly Attachment[],
  deps: { workspace: Workspace; client: WecomClient; now: () => number },
): Promise<MessageAttachment[]> {
  const uploads = deps.workspace.repository(MediaUploadRepository)
  const mediaId = async (ref: LocalMediaRef, kind: MediaKind): Promise<string> => {
    const stored = deps.workspace.repository(LocalMediaRepository).get(ref.localMediaId)
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
