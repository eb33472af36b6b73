import type { MessageAttachment, AttachmentKind } from '../model'
import type { SandboxContext } from '../routing'
import {
  asFields,
  checkMaxBytes,
  optionalArray,
  optionalObject,
  optionalString,
  requiredString,
  utf8Length,
  type Fields,
} from '../request-fields'
import { invalidParameter, WeComError } from '../wecom-error'
import { isHostedImageUrl, requireMedia } from './media'

/** The attachment kinds of mass messages and welcome templates [3, common attachment object]. */
export const ATTACHMENT_KINDS: readonly AttachmentKind[] = ['image', 'link', 'miniprogram', 'video', 'file']
const MAX_ATTACHMENTS = 9
const MINIPROGRAM_APPID = /^wx[0-9a-f]{16}$/

/** Validates one attachment part (`image: {...}` etc.) and returns the fields to keep. */
export function validatePart(context: SandboxContext, kind: AttachmentKind, part: Fields): Record<string, unknown> {
  switch (kind) {
    case 'image':
      return imagePart(context, part)
    case 'link':
      return linkPart(part)
    case 'miniprogram':
      return miniprogramPart(context, part)
    case 'video':
    case 'file':
      return { media_id: requireMedia(context, requiredString(part, 'media_id'), kind, 'message').mediaId }
  }
}

function imagePart(context: SandboxContext, part: Fields): Record<string, unknown> {
  const mediaId = optionalString(part, 'media_id')
  if (mediaId) return { media_id: requireMedia(context, mediaId, 'image', 'message').mediaId }
  const picUrl = optionalString(part, 'pic_url')
  if (!picUrl) throw invalidParameter('image needs media_id or pic_url')
  if (!isHostedImageUrl(context, picUrl)) throw invalidParameter('image.pic_url must come from media/uploadimg')
  return { pic_url: picUrl }
}

function linkPart(part: Fields): Record<string, unknown> {
  const title = requiredString(part, 'title')
  const url = requiredString(part, 'url')
  const picurl = optionalString(part, 'picurl') ?? ''
  const desc = optionalString(part, 'desc') ?? ''
  checkMaxBytes(title, 128, 'link.title')
  checkMaxBytes(url, 2048, 'link.url')
  checkMaxBytes(picurl, 2048, 'link.picurl')
  checkMaxBytes(desc, 512, 'link.desc')
  return { title, url, picurl, desc }
}

function miniprogramPart(context: SandboxContext, part: Fields): Record<string, unknown> {
  const title = requiredString(part, 'title')
  checkMaxBytes(title, 64, 'miniprogram.title')
  const picMediaId = requireMedia(context, requiredString(part, 'pic_media_id'), 'image', 'message').mediaId
  const appid = requiredString(part, 'appid')
  if (!MINIPROGRAM_APPID.test(appid)) throw new WeComError(90207, `invalid miniprogram appid ${appid}`)
  return { title, pic_media_id: picMediaId, appid, page: requiredString(part, 'page') }
}

/** `text.content` with its byte limit; '' when absent. */
export function textContent(body: Fields, maxBytes: number): string {
  const content = optionalString(optionalObject(body, 'text') ?? {}, 'content') ?? ''
  if (utf8Length(content) > maxBytes) throw invalidParameter(`text.content exceeds ${maxBytes} bytes`)
  return content
}

/** The attachments array of add_msg_template: ≤ 9 (41064), known msgtypes (41065), valid parts. */
export function messageAttachments(context: SandboxContext, body: Fields): MessageAttachment[] {
  const inputs = optionalArray(body, 'attachments')
  if (inputs.length > MAX_ATTACHMENTS) throw new WeComError(41064, `attachments exceed ${MAX_ATTACHMENTS}`)
  return inputs.map((input) => {
    const fields = asFields(input)
    const msgtype = optionalString(fields, 'msgtype') ?? ''
    if (!(ATTACHMENT_KINDS as readonly string[]).includes(msgtype))
      throw new WeComError(41065, `invalid attachment msgtype ${msgtype}`)
    const kind = msgtype as AttachmentKind
    const part = optionalObject(fields, kind)
    if (!part) throw invalidParameter(`attachment of msgtype ${kind} lacks ${kind}`)
    return { msgtype: kind, [kind]: validatePart(context, kind, part) }
  })
}
