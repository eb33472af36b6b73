import { DAY_MS, toUnixSeconds } from '../clock'
import type { MediaItem, MediaKind } from '../model'
import { BinaryReply, readRoute, type RouteTable, type SandboxContext, type UploadedFile } from '../routing'
import { optionalInteger, requiredString, type Fields } from '../request-fields'
import { invalidParameter, WeComError } from '../wecom-error'
import { imageSize, mp4DurationSeconds } from '../../wecom/media-rules'

const MB = 1024 * 1024
/** Temporary media expire after 3 days of sandbox time. */
const MEDIA_TTL_MS = 3 * DAY_MS
/** Uploads must be larger than this many bytes. */
const MIN_BYTES = 5

interface UploadRule {
  maxBytes: number
  /** Accepted file extensions; empty = any. */
  extensions: readonly string[]
  /** errcode for a size outside the limits: 40009 for images, 40006 otherwise. */
  sizeErrcode: number
}

const ANY_FILE: readonly string[] = []
const IMAGE_FILES = ['jpg', 'jpeg', 'png']

/** media/upload limits per type [9, 0.7]. */
const UPLOAD_RULES: Readonly<Record<MediaKind, UploadRule>> = {
  image: { maxBytes: 10 * MB, extensions: IMAGE_FILES, sizeErrcode: 40009 },
  voice: { maxBytes: 2 * MB, extensions: ['amr'], sizeErrcode: 40006 },
  video: { maxBytes: 10 * MB, extensions: ['mp4'], sizeErrcode: 40006 },
  file: { maxBytes: 20 * MB, extensions: ANY_FILE, sizeErrcode: 40006 },
}

/** media/upload_attachment limits; attachment_type 1 (moments) takes image/video, 2 (product album) image only. */
const ATTACHMENT_RULES: Readonly<Record<Exclude<MediaKind, 'voice'>, UploadRule>> = {
  image: { maxBytes: 10 * MB, extensions: IMAGE_FILES, sizeErrcode: 40009 },
  video: { maxBytes: 10 * MB, extensions: ['mp4'], sizeErrcode: 40006 },
  file: { maxBytes: 10 * MB, extensions: ANY_FILE, sizeErrcode: 40006 },
}
const ATTACHMENT_KINDS_BY_TYPE: Readonly<Record<number, readonly MediaKind[]>> = { 1: ['image', 'video'], 2: ['image'] }
const HOSTED_IMAGE_RULE: UploadRule = { maxBytes: 2 * MB, extensions: IMAGE_FILES, sizeErrcode: 40009 }

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  amr: 'audio/amr',
  mp4: 'video/mp4',
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.')
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase()
}

/** Checks presence, size (> 5 bytes, ≤ max) and file extension of the `media` part. */
function checkUpload(upload: UploadedFile | undefined, rule: UploadRule): UploadedFile {
  if (!upload) throw invalidParameter('missing multipart field media')
  if (upload.bytes.length === 0) throw new WeComError(44001, 'empty media data')
  if (upload.bytes.length <= MIN_BYTES || upload.bytes.length > rule.maxBytes) {
    throw new WeComError(rule.sizeErrcode, `invalid file size ${upload.bytes.length}`)
  }
  if (rule.extensions.length > 0 && !rule.extensions.includes(extensionOf(upload.filename))) {
    throw new WeComError(40004, `invalid media type: ${upload.filename}`)
  }
  return upload
}

/** 40005 unless `value` is one of the accepted kinds (the reference's "bad type param"). */
function mediaKind<K extends string>(fields: Fields, name: string, kinds: readonly K[]): K {
  const value = fields[name]
  if (typeof value !== 'string' || !(kinds as readonly string[]).includes(value)) {
    throw new WeComError(40005, `invalid ${name}: ${String(value)}`)
  }
  return value as K
}

function storeMedia(
  context: SandboxContext,
  upload: UploadedFile,
  kind: MediaKind,
  source: MediaItem['source'],
  attachmentType: MediaItem['attachmentType'],
) {
  const item: MediaItem = {
    mediaId: context.newId('3', 63),
    kind,
    source,
    attachmentType,
    filename: upload.filename,
    contentType: CONTENT_TYPES[extensionOf(upload.filename)] ?? 'application/octet-stream',
    bytes: upload.bytes,
    createdAtMs: context.now(),
  }
  context.state.media.set(item.mediaId, item)
  return { type: kind, media_id: item.mediaId, created_at: String(toUnixSeconds(item.createdAtMs)) }
}

/** Moments' own limits (reference §0.7): images ≤ 1440×1080 (1,555,200 px), videos ≤ 30 s. */
const MOMENT_MAX_PIXELS = 1_555_200
const MOMENT_MAX_VIDEO_SECONDS = 30

/**
 * attachment_type 1 also checks what the moment will show. The docs name no dedicated errcode for
 * these, so the size codes of the kind are used (40009 image, 40006 video).
 */
function checkMomentMedia(file: UploadedFile, kind: MediaKind): void {
  if (kind === 'image') {
    const size = imageSize(file.bytes)
    if (size && size.width * size.height > MOMENT_MAX_PIXELS) {
      throw new WeComError(40009, `image ${size.width}x${size.height} over ${MOMENT_MAX_PIXELS} pixels`)
    }
  } else if (kind === 'video') {
    const seconds = mp4DurationSeconds(file.bytes)
    if (seconds !== undefined && seconds > MOMENT_MAX_VIDEO_SECONDS) {
      throw new WeComError(40006, `video ${seconds}s over ${MOMENT_MAX_VIDEO_SECONDS}s`)
    }
  }
}

/** Where a media_id is used: messages and welcome templates take media/upload ids, moments take upload_attachment ids (attachment_type 1). */
export type MediaUse = 'message' | 'moment'

function suitsUse(item: MediaItem, use: MediaUse): boolean {
  if (item.source === 'seed') return true
  return use === 'message' ? item.source === 'upload' : item.source === 'attachment' && item.attachmentType === 1
}

/** A media_id usable for `kind` and `use`: 40007 when unknown, expired (3 days), of another kind or from the wrong upload API. */
export function requireMedia(context: SandboxContext, mediaId: string, kind: MediaKind, use: MediaUse): MediaItem {
  const item = liveMedia(context, mediaId)
  if (item.kind !== kind || !suitsUse(item, use)) throw new WeComError(40007, `invalid media_id ${mediaId}`)
  return item
}

function liveMedia(context: SandboxContext, mediaId: string): MediaItem {
  const item = context.state.media.get(mediaId)
  const expired = item && item.source !== 'seed' && context.now() - item.createdAtMs >= MEDIA_TTL_MS
  if (!item || expired) throw new WeComError(40007, `invalid media_id ${mediaId}`)
  return item
}

/** Whether a pic_url is one that media/uploadimg handed out. */
export function isHostedImageUrl(context: SandboxContext, url: string): boolean {
  const prefix = `${context.baseUrl}/sandbox/images/`
  return url.startsWith(prefix) && context.state.hostedImages.has(url.slice(prefix.length).split('.')[0] ?? '')
}

/** Temporary media, permanent images and moment attachments [9]. */
export const mediaRoutes: RouteTable = {
  'media/upload': {
    method: 'POST',
    auth: true,
    write: true,
    handle(context, { query, upload }) {
      const kind = mediaKind(query, 'type', ['image', 'voice', 'video', 'file'] as const)
      return storeMedia(context, checkUpload(upload, UPLOAD_RULES[kind]), kind, 'upload', undefined)
    },
  },

  'media/upload_attachment': {
    method: 'POST',
    auth: true,
    write: true,
    handle(context, { query, upload }) {
      const kind = mediaKind(query, 'media_type', ['image', 'video', 'file'] as const)
      const attachmentType = optionalInteger(query, 'attachment_type')
      if (attachmentType !== 1 && attachmentType !== 2) throw invalidParameter('attachment_type must be 1 or 2')
      if (!ATTACHMENT_KINDS_BY_TYPE[attachmentType]?.includes(kind)) {
        throw new WeComError(40004, `media_type ${kind} not allowed for attachment_type ${attachmentType}`)
      }
      const file = checkUpload(upload, ATTACHMENT_RULES[kind])
      if (attachmentType === 1) checkMomentMedia(file, kind)
      return storeMedia(context, file, kind, 'attachment', attachmentType)
    },
  },

  'media/uploadimg': {
    method: 'POST',
    auth: true,
    write: true,
    handle(context, { upload }) {
      const image = checkUpload(upload, HOSTED_IMAGE_RULE)
      const id = context.newId('img', 24)
      const extension = extensionOf(image.filename)
      context.state.hostedImages.set(id, {
        id,
        filename: image.filename,
        contentType: CONTENT_TYPES[extension] ?? 'image/jpeg',
        bytes: image.bytes,
      })
      return { url: `${context.baseUrl}/sandbox/images/${id}.${extension}` }
    },
  },

  'media/get': readRoute('GET', (context, { query }) => {
    const item = liveMedia(context, requiredString(query, 'media_id', 40007))
    return new BinaryReply(item.contentType, item.filename, item.bytes)
  }),
}
