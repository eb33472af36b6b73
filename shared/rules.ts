import { z } from 'zod'
import { utf8Bytes } from './limits/text'
import { httpsSuggestion, looksLikeWebAddress } from './limits/urls'
import { WECOM_LIMITS } from './limits/wecom'

/*
 * Building blocks of the documented WeCom rules, shared by every feature's schemas (mass messages,
 * moments, welcome templates): the renderer checks as the user types and the core checks again
 * before calling WeCom, with this same code. Messages are i18n keys under `v.*`.
 */

const M = WECOM_LIMITS.media
const id = z.string().trim().min(1).max(128)

/** A string limited in UTF-8 bytes, as WeCom counts (a CJK character is 3 bytes). */
export function bytesMax(max: number) {
  return z.string().refine((value) => utf8Bytes(value) <= max, { error: 'v.tooManyBytes', params: { max } })
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

/** A file kept locally with the draft and uploaded (media/upload) only at send time. */
export const localMediaRefSchema = z
  .object({
    localMediaId: id,
    filename: z.string().min(1).max(255),
    contentType: z.string().max(100),
    size: z.number().int().nonnegative(),
  })
  .strict()
export type LocalMediaRef = z.infer<typeof localMediaRefSchema>

export type MediaKind = 'image' | 'video' | 'file'

/** A stored file, where a missing one asks the user to choose it ("请选择图片", not "请填写"). */
const chosenMediaRefSchema = z
  .object(localMediaRefSchema.shape, {
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'v.chooseFile' : undefined),
  })
  .strict()

/** The documented size and type rules of media/upload for one kind. */
export function mediaRefSchema(kind: MediaKind) {
  const rule = M[kind]
  return chosenMediaRefSchema.superRefine((ref, ctx) => {
    if (ref.size < M.minBytes) ctx.addIssue({ code: 'custom', message: 'v.mediaTooSmall', path: [] })
    if (ref.size > rule.maxBytes)
      ctx.addIssue({ code: 'custom', message: 'v.mediaTooBig', path: [], params: { max: megabytes(rule.maxBytes) } })
    if (rule.types.length > 0 && !(rule.types as readonly string[]).includes(ref.contentType))
      ctx.addIssue({
        code: 'custom',
        message: 'v.mediaWrongType',
        path: [],
        params: { types: kind === 'image' ? 'JPG / PNG' : 'MP4' },
      })
  })
}

const httpUrl = z.url({ protocol: /^https?$/ })

/**
 * An http(s) address; one typed without its scheme (`example.com/a`) is refused with the fix
 * (`https://example.com/a`), which the editor offers as one click. '' passes when `optional`.
 */
export function webAddress(maxBytes: number, optional = false) {
  const address = z.string().superRefine((value, ctx) => {
    if (optional && value === '') return
    const suggestion = httpsSuggestion(value)
    if (suggestion !== undefined)
      ctx.addIssue({ code: 'custom', message: 'v.urlNoScheme', path: [], params: { suggestion }, input: value })
    else if (!httpUrl.safeParse(value).success)
      ctx.addIssue({ code: 'custom', message: 'v.invalidUrl', path: [], input: value })
  })
  return bytesMax(maxBytes).pipe(address)
}

/**
 * A link card's fields (mass messages, welcome templates): title, description, address and cover
 * address, each within its documented byte limit.
 */
export function linkFields(limits: { titleBytes: number; descBytes: number; urlBytes: number; picurlBytes: number }) {
  return {
    title: bytesMax(limits.titleBytes).pipe(z.string().trim().min(1)),
    desc: bytesMax(limits.descBytes).optional(),
    // Byte limit first, so an over-long address is explained by its limit; '' means no cover.
    url: webAddress(limits.urlBytes),
    picurl: webAddress(limits.picurlBytes, true).optional(),
  }
}

/** A mini-program card's title, appid and page path (never a web address); covers differ per API. */
export function miniprogramFields(limits: { titleBytes: number }) {
  return {
    title: bytesMax(limits.titleBytes).pipe(z.string().trim().min(1)),
    appid: z.string().regex(/^wx[0-9a-f]{16}$/i, { error: 'v.miniprogramAppid' }),
    // A page path inside the mini program (pages/index/index.html), never a web address.
    page: z
      .string()
      .trim()
      .min(1)
      .max(1024)
      .refine((page) => !looksLikeWebAddress(page), { error: 'v.miniprogramPageUrl' }),
  }
}

/** A field of a draft as typed: nothing is refused while editing, only absurd sizes. */
export const draftField = z.string().max(10_000)

/** A link card as the editor holds it: every field optional until pushed or sent. */
export const linkDraftSchema = z
  .object({
    title: draftField.optional(),
    desc: draftField.optional(),
    url: draftField.optional(),
    picurl: draftField.optional(),
  })
  .strict()

/** A mini-program card's typed fields as the editor holds them (each API adds its cover). */
export const miniprogramDraftFields = {
  title: draftField.optional(),
  appid: draftField.optional(),
  page: draftField.optional(),
  cover: localMediaRefSchema.optional(),
}
