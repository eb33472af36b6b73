import { z } from 'zod'
import { codePoints, utf8Bytes } from './limits/text'
import { WECOM_LIMITS } from './limits/wecom'
import type { Locale, LocalizedText } from './result'
import { localMediaRefSchema, webAddress } from './rules'
import { describeIssue, INTEGER_FORMAT } from './validation'

/*
 * Publishing customer moments (客户朋友圈, add_moment_task): the composer's rules as zod schemas,
 * built from `shared/rules.ts` and `WECOM_LIMITS.moment`, so the renderer checks them as the user
 * types and the core checks them again, with this same code, before anything is uploaded or sent.
 * Reference §0.3 and §4.1.
 */

const L = WECOM_LIMITS.moment
const MB = 1024 * 1024
const id = z.string().trim().min(1).max(128)

/** Rule messages of moments, in both languages; placeholders `{name}`, `{max}`, `{count}`, … */
export const momentRuleMessages = {
  'mp.textChars': {
    'zh-CN': '文字最多 {max} 个字，现在有 {count} 个。',
    en: 'The text can have at most {max} characters; it has {count}.',
  },
  'mp.textBytes': {
    'zh-CN': '文字最多 {max} 字节（一个汉字算 3 字节，表情算 4 字节），现在有 {count} 字节。',
    en: 'The text can have at most {max} bytes (a Chinese character counts 3, an emoji 4); it has {count}.',
  },
  'mp.empty': {
    'zh-CN': '请填写文字，或添加图片、视频、链接中的一种。',
    en: 'Write some text, or add images, a video or a link.',
  },
  'mp.mixed': {
    'zh-CN': '一条朋友圈只能带一种附件：最多 9 张图片，或 1 个视频，或 1 个链接，不能混用。',
    en: 'A moment carries one kind of attachment only: up to 9 images, or 1 video, or 1 link, never a mix.',
  },
  'mp.tooManyImages': {
    'zh-CN': '最多 {max} 张图片，现在有 {count} 张。',
    en: 'At most {max} images; there are {count}.',
  },
  'mp.oneVideo': { 'zh-CN': '只能带 1 个视频。', en: 'Only one video can be attached.' },
  'mp.oneLink': { 'zh-CN': '只能带 1 个链接。', en: 'Only one link can be attached.' },
  'mp.type.image': {
    'zh-CN': '「{name}」不是 JPG 或 PNG 图片（文件类型不符）。',
    en: '“{name}” is not a JPG or PNG image (file type).',
  },
  'mp.type.video': {
    'zh-CN': '「{name}」不是 MP4 视频（文件类型不符）。',
    en: '“{name}” is not an MP4 video (file type).',
  },
  'mp.size': {
    'zh-CN': '「{name}」有 {size}，超过 {max} 的大小上限。',
    en: '“{name}” is {size}, over the {max} size limit.',
  },
  'mp.tooSmall': { 'zh-CN': '「{name}」是空的或已损坏。', en: '“{name}” is empty or damaged.' },
  'mp.pixels': {
    'zh-CN': '「{name}」有 {width}×{height} 像素，超过 {max} 像素（约 1440×1080）的上限，请缩小后再添加。',
    en: '“{name}” is {width}×{height} pixels, over the {max}-pixel limit (about 1440×1080); resize it first.',
  },
  'mp.pixelsUnknown': {
    'zh-CN': '读不出「{name}」的像素大小，请换一张图片。',
    en: 'The pixel size of “{name}” cannot be read; use another image.',
  },
  'mp.duration': {
    'zh-CN': '「{name}」时长 {seconds} 秒，超过 {max} 秒的上限，请剪短后再添加。',
    en: '“{name}” runs {seconds} s, over the {max} s limit; trim it first.',
  },
  'mp.durationUnknown': {
    'zh-CN': '读不出「{name}」的时长，请换一个 MP4 视频。',
    en: 'The length of “{name}” cannot be read; use another MP4 video.',
  },
  'mp.linkTitle': {
    'zh-CN': '链接标题最多 {max} 字节（一个汉字算 3 字节），现在有 {count} 字节。',
    en: 'The link title can have at most {max} bytes (a Chinese character counts 3); it has {count}.',
  },
  'mp.linkCover': { 'zh-CN': '请为链接选择一张封面图片。', en: 'Choose a cover image for the link.' },
  'mp.linkUrl': { 'zh-CN': '请填写链接地址。', en: 'Enter the link address.' },
  'mp.fileMissing': { 'zh-CN': '请选择文件。', en: 'Choose a file.' },
} satisfies Record<string, LocalizedText>

export type MomentRuleKey = keyof typeof momentRuleMessages

/** Which documented rule a file breaks. */
export type MomentFileRule = 'type' | 'size' | 'pixels' | 'duration'

/** One broken rule with the values its message names. */
export interface MomentRuleIssue {
  key: MomentRuleKey
  rule?: MomentFileRule
  params: Record<string, string | number>
}

/** A picked file kept locally, with what the core measured: pixels of an image, length of a video. */
export const momentMediaSchema = z
  .object({
    ...localMediaRefSchema.shape,
    width: z.number().int().nonnegative().optional(),
    height: z.number().int().nonnegative().optional(),
    durationMs: z.number().int().nonnegative().optional(),
  })
  .strict()
export type MomentMedia = z.infer<typeof momentMediaSchema>

export type MomentMediaKind = 'image' | 'video'

function megabytes(bytes: number): string {
  return `${(Math.ceil((bytes / MB) * 10) / 10).toFixed(1)} MB`
}

/**
 * The rules a file breaks for `kind`, in the order a user fixes them: type, size, then pixels
 * (images) or duration (videos). `measured: false` checks only what the picker knows before the
 * bytes are read (type and size), for an instant refusal.
 */
export function momentFileIssues(
  kind: MomentMediaKind,
  file: Pick<MomentMedia, 'filename' | 'contentType' | 'size' | 'width' | 'height' | 'durationMs'>,
  measured = true,
): MomentRuleIssue[] {
  const rule = L[kind]
  const name = file.filename
  const issues: MomentRuleIssue[] = []
  const type = file.contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (!(rule.types as readonly string[]).includes(type))
    issues.push({ key: kind === 'image' ? 'mp.type.image' : 'mp.type.video', rule: 'type', params: { name } })
  if (file.size > rule.maxBytes)
    issues.push({
      key: 'mp.size',
      rule: 'size',
      params: { name, size: megabytes(file.size), max: `${rule.maxBytes / MB} MB` },
    })
  else if (file.size < WECOM_LIMITS.media.minBytes) issues.push({ key: 'mp.tooSmall', rule: 'size', params: { name } })
  if (!measured || issues.length > 0) return issues
  if (kind === 'image') {
    const { width, height } = file
    if (width === undefined || height === undefined || width * height === 0)
      issues.push({ key: 'mp.pixelsUnknown', rule: 'pixels', params: { name } })
    else if (width * height > L.image.maxPixels)
      issues.push({ key: 'mp.pixels', rule: 'pixels', params: { name, width, height, max: L.image.maxPixels } })
  } else if (file.durationMs === undefined) {
    issues.push({ key: 'mp.durationUnknown', rule: 'duration', params: { name } })
  } else if (file.durationMs > L.video.maxSeconds * 1000) {
    const seconds = Math.ceil(file.durationMs / 100) / 10
    issues.push({ key: 'mp.duration', rule: 'duration', params: { name, seconds, max: L.video.maxSeconds } })
  }
  return issues
}

function addIssues(ctx: z.RefinementCtx, issues: readonly MomentRuleIssue[], path: PropertyKey[] = []): void {
  for (const issue of issues)
    ctx.addIssue({ code: 'custom', message: issue.key, params: { ...issue.params, rule: issue.rule ?? '' }, path })
}

/** A moment image or video as it will be uploaded (media/upload_attachment, attachment_type 1). */
export function momentMediaRule(kind: MomentMediaKind) {
  return momentMediaSchema.superRefine((media, ctx) => addIssues(ctx, momentFileIssues(kind, media)))
}

/** The text's length as WeCom counts it, both ways (characters and UTF-8 bytes). */
export function momentTextLength(text: string): { chars: number; bytes: number } {
  return { chars: codePoints(text), bytes: utf8Bytes(text) }
}

/** Text ≤ 2,000 characters and ≤ 4,000 bytes. */
export const momentTextSchema = z.string().superRefine((text, ctx) => {
  const { chars, bytes } = momentTextLength(text)
  if (chars > L.textChars)
    ctx.addIssue({ code: 'custom', message: 'mp.textChars', params: { max: L.textChars, count: chars }, path: [] })
  if (bytes > L.textBytes)
    ctx.addIssue({ code: 'custom', message: 'mp.textBytes', params: { max: L.textBytes, count: bytes }, path: [] })
})

const linkTitleSchema = z.string().superRefine((title, ctx) => {
  const bytes = utf8Bytes(title)
  if (bytes > L.link.titleBytes)
    ctx.addIssue({
      code: 'custom',
      message: 'mp.linkTitle',
      params: { max: L.link.titleBytes, count: bytes },
      path: [],
    })
})

/** One attachment of add_moment_task, with local media (uploaded at publish time). */
export const momentAttachmentSchema = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('image'), image: momentMediaRule('image') }).strict(),
  z.object({ msgtype: z.literal('video'), video: momentMediaRule('video') }).strict(),
  z
    .object({
      msgtype: z.literal('link'),
      link: z
        .object({
          title: linkTitleSchema.default(''),
          url: z.string().min(1, { error: 'mp.linkUrl' }).pipe(webAddress(L.link.urlBytes)),
          cover: momentMediaRule('image').optional(),
        })
        .strict()
        .superRefine((link, ctx) => {
          if (link.cover === undefined) ctx.addIssue({ code: 'custom', message: 'mp.linkCover', path: ['cover'] })
        }),
    })
    .strict(),
])
export type MomentAttachment = z.infer<typeof momentAttachmentSchema>

/** The attachment kinds of a list, and whether it keeps to one kind within its count. */
function attachmentIssues(msgtypes: readonly string[]): MomentRuleIssue[] {
  const kinds = new Set(msgtypes)
  if (kinds.size > 1) return [{ key: 'mp.mixed', params: {} }]
  const count = msgtypes.length
  if (kinds.has('image') && count > L.images) return [{ key: 'mp.tooManyImages', params: { max: L.images, count } }]
  if (kinds.has('video') && count > 1) return [{ key: 'mp.oneVideo', params: {} }]
  if (kinds.has('link') && count > 1) return [{ key: 'mp.oneLink', params: {} }]
  return []
}

/**
 * A moment as it will be published: text within its limits; EITHER up to 9 images OR 1 video OR
 * 1 link (title, address, cover image); not both empty.
 */
export const momentContentSchema = z
  .object({
    text: momentTextSchema.default(''),
    attachments: z.array(momentAttachmentSchema).default([]),
  })
  .strict()
  .superRefine((content, ctx) => {
    if (content.text.trim() === '' && content.attachments.length === 0)
      ctx.addIssue({ code: 'custom', message: 'mp.empty', path: [] })
    addIssues(ctx, attachmentIssues(content.attachments.map((a) => a.msgtype)), ['attachments'])
  })
export type MomentContent = z.output<typeof momentContentSchema>

/** Who publishes it and which customers may see it (visible_range). Empty members and departments: every member. */
export const visibleRangeSchema = z
  .object({
    userids: z.array(id).max(L.senders).default([]),
    departmentIds: z.array(z.number().int().nonnegative()).max(L.senders).default([]),
    /** Corp customer tags (企业标签); customers with any of them can see it. Empty: all the members' customers. */
    tagIds: z.array(id).max(10_000).default([]),
  })
  .strict()
export type VisibleRange = z.output<typeof visibleRangeSchema>

/** Longest text a draft keeps in one field; WeCom's limits apply at publish. */
const DRAFT_TEXT_CHARS = 20_000
const draftField = z.string().max(10_000)

/** An attachment as the composer holds it: any part the user has not filled in yet may be missing. */
export const draftMomentAttachmentSchema = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('image'), image: momentMediaSchema }).strict(),
  z.object({ msgtype: z.literal('video'), video: momentMediaSchema }).strict(),
  z
    .object({
      msgtype: z.literal('link'),
      link: z
        .object({ title: draftField.default(''), url: draftField.default(''), cover: momentMediaSchema.optional() })
        .strict(),
    })
    .strict(),
])
export type DraftMomentAttachment = z.infer<typeof draftMomentAttachmentSchema>

/** What the composer autosaves: lenient, so nothing typed is ever refused (the rules apply at publish). */
export const momentDraftContentSchema = z
  .object({
    text: z.string().max(DRAFT_TEXT_CHARS).default(''),
    attachments: z.array(draftMomentAttachmentSchema).max(50).default([]),
  })
  .strict()
export type MomentDraftContent = z.output<typeof momentDraftContentSchema>

export const momentDraftInputSchema = z
  .object({
    /** Absent: a new draft. */
    id: id.optional(),
    /** The revision the editor started from; a save over a newer one is refused (another window saved). */
    baseRevision: z.number().int().nonnegative().optional(),
    title: z.string().max(200).default(''),
    content: momentDraftContentSchema.default({ text: '', attachments: [] }),
    range: visibleRangeSchema.default({ userids: [], departmentIds: [], tagIds: [] }),
  })
  .strict()
export type MomentDraftInput = z.input<typeof momentDraftInputSchema>

/** The attachment kind a moment carries, for lists. */
export type MomentKind = 'text' | 'image' | 'video' | 'link'

export function momentKind(attachments: readonly { msgtype: string }[]): MomentKind {
  const first = attachments[0]?.msgtype
  return first === 'image' || first === 'video' || first === 'link' ? first : 'text'
}

/** Where a publish job is: the journal's states (see electron/core/services/moments/publish/journal.ts). */
export type PublishState =
  'scheduled' | 'pending' | 'in_flight' | 'unknown' | 'created' | 'done' | 'failed' | 'cancelled'

/** The latest publish of a draft, for the drafts list. */
export interface DraftPublish {
  jobId: string
  state: PublishState
  scheduledAt?: number
  at: number
}

export interface MomentDraftSummary {
  id: string
  title: string
  excerpt: string
  kind: MomentKind
  attachmentCount: number
  revision: number
  createdAt: number
  updatedAt: number
  publish?: DraftPublish
}

export interface MomentDraft extends Omit<MomentDraftSummary, 'excerpt' | 'kind' | 'attachmentCount'> {
  content: MomentDraftContent
  range: VisibleRange
}

/** What WeCom could not use from the visible range, named for a marketer. */
export interface PublishInvalid {
  members: Array<{ userid: string; name: string }>
  departments: number[]
  tags: Array<{ id: string; name: string }>
}

export interface PublishJobSummary {
  id: string
  draftId?: string
  title: string
  excerpt: string
  kind: MomentKind
  attachmentCount: number
  state: PublishState
  scheduledAt?: number
  createdAt: number
  updatedAt: number
  momentId?: string
  /** The result's lists of what could not be used (when WeCom reported it). */
  invalid?: PublishInvalid
  /** Found by reconciliation after an interruption: WeCom's job result was not read. */
  recovered: boolean
  /** Why it failed or waits, in the user's language. */
  note?: string
  hint?: string
}

/** Estimate of who will be able to see a moment, from the customer cache. */
export interface RangeEstimate {
  members: number
  customers: number
  /** False when the cache holds no customers yet (sync first). */
  cached: boolean
}

/** The choices of the visible-range pickers, from the cache. */
export interface RangeOptions {
  members: Array<{ userid: string; name: string; customerCount: number; departmentIds: number[] }>
  departments: Array<{ id: number; memberCount: number }>
  tagGroups: Array<{ name: string; tags: Array<{ id: string; name: string; customerCount: number }> }>
}

function fill(template: string, values: Record<string, unknown>, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key]
    if (typeof value === 'number')
      return new Intl.NumberFormat(locale, Number.isInteger(value) ? INTEGER_FORMAT : undefined).format(value)
    return value === undefined ? '' : String(value)
  })
}

/** One issue as a sentence: moments' own rules from `momentRuleMessages`, the rest as every form says them. */
export function describeMomentIssue(issue: z.core.$ZodIssue, locale: Locale): string {
  const key = issue.message
  if (Object.hasOwn(momentRuleMessages, key)) {
    const params = issue.code === 'custom' ? (issue.params ?? {}) : {}
    return fill(momentRuleMessages[key as MomentRuleKey][locale], params, locale)
  }
  return describeIssue(issue, locale)
}

/** Every issue of a failed parse as sentences, de-duplicated. */
export function describeMomentIssues(issues: readonly z.core.$ZodIssue[], locale: Locale): string[] {
  return [...new Set(issues.map((issue) => describeMomentIssue(issue, locale)))]
}

/** A rule issue (not from zod) as a sentence. */
export function describeMomentRule(issue: MomentRuleIssue, locale: Locale): string {
  return fill(momentRuleMessages[issue.key][locale], issue.params, locale)
}
