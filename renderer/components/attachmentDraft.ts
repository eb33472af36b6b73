import type { LocalMediaRef, MediaKind } from '@shared/massMessages'
import { mediaRefSchema } from '@shared/massMessages'
import type { Locale } from '@shared/result'
import { describeIssue } from '@shared/validation'

/** The attachment kinds WeCom message templates support (mass messages, welcome templates). */
export const ATTACHMENT_KINDS = ['image', 'link', 'miniprogram', 'video', 'file'] as const
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number]

export interface LinkFields {
  title: string
  desc: string
  url: string
  picurl: string
}

export interface MiniprogramFields {
  title: string
  appid: string
  page: string
  cover?: LocalMediaRef
}

/**
 * An attachment as the editor holds it: the shape `attachmentSchema` checks, with the parts the
 * user has not filled yet left empty (a draft is saved half-finished; the strict rules say what
 * is missing).
 */
export type AttachmentDraft =
  | { msgtype: 'image'; image?: LocalMediaRef }
  | { msgtype: 'link'; link: LinkFields }
  | { msgtype: 'miniprogram'; miniprogram: MiniprogramFields }
  | { msgtype: 'video'; video?: LocalMediaRef }
  | { msgtype: 'file'; file?: LocalMediaRef }

/** A new, empty attachment of one kind. */
export function newAttachment(kind: AttachmentKind): AttachmentDraft {
  switch (kind) {
    case 'link':
      return { msgtype: 'link', link: { title: '', desc: '', url: '', picurl: '' } }
    case 'miniprogram':
      return { msgtype: 'miniprogram', miniprogram: { title: '', appid: '', page: '' } }
    default:
      return { msgtype: kind }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const str = (value: unknown): string => (typeof value === 'string' ? value : '')

function mediaRef(value: unknown): LocalMediaRef | undefined {
  if (!isRecord(value) || typeof value['localMediaId'] !== 'string') return undefined
  return {
    localMediaId: value['localMediaId'],
    filename: str(value['filename']),
    contentType: str(value['contentType']),
    size: typeof value['size'] === 'number' ? value['size'] : 0,
  }
}

/** Reads a stored (lenient) attachment back into the editor's shape; unknown kinds are dropped. */
export function toAttachmentDraft(stored: Record<string, unknown>): AttachmentDraft | undefined {
  const kind = stored['msgtype']
  switch (kind) {
    case 'image':
    case 'video':
    case 'file': {
      const ref = mediaRef(stored[kind])
      return (ref ? { msgtype: kind, [kind]: ref } : { msgtype: kind }) as AttachmentDraft
    }
    case 'link': {
      const link = isRecord(stored['link']) ? stored['link'] : {}
      return {
        msgtype: 'link',
        link: {
          title: str(link['title']),
          desc: str(link['desc']),
          url: str(link['url']),
          picurl: str(link['picurl']),
        },
      }
    }
    case 'miniprogram': {
      const mp = isRecord(stored['miniprogram']) ? stored['miniprogram'] : {}
      const cover = mediaRef(mp['cover'])
      return {
        msgtype: 'miniprogram',
        miniprogram: {
          title: str(mp['title']),
          appid: str(mp['appid']),
          page: str(mp['page']),
          ...(cover ? { cover } : {}),
        },
      }
    }
    default:
      return undefined
  }
}

/** Locally stored images the attachments show (images and mini-program covers), for thumbnails. */
export function imageIdsOf(attachments: readonly AttachmentDraft[]): string[] {
  const ids: string[] = []
  for (const attachment of attachments) {
    const ref =
      attachment.msgtype === 'image'
        ? attachment.image
        : attachment.msgtype === 'miniprogram'
          ? attachment.miniprogram.cover
          : undefined
    if (ref) ids.push(ref.localMediaId)
  }
  return ids
}

/** Where a picked file goes: kept locally with the draft (uploaded to WeCom only at send time). */
export interface AttachmentMediaStore {
  add(file: { filename: string; contentType: string; dataBase64: string }): Promise<LocalMediaRef>
}

/** What a picked file is for, which decides the size and type rules. */
export type PickPurpose = MediaKind

/**
 * Checks a picked file against the same media rules the core applies at send time, before its
 * bytes are read or stored, so a too-large or wrong-type file is refused at once.
 */
export function checkPickedFile(
  file: { name: string; type: string; size: number },
  purpose: PickPurpose,
  locale: Locale,
  field: string = purpose,
): string | undefined {
  const candidate = {
    localMediaId: 'picked',
    filename: file.name.slice(0, 255) || 'file',
    contentType: contentTypeOf(file),
    size: file.size,
  }
  const parsed = mediaRefSchema(purpose).safeParse(candidate)
  if (parsed.success) return undefined
  const issue = parsed.error.issues[0]!
  return describeIssue({ ...issue, path: [field] }, locale)
}

/** The content type to store: the browser's, or a guess from the extension when it gives none. */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type.slice(0, 100)
  const ext = file.name.toLowerCase().split('.').pop()
  if (ext === 'png') return 'image/png'
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg'
  if (ext === 'mp4') return 'video/mp4'
  return 'application/octet-stream'
}

/** Reads a picked file as base64 (without the data: prefix). */
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.onload = () => {
      const url = String(reader.result ?? '')
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}
