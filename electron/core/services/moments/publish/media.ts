import { Buffer } from 'node:buffer'
import type { DatabaseSync } from 'node:sqlite'
import {
  describeMomentRule,
  momentFileIssues,
  type MomentAttachment,
  type MomentMedia,
  type MomentMediaKind,
} from '../../../../../shared/moments-publish'
import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import { text } from '../../../errors'
import { mediaNotFound } from '../../../media/errors'
import { LocalMediaService, type PickedFile } from '../../../media/local-media'
import { identifyMedia } from '../../../media/sniff'
import { LocalMediaRepository } from '../../../store/repositories/local-media'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'
import type { MomentAttachment as WecomMomentAttachment, WecomClient } from '../../../wecom'
import { imageSize, mp4DurationSeconds } from '../../../wecom/media-rules'
import { momentFileRefused } from './errors'

/** media_ids from media/upload_attachment (attachment_type 1) by content (schema slot 11). */
export class MomentMediaUploads {
  private readonly statements: StatementCache

  constructor(db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  get(sha256: string, kind: MomentMediaKind): { mediaId: string; uploadedAt: number } | undefined {
    return this.statements
      .get(
        'SELECT media_id AS mediaId, uploaded_at AS uploadedAt FROM moment_media_uploads WHERE sha256 = ? AND kind = ?',
      )
      .get(sha256, kind) as { mediaId: string; uploadedAt: number } | undefined
  }

  put(sha256: string, kind: MomentMediaKind, mediaId: string, uploadedAt: number): void {
    this.statements
      .get(
        `INSERT INTO moment_media_uploads (sha256, kind, media_id, uploaded_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (sha256, kind) DO UPDATE SET media_id = excluded.media_id, uploaded_at = excluded.uploaded_at`,
      )
      .run(sha256, kind, mediaId, uploadedAt)
  }
}

const DATA_URL_PREFIX = /^data:[^,]*;base64,/

/** Pixels of an image, length of a video, read from the bytes. */
export function measureMedia(
  bytes: Uint8Array,
  kind: MomentMediaKind,
): Pick<MomentMedia, 'width' | 'height' | 'durationMs'> {
  if (kind === 'image') {
    const size = imageSize(bytes)
    return size ? { width: size.width, height: size.height } : {}
  }
  const seconds = mp4DurationSeconds(bytes)
  return seconds === undefined ? {} : { durationMs: Math.round(seconds * 1000) }
}

/**
 * Keeps a file picked for a moment: its real type is read from the bytes, its pixels (image) or
 * length (video) measured, and the moments rules checked with the shared rule code. A file that
 * breaks one is refused, naming the rule, and is not stored; the draft is not touched here at all.
 */
export function addMomentMedia(
  workspace: () => Workspace,
  kind: MomentMediaKind,
  file: PickedFile,
  now: () => number,
): MomentMedia {
  const payload = file.dataBase64.replace(DATA_URL_PREFIX, '').replace(/\s+/g, '')
  // Size first, from the base64 length, before decoding anything large.
  const roughSize = Math.floor((payload.length * 3) / 4)
  const early = momentFileIssues(
    kind,
    { filename: file.filename, contentType: file.contentType, size: roughSize },
    false,
  )
  const sizeIssue = early.find((issue) => issue.rule === 'size' && issue.key === 'mp.size')
  if (sizeIssue)
    throw momentFileRefused(text(describeMomentRule(sizeIssue, 'zh-CN'), describeMomentRule(sizeIssue, 'en')))
  const bytes = Buffer.from(payload, 'base64')
  const identified = identifyMedia(bytes, file)
  const measured = { ...identified, size: bytes.byteLength, ...measureMedia(bytes, kind) }
  const [issue] = momentFileIssues(kind, measured)
  if (issue) throw momentFileRefused(text(describeMomentRule(issue, 'zh-CN'), describeMomentRule(issue, 'en')))
  const ref = new LocalMediaService(workspace, now).add(file)
  return { ...ref, ...measureMedia(bytes, kind) }
}

/**
 * A media_id from media/upload_attachment (attachment_type 1) for a kept file: one uploaded less
 * than 2.5 days ago is reused (they expire after 3). The upload time is taken before the call.
 */
async function attachmentMediaId(
  media: MomentMedia,
  kind: MomentMediaKind,
  deps: { workspace: Workspace; client: WecomClient; now: () => number },
): Promise<string> {
  const stored = deps.workspace.repository(LocalMediaRepository).get(media.localMediaId)
  if (stored === undefined) throw mediaNotFound(media.localMediaId)
  const uploads = deps.workspace.repository(MomentMediaUploads)
  const cached = uploads.get(stored.sha256, kind)
  const startedAt = deps.now()
  if (cached && startedAt - cached.uploadedAt < WECOM_LIMITS.media.mediaIdMaxAgeMs) return cached.mediaId
  const uploaded = await deps.client.media.uploadAttachment(kind, 1, {
    data: stored.bytes,
    filename: media.filename,
    contentType: media.contentType,
  })
  uploads.put(stored.sha256, kind, uploaded.media_id, startedAt)
  return uploaded.media_id
}

/** The attachments of add_moment_task with fresh media_ids, uploaded one by one. */
export async function uploadMomentAttachments(
  attachments: readonly MomentAttachment[],
  deps: { workspace: Workspace; client: WecomClient; now: () => number },
): Promise<WecomMomentAttachment[]> {
  const out: WecomMomentAttachment[] = []
  for (const attachment of attachments) {
    if (attachment.msgtype === 'image')
      out.push({ msgtype: 'image', image: { media_id: await attachmentMediaId(attachment.image, 'image', deps) } })
    else if (attachment.msgtype === 'video')
      out.push({ msgtype: 'video', video: { media_id: await attachmentMediaId(attachment.video, 'video', deps) } })
    else {
      const cover = attachment.link.cover
      if (cover === undefined) throw mediaNotFound('cover')
      out.push({
        msgtype: 'link',
        link: {
          ...(attachment.link.title ? { title: attachment.link.title } : {}),
          url: attachment.link.url,
          media_id: await attachmentMediaId(cover, 'image', deps),
        },
      })
    }
  }
  return out
}
