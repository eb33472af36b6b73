/**
 * One moment's detail (客户朋友圈 detail): who was asked to publish it and who did (get_moment_task),
 * the customers each member chose and the ones who can actually see it (get_moment_customer_list,
 * get_moment_send_result), and the likes and comments (get_moment_comments). Names come from the
 * workspace's customer cache; an id the cache does not know is shown as it is. Times in ms.
 */
import { z } from 'zod'

/** Moment ids are WeCom's opaque strings. */
export const momentIdSchema = z.string().trim().min(1).max(128)

/** A member's publish status on the moment. Personal moments have one member, the creator, published. */
export interface MomentMemberStatus {
  userid: string
  /** From the cache's member list; '' when unknown. */
  memberName: string
  published: boolean
  /** Interactions on this member's post (0 until published). */
  likes: number
  comments: number
}

/** Who liked or commented: a customer (named from the cache) or a colleague (a member). */
export type MomentActor =
  { kind: 'customer'; externalUserid: string; name: string } | { kind: 'member'; userid: string; name: string }

/** One like or comment on a member's post. */
export interface MomentInteraction {
  type: 'like' | 'comment'
  /** The member whose post it is on. */
  posterUserid: string
  posterName: string
  actor: MomentActor
  at: number
}

/** What the detail counts. `rate` is published / members (0–1; 1 for a personal moment). */
export interface MomentDetailTotals {
  members: number
  published: number
  rate: number
  likes: number
  comments: number
  /** Distinct customers who liked or commented. */
  interactingCustomers: number
}

/** The moment's detail as read from WeCom (and kept in memory until refreshed). */
export interface MomentDetail {
  momentId: string
  /** Corp moments have member tasks and can be cancelled; personal ones do not. */
  corp: boolean
  members: MomentMemberStatus[]
  /** Newest first. */
  interactions: MomentInteraction[]
  totals: MomentDetailTotals
  /** When this console stopped the moment (ms), if it did. */
  cancelledAt?: number
  fetchedAt: number
}

export const momentDetailInputSchema = z
  .object({
    momentId: momentIdSchema,
    /** From the cached summary: 1 for a personal moment (no member tasks; its creator posted it). */
    createType: z.union([z.literal(0), z.literal(1)]).optional(),
    /** The creating member, needed for a personal moment's interactions. */
    creator: z.string().trim().min(1).max(128).optional(),
    /** Read again from WeCom instead of the copy kept since the last read. */
    refresh: z.boolean().default(false),
  })
  .strict()
export type MomentDetailInput = z.input<typeof momentDetailInputSchema>

/** Which of a member's customers: the ones who can see the post, all chosen at publish, or chosen but not seeing it. */
export type MomentCustomerView = 'visible' | 'chosen' | 'hidden'

export const momentCustomersInputSchema = z
  .object({
    momentId: momentIdSchema,
    userid: z.string().trim().min(1).max(128),
    view: z.enum(['visible', 'chosen', 'hidden']).default('visible'),
    /** Part of a name or remark (case-insensitive). */
    search: z.string().trim().max(100).default(''),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(500).default(50),
    refresh: z.boolean().default(false),
  })
  .strict()
export type MomentCustomersInput = z.input<typeof momentCustomersInputSchema>

/** One customer of a member's post. */
export interface MomentCustomerRow {
  externalUserid: string
  /** From the cache; '' when the cache does not know the customer. */
  name: string
  /** The member's remark for the customer, from the cache. */
  remark: string
  visible: boolean
}

/** A window of a member's customers, with the counts of the whole lists. */
export interface MomentCustomersPage {
  userid: string
  memberName: string
  chosen: number
  visible: number
  /** Rows in the view after the search. */
  total: number
  rows: MomentCustomerRow[]
}

/** Progress of a detail read over a second: members' interactions, customers of members (export). */
export interface MomentDetailProgress {
  momentId: string
  step: 'interactions' | 'customers'
  done: number
  total: number
}

/** A remind by app message: the members it went to and the ones WeCom refused (not in the app's range). */
export interface MomentRemindResult {
  momentId: string
  sent: Array<{ userid: string; name: string }>
  invalid: Array<{ userid: string; name: string }>
  at: number
}

/** Reminders sent from this console for a moment, and whether the profile can send them (its AgentId is set). */
export interface MomentRemindStatus {
  lastAt?: number
  count: number
  byAppMessage: boolean
}

export const momentRemindInputSchema = z
  .object({
    momentId: momentIdSchema,
    /** The moment's text (or its beginning), named in the reminder so members know which post. */
    momentText: z.string().max(4000).default(''),
    /** When the moment was created (ms), named in the reminder. */
    createTime: z.number().int().nonnegative().optional(),
  })
  .strict()
export type MomentRemindInput = z.input<typeof momentRemindInputSchema>

export interface MomentCancelResult {
  momentId: string
  cancelledAt: number
  /** This console had already stopped it: WeCom was not called again. */
  alreadyCancelled: boolean
}

export const momentExportInputSchema = z
  .object({
    momentId: momentIdSchema,
    format: z.enum(['xlsx', 'csv']),
    createType: z.union([z.literal(0), z.literal(1)]).optional(),
    creator: z.string().trim().min(1).max(128).optional(),
    /** Names the file (its beginning). */
    momentText: z.string().max(4000).default(''),
    createTime: z.number().int().nonnegative().optional(),
  })
  .strict()
export type MomentExportInput = z.input<typeof momentExportInputSchema>

/** The customer ids who liked and/or commented (no members), de-duplicated, in first-seen order. */
export function interactingCustomers(
  interactions: readonly MomentInteraction[],
  types: ReadonlyArray<MomentInteraction['type']> = ['like', 'comment'],
): string[] {
  const ids = new Set<string>()
  for (const interaction of interactions) {
    if (interaction.actor.kind === 'customer' && types.includes(interaction.type))
      ids.add(interaction.actor.externalUserid)
  }
  return [...ids]
}
