import { Buffer } from 'node:buffer'
import type { LocalMediaRef } from '../../../shared/massMessages'
import { WECOM_LIMITS } from '../../../shared/limits/wecom'
import { LocalMediaRepository } from '../store/repositories/local-media'
import type { Workspace } from '../store/workspace'
import { mediaEmpty, mediaNotBase64, mediaNotFound, mediaNotPreviewable, mediaTooLarge } from './errors'
import { identifyMedia, PREVIEWABLE_TYPES } from './sniff'

/** The largest attachment any WeCom upload accepts (files: 20 MB). */
const MAX_MEDIA_BYTES = WECOM_LIMITS.media.file.maxBytes
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
/** What FileReader.readAsDataURL puts before the payload; accepted and dropped. */
const DATA_URL_PREFIX = /^data:[^,]*;base64,/

/** A file picked in the editor, as the renderer sends it. */
export interface PickedFile {
  filename: string
  contentType: string
  dataBase64: string
}

/**
 * Media kept in the workspace (shared machinery: mass-message drafts, moments, welcome templates):
 * the bytes are stored locally and uploaded only when the content is sent, so drafts never hold a
 * media_id that expires after 3 days. Works offline.
 */
export class LocalMediaService {
  constructor(
    private readonly workspace: () => Workspace,
    private readonly now: () => number = Date.now,
  ) {}

  /** Decodes and stores the file under its real type (sniffed from the bytes). */
  add(file: PickedFile): LocalMediaRef {
    const bytes = decodeBase64(file)
    const identified = identifyMedia(bytes, file)
    return this.workspace()
      .repository(LocalMediaRepository)
      .add({ ...identified, bytes }, this.now())
  }

  /** A JPG/PNG as a `data:` URL for the editor's preview; other kinds are refused. */
  dataUrl(localMediaId: string): { dataUrl: string } {
    const stored = this.workspace().repository(LocalMediaRepository).get(localMediaId)
    if (stored === undefined) throw mediaNotFound(localMediaId)
    if (!PREVIEWABLE_TYPES.has(stored.ref.contentType)) throw mediaNotPreviewable(stored.ref.filename)
    return { dataUrl: `data:${stored.ref.contentType};base64,${Buffer.from(stored.bytes).toString('base64')}` }
  }
}

/** Strict base64 (Node's own decoder silently skips bad characters), size-checked before decoding. */
function decodeBase64(file: PickedFile): Uint8Array {
  const payload = file.dataBase64.replace(DATA_URL_PREFIX, '').replace(/\s+/g, '')
  const badLength = payload.length % 4 === 1 || (payload.endsWith('=') && payload.length % 4 !== 0)
  if (badLength || !BASE64.test(payload)) throw mediaNotBase64(file.filename)
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0
  const size = Math.floor((payload.length * 3) / 4) - padding
  if (size > MAX_MEDIA_BYTES) throw mediaTooLarge(file.filename, MAX_MEDIA_BYTES / 1024 / 1024)
  if (size <= 0) throw mediaEmpty(file.filename)
  return Buffer.from(payload, 'base64')
}
