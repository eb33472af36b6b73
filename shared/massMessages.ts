import { z } from 'zod'
import { customerFilterSchema } from './customers'
import { WECOM_LIMITS } from './limits/wecom'
import {
  bytesMax,
  linkFields,
  localMediaRefSchema,
  mediaRefSchema,
  miniprogramFields,
  linkDraftSchema,
  miniprogramDraftFields,
  webAddress,
} from './rules'

export { bytesMax, localMediaRefSchema, mediaRefSchema, webAddress }
export type { LocalMediaRef, MediaKind } from './rules'

const L = WECOM_LIMITS.massMessage
const id = z.string().trim().min(1).max(128)

/** The five attachment kinds of add_msg_template, with the documented limits (reference §3). */
export const attachmentSchema = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('image'), image: mediaRefSchema('image') }).strict(),
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
          cover: mediaRefSchema('image'),
        })
        .strict(),
    })
    .strict(),
  z.object({ msgtype: z.literal('video'), video: mediaRefSchema('video') }).strict(),
  z.object({ msgtype: z.literal('file'), file: mediaRefSchema('file') }).strict(),
])
export type Attachment = z.infer<typeof attachmentSchema>

/**
 * A mass message as it will be sent: text ≤ 4,000 bytes, ≤ 9 attachments, not both empty. The
 * composer checks it as the user types; the send service checks it again before any call.
 */
export const massMessageContentSchema = z
  .object({
    text: bytesMax(L.textBytes).default(''),
    attachments: z.array(attachmentSchema).max(L.attachments).default([]),
  })
  .strict()
  .refine((c) => c.text.trim().length > 0 || c.attachments.length > 0, { error: 'v.messageEmpty' })
export type MassMessageContent = z.input<typeof massMessageContentSchema>

/** Most group owners one message may go to (one add_msg_template task each). */
export const MAX_GROUP_OWNERS = 1_000

/**
 * A stored "by owner" targeting: `senders`, or the one `sender` drafts saved before several owners
 * could be chosen held (read as a one-element list).
 */
function ownersTargeting<T extends z.ZodType<string>>(owner: T) {
  return z
    .object({
      mode: z.literal('groupsByOwner'),
      senders: z.array(owner).max(MAX_GROUP_OWNERS).optional(),
      sender: owner.optional(),
    })
    .strict()
    .transform(({ senders, sender }) => ({
      mode: 'groupsByOwner' as const,
      senders: senders ?? (sender ? [sender] : []),
    }))
}

/**
 * Who receives it. Customers: a filter or a picked list; groups: all the groups of one or more
 * owners (one task per owner), or picked groups.
 */
export const targetingSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('filter'), filter: customerFilterSchema }).strict(),
  z.object({ mode: z.literal('customers'), externalUserids: z.array(id).min(1).max(100_000) }).strict(),
  ownersTargeting(id).pipe(
    z.object({ mode: z.literal('groupsByOwner'), senders: z.array(id).min(1).max(MAX_GROUP_OWNERS) }),
  ),
  z.object({ mode: z.literal('groups'), chatIds: z.array(id).min(1).max(20_000) }).strict(),
])
export type Targeting = z.infer<typeof targetingSchema>

export type ChatType = 'single' | 'group'

/** Customer targeting goes with chat_type single, group targeting with group. */
export function targetingMatches(chatType: ChatType, targeting: Targeting): boolean {
  const forGroups = targeting.mode === 'groupsByOwner' || targeting.mode === 'groups'
  return chatType === 'group' ? forGroups : !forGroups
}

/** Longest text a draft keeps in one attachment field (link title, address, …); WeCom's byte limits apply at send. */
/** An id a picker gave, or '' while nothing is picked yet. */
const draftPick = z.string().max(128)

/**
 * An attachment as the editor holds it: the shape of `attachmentSchema` with every part the user
 * has not filled in yet optional, and nothing else (no unknown keys, no nesting beyond the shape).
 */
export const draftAttachmentSchema = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('image'), image: localMediaRefSchema.optional() }).strict(),
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
        })
        .strict()
        .optional(),
    })
    .strict(),
  z.object({ msgtype: z.literal('video'), video: localMediaRefSchema.optional() }).strict(),
  z.object({ msgtype: z.literal('file'), file: localMediaRefSchema.optional() }).strict(),
])

/**
 * Who receives it, as the editor holds it: the shape of `targetingSchema`, where the lists may
 * still be empty and no owner picked yet (a draft that stored one `sender` reads as `senders`). The filter is the contract's customer filter
 * (every part optional, so a half-set filter is a valid one). Shape, depth, list lengths and text
 * lengths are bounded like the send-time schema's.
 */
export const draftTargetingSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('filter'), filter: customerFilterSchema.default({}) }).strict(),
  z.object({ mode: z.literal('customers'), externalUserids: z.array(draftPick).max(100_000).default([]) }).strict(),
  ownersTargeting(draftPick),
  z.object({ mode: z.literal('groups'), chatIds: z.array(draftPick).max(20_000).default([]) }).strict(),
])
export type DraftTargeting = z.infer<typeof draftTargetingSchema>

/**
 * A draft as stored: lenient on purpose (it is saved as the user types, half-finished parts
 * included; nothing typed is ever refused). The strict rules apply at preview and send time.
 * Lenient is not free-form: every part has a bounded shape, so no input can nest deeper than the
 * store accepts.
 */
export const draftInputSchema = z
  .object({
    id: id.optional(),
    title: z.string().max(200).default(''),
    chatType: z.enum(['single', 'group']),
    content: z
      .object({
        text: z.string().max(100_000).default(''),
        attachments: z.array(draftAttachmentSchema).max(50).default([]),
      })
      .strict(),
    targeting: draftTargetingSchema.default({ mode: 'filter', filter: {} }),
    /** The revision the editor last saw; a stale autosave never overwrites a newer one. */
    baseRevision: z.number().int().nonnegative().optional(),
  })
  .strict()
export type DraftInput = z.input<typeof draftInputSchema>

/**
 * Where a draft's latest send stands, derived from the send journal (`send_jobs.draft_id`) each
 * time it is read, never stored with the draft. Cancelled sends and sends that created nothing
 * (failed) do not count: such a draft is a plain draft again.
 */
export interface DraftSend {
  /** scheduled: waiting for its time; sending: under way; sent: created in WeCom (all or part of it). */
  state: 'scheduled' | 'sending' | 'sent'
  jobId: string
  /** The scheduled time (scheduled, or a scheduled send that went out), else when it was submitted; ms. */
  at: number
  /** The messages it created in WeCom, first batch first: one per add_msg_template call. */
  msgids: string[]
  /** Some batches failed: sent to part of the recipients only. */
  partial?: boolean
}

/** An earlier send of the same content (same text and attachments), named before sending it again. */
export interface EarlierSend extends DraftSend {
  title: string
  draftId?: string
}

/** Sending the same content again within this time asks first. */
export const REPEAT_SEND_WINDOW_MS = 24 * 3600 * 1000

export interface DraftSummary {
  id: string
  title: string
  chatType: ChatType
  /** First characters of the text, for the list. */
  excerpt: string
  attachmentCount: number
  revision: number
  createdAt: number
  updatedAt: number
  /** Its latest send, when it was sent or scheduled (see `DraftSend`). */
  send?: DraftSend
}

export interface Draft {
  id: string
  title: string
  chatType: ChatType
  /**
   * As stored. Drafts saved before `draftInputSchema` gave attachments and targeting a shape may
   * hold anything here, so readers take what they understand and default the rest.
   */
  content: { text: string; attachments: Array<Record<string, unknown>> }
  targeting: Record<string, unknown>
  revision: number
  createdAt: number
  updatedAt: number
  /** Its latest send, when it was sent or scheduled (see `DraftSend`). */
  send?: DraftSend
}

/** How many mass messages a customer may receive: WeCom's rule is set by the corp admin (reference §3.7). */
export const receiveCapRuleSchema = z.enum(['days-in-month', 'weekly-7', 'daily-1'])
export type ReceiveCapRule = z.infer<typeof receiveCapRuleSchema>

/** What a send would do, shown before sending. */
export interface SendPreview {
  chatType: ChatType
  /** Customers (single) or groups (group) that will receive it. */
  recipients: number
  /** Members who will get a task, busiest first. */
  senders: Array<{ userid: string; name: string; count: number }>
  /** add_msg_template calls the send will take. */
  calls: number
  /** Recipients likely over the receive cap by the console's own records (they will not get it). */
  overCap: number
  capRule: ReceiveCapRule
  /** Localized problems that block sending (content or targeting), empty when it can be sent. */
  problems: string[]
  /**
   * The latest send of the same content within `REPEAT_SEND_WINDOW_MS` (or still scheduled), from
   * this draft or any other: sending again asks first.
   */
  earlierSend?: EarlierSend
}

export type SendJobState =
  'scheduled' | 'preparing' | 'sending' | 'reconciling' | 'done' | 'partial' | 'failed' | 'cancelled'

export interface SendJobSummary {
  id: string
  draftId?: string
  title: string
  chatType: ChatType
  state: SendJobState
  scheduledAt?: number
  recipients: number
  chunks: { total: number; sent: number; pending: number; unknown: number; failed: number }
  msgids: string[]
  createdAt: number
  updatedAt: number
  /** Localized reason when failed or partial. */
  message?: string
  hint?: string
  /** A test send ("send to myself first"): one customer or group; its draft is not marked sent. */
  test?: boolean
}

/**
 * A test send of a draft ("send to myself first", `massMessages:sendTest`): one add_msg_template
 * naming `sender`, to one customer (a customer draft) or one group (a group draft) that member has.
 */
export const sendTestInputSchema = z
  .object({
    draftId: id,
    sender: id,
    externalUserid: id.optional(),
    chatId: id.optional(),
  })
  .strict()
  .refine((v) => (v.externalUserid === undefined) !== (v.chatId === undefined), { error: 'v.invalid' })
export type SendTestInput = z.infer<typeof sendTestInputSchema>

/** Where a mass message stands: a scheduled send of this console, members still sending, all sent, or stopped. */
export type GroupMsgStatus = 'scheduled' | 'sending' | 'sent' | 'stopped'

/** One mass message of the corp (get_groupmsg_list_v2), with what this console knows of it. */
export interface GroupMsgSummary {
  msgid: string
  chatType: ChatType
  creator?: string
  creatorName?: string
  /** 0 corp, 1 personal. */
  createType: 0 | 1
  /** ms since epoch. */
  createTime: number
  text: string
  attachmentTypes: string[]
  /** The draft's title, when this console sent it (kept with the msgid in the send journal). */
  title?: string
  /** Sent from this console, through the connection profile named here. */
  sentHere?: { profileName: string }
  /** When this console stopped it (WeCom's APIs have no such flag). */
  stoppedAt?: number
  /** When known without asking WeCom again: stopped here, or every member has sent. */
  status?: GroupMsgStatus
  /** A test send from this console ("send to myself first"). */
  test?: boolean
}

/**
 * An attachment of a sent message that a copy as a new draft could not bring along whole: an image,
 * video or file (WeCom lists it by a media_id that cannot be downloaded after 3 days), a mini
 * program's cover, or a link the list no longer shows. The draft holds a card there to fill in again.
 */
export interface UncopiedAttachment {
  /** Position among the draft's attachments, from 0. */
  index: number
  msgtype: 'image' | 'video' | 'file' | 'miniprogram' | 'link'
}

/** A sent message copied as a new draft, and what of it is to be chosen again. */
export interface CopiedMessage {
  draft: DraftSummary
  uncopied: UncopiedAttachment[]
}

/** How far a message's member tasks are (get_groupmsg_task), for the history's status column. */
export interface GroupMsgProgress {
  msgid: string
  status: Exclude<GroupMsgStatus, 'scheduled'>
  /** Members who have sent, of all members with a task; absent while WeCom is still creating the tasks. */
  sentTasks?: number
  totalTasks?: number
}

/** The answer to a stop: when it was stopped, and whether it already was. */
export interface GroupMsgStopResult {
  msgid: string
  stoppedAt: number
  /** True when this console had already stopped it; WeCom was not called again. */
  alreadyStopped: boolean
}

export interface GroupMsgTask {
  userid: string
  memberName: string
  /** 0 not sent, 2 sent. */
  status: 0 | 2
  sendTime?: number
}

export interface GroupMsgResultCounts {
  sent: number
  unsent: number
  notFriend: number
  overCap: number
}

export interface GroupMsgResultRow {
  userid: string
  memberName: string
  externalUserid?: string
  chatId?: string
  recipientName: string
  /** 0 not sent, 1 sent, 2 not a friend, 3 over the receive cap. */
  status: 0 | 1 | 2 | 3
  sendTime?: number
}

export interface RemindStatus {
  /** Reminds left in the current 24 h window (WeCom allows 3). */
  left: number
  /** When the next remind becomes possible, when none is left. */
  nextAt?: number
}
