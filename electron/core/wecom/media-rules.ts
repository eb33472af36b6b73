import type { LocalizedText } from '../../../shared/result'
import { text } from '../errors'
import { WecomMediaError } from './errors'
import { WECOM_LIMITS } from '../../../shared/limits/wecom'

/** A file to upload: its bytes, the name shown to recipients, and its MIME type. */
export interface MediaFile {
  data: Uint8Array
  filename: string
  contentType: string
}

/** `media/upload?type=` */
export type TempMediaType = 'image' | 'voice' | 'video' | 'file'
/** `media/upload_attachment?media_type=` */
export type AttachmentMediaType = 'image' | 'video' | 'file'
/** `media/upload_attachment?attachment_type=`: 1 customer moments, 2 product album. */
export type AttachmentPurpose = 1 | 2

type Format = 'jpg' | 'png' | 'amr' | 'mp4'

/** How each format is recognised: by its first bytes, and by the name and MIME type it must carry. */
const FORMATS: Record<
  Format,
  { label: string; extensions: readonly string[]; mimeTypes: readonly string[]; matches: (data: Uint8Array) => boolean }
> = {
  jpg: {
    label: 'JPG',
    extensions: ['jpg', 'jpeg'],
    mimeTypes: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
    matches: (d) => startsWith(d, [0xff, 0xd8, 0xff]),
  },
  png: {
    label: 'PNG',
    extensions: ['png'],
    mimeTypes: ['image/png'],
    matches: (d) => startsWith(d, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  amr: { label: 'AMR', extensions: ['amr'], mimeTypes: ['audio/amr'], matches: (d) => startsWith(d, ascii('#!AMR')) },
  mp4: {
    label: 'MP4',
    extensions: ['mp4'],
    mimeTypes: ['video/mp4'],
    matches: (d) => startsWith(d.subarray(4), ascii('ftyp')),
  },
}

/** A file's format recognised from its first bytes (JPG, PNG, AMR, MP4), or undefined for anything else. */
export function detectMediaFormat(
  data: Uint8Array,
): { contentType: string; extensions: readonly string[] } | undefined {
  const format = Object.values(FORMATS).find((candidate) => candidate.matches(data))
  return format && { contentType: format.mimeTypes[0]!, extensions: format.extensions }
}

/** The content types `detectMediaFormat` can prove from the bytes. */
export const DETECTABLE_MEDIA_TYPES: ReadonlySet<string> = new Set(Object.values(FORMATS).map((f) => f.mimeTypes[0]!))

interface Rule {
  /** What the file is for, in the error text. */
  purpose: LocalizedText
  maxBytes: number
  /** Allowed formats; undefined = any file. */
  formats?: readonly Format[]
  /** Moments images: at most this many pixels. */
  maxPixels?: number
  /** Moments videos: at most this many seconds. */
  maxSeconds?: number
}

const MB = 1024 * 1024
/** WeCom refuses files of 5 bytes or less. */
const MIN_BYTES = WECOM_LIMITS.media.minBytes
const IMAGE_FORMATS: readonly Format[] = ['jpg', 'png']
/** Moments images: total pixels ≤ 1,555,200 (1440 × 1080); videos ≤ 30 s. */
const MOMENT_MAX_PIXELS = WECOM_LIMITS.moment.image.maxPixels
const MOMENT_MAX_SECONDS = WECOM_LIMITS.moment.video.maxSeconds

const TEMP_RULES: Record<TempMediaType, Rule> = {
  image: { purpose: text('图片素材', 'an image'), maxBytes: WECOM_LIMITS.media.image.maxBytes, formats: IMAGE_FORMATS },
  voice: { purpose: text('语音素材', 'a voice message'), maxBytes: 2 * MB, formats: ['amr'] },
  video: { purpose: text('视频素材', 'a video'), maxBytes: WECOM_LIMITS.media.video.maxBytes, formats: ['mp4'] },
  file: { purpose: text('文件素材', 'a file'), maxBytes: WECOM_LIMITS.media.file.maxBytes },
}

const UPLOAD_IMAGE_RULE: Rule = {
  purpose: text('群发图片（永久链接）', 'a permanent image link'),
  maxBytes: 2 * MB,
  formats: IMAGE_FORMATS,
}

const ATTACHMENT_RULES: Record<AttachmentPurpose, Partial<Record<AttachmentMediaType, Rule>>> = {
  1: {
    image: {
      purpose: text('朋友圈图片', 'a moments image'),
      maxBytes: 10 * MB,
      formats: IMAGE_FORMATS,
      maxPixels: MOMENT_MAX_PIXELS,
    },
    video: {
      purpose: text('朋友圈视频', 'a moments video'),
      maxBytes: 10 * MB,
      formats: ['mp4'],
      maxSeconds: MOMENT_MAX_SECONDS,
    },
  },
  2: {
    image: { purpose: text('商品图册图片', 'a product album image'), maxBytes: 10 * MB, formats: IMAGE_FORMATS },
  },
}

/** Refuses, before any upload, a file that `media/upload?type=` would reject. */
export function validateTempMedia(type: TempMediaType, file: MediaFile): void {
  check(TEMP_RULES[type], file)
}

/** Refuses, before any upload, a file that `media/uploadimg` would reject. */
export function validateUploadImage(file: MediaFile): void {
  check(UPLOAD_IMAGE_RULE, file)
}

/** Refuses, before any upload, a file that `media/upload_attachment` would reject for that purpose. */
export function validateAttachment(mediaType: AttachmentMediaType, purpose: AttachmentPurpose, file: MediaFile): void {
  const rule = ATTACHMENT_RULES[purpose][mediaType]
  if (!rule) {
    throw new WecomMediaError(
      purpose === 1
        ? text('朋友圈只能上传图片或视频。', 'Moments accept only images and videos.')
        : text('商品图册只能上传图片。', 'Product albums accept only images.'),
      text('请换成图片（或朋友圈视频）后再上传。', 'Use an image (or, for moments, a video) instead.'),
    )
  }
  check(rule, file)
}

function check(rule: Rule, file: MediaFile): void {
  const name = file.filename.trim()
  if (!name) {
    throw new WecomMediaError(
      text('文件缺少文件名。', 'The file has no name.'),
      text('文件名会显示给客户，请重新选择文件。', 'The name is shown to customers; choose the file again.'),
    )
  }
  const size = file.data.byteLength
  if (size < MIN_BYTES) {
    throw new WecomMediaError(
      text(`文件「${name}」是空的或太小。`, `The file “${name}” is empty or too small.`),
      text('请重新选择文件。', 'Choose the file again.'),
    )
  }
  if (size > rule.maxBytes) {
    throw new WecomMediaError(
      text(
        `文件「${name}」有 ${megabytes(size, Math.ceil)}，超过了${rule.purpose['zh-CN']}的上限 ${megabytes(rule.maxBytes)}。`,
        `The file “${name}” is ${megabytes(size, Math.ceil)}, over the ${megabytes(rule.maxBytes)} limit for ${rule.purpose.en}.`,
      ),
      text('请压缩或裁剪后再上传。', 'Compress or trim it, then upload again.'),
    )
  }
  if (rule.formats) checkFormat(rule, rule.formats, file, name)
  if (rule.maxPixels) checkPixels(rule.maxPixels, file.data, name)
  if (rule.maxSeconds) checkDuration(rule.maxSeconds, file.data, name)
}

function checkDuration(maxSeconds: number, data: Uint8Array, name: string): void {
  const seconds = mp4DurationSeconds(data)
  if (seconds === undefined || seconds <= maxSeconds) return
  throw new WecomMediaError(
    text(
      `视频「${name}」时长 ${Math.ceil(seconds)} 秒，超过朋友圈上限 ${maxSeconds} 秒。`,
      `The video “${name}” runs ${Math.ceil(seconds)} s, longer than the ${maxSeconds} s moments allow.`,
    ),
    text('请剪短视频后再上传。', 'Trim the video, then upload again.'),
  )
}

/**
 * An MP4's duration in seconds from its movie header (moov → mvhd: timescale and duration), or
 * undefined when the file has no readable header.
 */
export function mp4DurationSeconds(data: Uint8Array): number | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const box = (from: number, to: number, type: string): { start: number; end: number } | undefined => {
    let offset = from
    while (offset + 8 <= to) {
      let size = view.getUint32(offset)
      let header = 8
      if (size === 1) {
        if (offset + 16 > to) return undefined
        size = Number(view.getBigUint64(offset + 8))
        header = 16
      } else if (size === 0) size = to - offset
      if (size < header) return undefined
      const name = String.fromCharCode(...data.subarray(offset + 4, offset + 8))
      if (name === type) return { start: offset + header, end: Math.min(to, offset + size) }
      offset += size
    }
    return undefined
  }
  const moov = box(0, data.byteLength, 'moov')
  const mvhd = moov && box(moov.start, moov.end, 'mvhd')
  if (!mvhd || mvhd.end - mvhd.start < 20) return undefined
  const version = data[mvhd.start]
  const at = mvhd.start + 4 + (version === 1 ? 16 : 8)
  if (at + (version === 1 ? 12 : 8) > mvhd.end) return undefined
  const timescale = view.getUint32(at)
  const duration = version === 1 ? Number(view.getBigUint64(at + 4)) : view.getUint32(at + 4)
  return timescale > 0 ? duration / timescale : undefined
}

function checkFormat(rule: Rule, formats: readonly Format[], file: MediaFile, name: string): void {
  const labels = formats.map((format) => FORMATS[format].label).join('/')
  const detected = formats.find((format) => FORMATS[format].matches(file.data))
  if (!detected) {
    throw new WecomMediaError(
      text(
        `文件「${name}」不是${rule.purpose['zh-CN']}支持的格式（只支持 ${labels}）。`,
        `The file “${name}” is not a format allowed for ${rule.purpose.en} (only ${labels}).`,
      ),
      text(`请转换为 ${labels} 后再上传。`, `Convert it to ${labels} and upload again.`),
    )
  }
  const format = FORMATS[detected]
  const extension = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : ''
  if (!format.extensions.includes(extension)) {
    throw new WecomMediaError(
      text(
        `文件「${name}」的内容是 ${format.label}，但文件名不是 .${format.extensions[0]} 结尾。`,
        `The file “${name}” contains ${format.label}, but its name does not end in .${format.extensions[0]}.`,
      ),
      text(
        `请把文件改名为以 .${format.extensions[0]} 结尾后再上传。`,
        `Rename it to end in .${format.extensions[0]} and upload again.`,
      ),
    )
  }
  const declared = file.contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (!format.mimeTypes.includes(declared)) {
    throw new WecomMediaError(
      text(
        `文件「${name}」的内容是 ${format.label}，与声明的类型「${declared || '无'}」不符。`,
        `The file “${name}” contains ${format.label}, which does not match its declared type “${declared || 'none'}”.`,
      ),
      text(
        '请重新选择原始文件；如果问题仍在，请把日志文件（设置 → 日志）发给技术支持。',
        'Choose the original file again; if it persists, send the log file (Settings → Log) to support.',
      ),
    )
  }
}

function checkPixels(maxPixels: number, data: Uint8Array, name: string): void {
  const size = imageSize(data)
  if (!size || size.width * size.height <= maxPixels) return
  throw new WecomMediaError(
    text(
      `图片「${name}」有 ${size.width}×${size.height} 像素，超过朋友圈上限（总像素不超过 1440×1080）。`,
      `The image “${name}” is ${size.width}×${size.height} pixels, more than moments allow (at most 1440×1080 in total).`,
    ),
    text('请缩小图片后再上传。', 'Resize the image, then upload again.'),
  )
}

/** Width and height of a PNG or JPEG, or undefined when the header cannot be read. */
export function imageSize(data: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  if (FORMATS.png.matches(data) && data.byteLength >= 24)
    return { width: view.getUint32(16), height: view.getUint32(20) }
  if (!FORMATS.jpg.matches(data)) return undefined
  let offset = 2
  while (offset + 9 <= data.byteLength) {
    if (data[offset] !== 0xff) return undefined
    const marker = data[offset + 1] ?? 0
    if (marker === 0xff) {
      offset++
      continue
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isStartOfFrame) return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) }
    offset += 2 + view.getUint16(offset + 2)
  }
  return undefined
}

function startsWith(data: Uint8Array, prefix: readonly number[]): boolean {
  return data.byteLength >= prefix.length && prefix.every((byte, index) => data[index] === byte)
}

function ascii(value: string): number[] {
  return [...value].map((char) => char.charCodeAt(0))
}

/** Bytes as "10.0 MB"; `round` = Math.ceil keeps a size just over a limit from showing as the limit. */
function megabytes(bytes: number, round: (value: number) => number = Math.round): string {
  return `${(round((bytes / MB) * 10) / 10).toFixed(1)} MB`
}
