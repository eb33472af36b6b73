import type { LocalMediaRef, MediaKind } from '../../../shared/massMessages'
import { WECOM_LIMITS } from '../../../shared/limits/wecom'
import { LocalMediaRepository, MediaUploadRepository } from '../store/repositories/local-media'
import type { Workspace } from '../store/workspace'
import type { WecomClient } from '../wecom'
import { mediaNotFound } from './errors'

export interface UploadDeps {
  workspace: Workspace
  client: WecomClient
  now: () => number
}

/**
 * A media_id (media/upload) for a locally kept file: one uploaded less than 2.5 days ago is reused
 * (they expire after 3), otherwise the bytes are uploaded. The upload time is taken before the call,
 * so the age is never underestimated.
 */
export async function uploadedMediaId(ref: LocalMediaRef, kind: MediaKind, deps: UploadDeps): Promise<string> {
  const stored = deps.workspace.repository(LocalMediaRepository).get(ref.localMediaId)
  if (stored === undefined) throw mediaNotFound(ref.localMediaId)
  const uploads = deps.workspace.repository(MediaUploadRepository)
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
