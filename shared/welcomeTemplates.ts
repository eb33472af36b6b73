import { z } from 'zod'
import { WECOM_LIMITS } from './limits/wecom'
import {
  bytesMax,
  linkFields,
  localMediaRefSchema,
  mediaRefSchema,
  miniprogramFields,
  linkDraftSchema,
  miniprogramDraftFields,
  type LocalMediaRef,
} from './rules'

/*
 * Group welcome templates (入群欢迎语素材, reference §0.4, §5): the shapes the editor saves (lenient,
 * half-finished parts kept) and the rules a push checks (strict), built from the shared rule blocks
 * so the editor counts and explains exactly what the core refuses.
 */

const L = WECOM_LIMITS.welcomeTemplate
const id = z.string().trim().min(1).max(128)

/** The placeholder WeCom replaces with the new member's nickname (case-sensitive, may repeat). */
export const NICKNAME = '%NICKNAME%'

/** The text as a new member reads it: every `%NICKNAME%` replaced by `name`. */
export function withNickname(text: string, name: string): string {
  return text.split(NICKNAME).join(name)
}

/** The non-text part kinds, in the order WeCom picks one when several are sent (reference §5.1). */
export const WELCOME_ATTACHMENT_KINDS = ['image', 'link', 'miniprogram', 'file', 'video'] as const
export type WelcomeAttachmentKind = (typeof WELCOME_ATTACHMENT_KINDS)[number]

/** Longest text a draft keeps in one field; WeCom's byte limits apply when it is pushed. */
/** A permanent image URL (media/uploadimg) or a media_id WeCom already holds. */
const remoteRef = z.string().max(2048)

/**
 * The one attachment as the editor holds it (the attachment editor's shape). `picUrl` is the
 * permanent address the image was uploaded to (media/uploadimg), kept so it is not uploaded again;
 * `mediaId` / `picMediaId` are WeCom's ids of an imported file, video or cover that has no local copy.
 */
export const welcomeDraftAttachmentSchema = z.discriminatedUnion('msgtype', [
  z
    .object({ msgtype: z.literal('image'), image: localMediaRefSchema.optional(), picUrl: remoteRef.optional() })
    .strict(),
  z
    .object({
      msgtype: z.literal('link'),
      link: linkDraftSchema.optional(),
    })
    .strict(),
  z
    .object({
      msgtype: z.literal('miniprogram'),
      miniprogram: z
        .object({
          ...miniprogramDraftFields,
          picMediaId: remoteRef.optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({ msgtype: z.literal('file'), file: localMediaRefSchema.optional(), mediaId: remoteRef.optional() })
    .strict(),
  z
    .object({ msgtype: z.literal('video'), video: localMediaRefSchema.optional(), mediaId: remoteRef.optional() })
    .strict(),
])
export type WelcomeDraftAttachment = z.infer<typeof welcomeDraftAttachmentSchema>

/** A template's content as saved: text plus at most one attachment (nothing typed is refused). */
export const welcomeContentDraftSchema = z
  .object({
    text: z.string().max(100_000).default(''),
    attachment: welcomeDraftAttachmentSchema.nullable().default(null),
  })
  .strict()
export type WelcomeContent = z.output<typeof welcomeContentDraftSchema>

/** Autosave: creates (no id) or updates a template's local copy; never calls WeCom. */
export const saveWelcomeTemplateSchema = z
  .object({
    id: id.optional(),
    content: welcomeContentDraftSchema,
    /** Notify members to apply it to their groups (WeCom's default: yes). */
    notify: z.boolean().default(true),
  })
  .strict()
export type SaveWelcomeTemplateInput = z.input<typeof saveWelcomeTemplateSchema>

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

/** An image for media/uploadimg: ≤ 2 MB (not media/upload's 10 MB), JPG / PNG. */
const hostedImageSchema = mediaRefSchema('image').superRefine((ref, ctx) => {
  if (ref.size > L.hostedImageMaxBytes)
    ctx.addIssue({
      code: 'custom',
      message: 'v.mediaTooBig',
      path: [],
      params: { max: megabytes(L.hostedImageMaxBytes) },
    })
})

/** A file WeCom must hold as a media_id: a local one (uploaded at push) or the imported id. */
function mediaOrRemote<K extends 'file' | 'video'>(kind: K) {
  return z
    .object({ msgtype: z.literal(kind), [kind]: mediaRefSchema(kind).optional(), mediaId: remoteRef.optional() })
    .strict()
    .superRefine((part, ctx) => {
      if (!(part as Record<string, unknown>)[kind] && !part.mediaId)
        ctx.addIssue({ code: 'custom', message: 'v.chooseFile', path: [kind] })
    })
}

/** The one attachment, with the documented limits, as a push sends it. */
export const welcomeAttachmentSchema = z.discriminatedUnion('msgtype', [
  z
    .object({ msgtype: z.literal('image'), image: hostedImageSchema.optional(), picUrl: remoteRef.optional() })
    .strict()
    .superRefine((part, ctx) => {
      if (!part.image && !part.picUrl) ctx.addIssue({ code: 'custom', message: 'v.chooseFile', path: ['image'] })
    }),
  z
    .object({
      msgtype: z.literal('link'),
      link: z.object(linkFields(L.link)).strict(),
    })
    .strict(),
  z
    .object({
      msgtype: z.literal('miniprogram'),
      miniprogram: z
        .object({
          ...miniprogramFields(L.miniprogram),
          cover: mediaRefSchema('image').optional(),
          picMediaId: remoteRef.optional(),
        })
        .strict()
        .superRefine((part, ctx) => {
          if (!part.cover && !part.picMediaId)
            ctx.addIssue({ code: 'custom', message: 'v.chooseFile', path: ['cover'] })
        }),
    })
    .strict(),
  mediaOrRemote('file'),
  mediaOrRemote('video'),
])

/**
 * A template as it will be pushed: text ≤ 3,000 bytes (`%NICKNAME%` counts as its 10 bytes), at
 * most one attachment, not both empty. The editor checks it as the user types; push checks again.
 */
export const welcomeContentSchema = z
  .object({
    text: bytesMax(L.textBytes).default(''),
    attachment: welcomeAttachmentSchema.nullable().default(null),
  })
  .strict()
  .refine((content) => content.text.trim().length > 0 || content.attachment !== null, { error: 'v.messageEmpty' })

/**
 * Where a template stands against WeCom. draft: never pushed; pushed: WeCom has what the console
 * has; changed: edited here since the last push; failed: the last push was refused (the reason is
 * kept); pushing: a push is under way; maybe_created: an add whose answer was lost (it may exist in
 * WeCom: import it by id or create it again); gone: deleted in WeCom by someone else.
 */
export type WelcomeSyncState = 'draft' | 'pushed' | 'changed' | 'failed' | 'pushing' | 'maybe_created' | 'gone'

/** own: created by this app (editable); other_app: WeCom refuses edits and deletion (41058); unknown: not yet known. */
export type WelcomeOwnership = 'own' | 'other_app' | 'unknown'

/** How the template came into this library. */
export type WelcomeOrigin = 'created' | 'imported' | 'copied'

export interface WelcomeTemplateSummary {
  id: string
  /** WeCom's template id, once it exists there. */
  templateId?: string
  /** The first characters of the text. */
  excerpt: string
  attachmentKind?: WelcomeAttachmentKind
  notify: boolean
  syncState: WelcomeSyncState
  ownership: WelcomeOwnership
  origin: WelcomeOrigin
  /** The WeCom template it was copied from (another corp's), for copies. */
  copiedFrom?: string
  lastPushedAt?: number
  createdAt: number
  updatedAt: number
  /** In the deleted view: when it was deleted (ms); it is kept 30 days. */
  deletedAt?: number
}

export interface WelcomeTemplate extends WelcomeTemplateSummary {
  content: WelcomeContent
  /** Why the last push, refresh or delete failed, in the user's language. */
  lastError?: { message: string; hint?: string; wecomErrcode?: number }
}

/** The library list and the count against WeCom's cap of 100 per corp. */
export interface WelcomeLibrary {
  items: WelcomeTemplateSummary[]
  /** Templates of this library that exist in WeCom (a lower bound: WeCom has no list call). */
  inCorp: number
  cap: number
  warnAt: number
  /** Templates in the deleted view. */
  deletedCount: number
}

/** What checking the whole library against WeCom found. */
export interface WelcomeRefreshSummary {
  /** Templates read from WeCom. */
  checked: number
  /** Of those, deleted in WeCom (now marked so). */
  gone: number
  /** Templates that could not be read (offline, refused). */
  failed: number
}

/** The library filter: text search, attachment kind, state, and the live or the deleted view. */
export const welcomeListSchema = z
  .object({
    search: z.string().max(200).default(''),
    kind: z.enum([...WELCOME_ATTACHMENT_KINDS, 'none']).optional(),
    syncState: z.enum(['draft', 'pushed', 'changed', 'failed', 'pushing', 'maybe_created', 'gone']).optional(),
    view: z.enum(['library', 'deleted']).default('library'),
  })
  .strict()
export type WelcomeListInput = z.input<typeof welcomeListSchema>

/** A WeCom template id as an admin copies it. */
export const welcomeTemplateIdSchema = z.string().trim().min(1).max(128)

export type { LocalMediaRef }
