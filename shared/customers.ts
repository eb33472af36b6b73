import { z } from 'zod'
import { WECOM_LIMITS } from './limits/wecom'

const id = z.string().trim().min(1).max(128)
const ids = (max: number) => z.array(id).max(max)

/**
 * Who to include: the one filter the Customers page, the audience engine, mass messages and
 * moments share. Everything optional; omitted means "no restriction".
 */
export const customerFilterSchema = z
  .object({
    /** Substring of the customer's name, any remark, or the company (case-insensitive). */
    search: z.string().trim().max(100).optional(),
    /** Customers followed by any of these members (userids). */
    members: ids(5000).optional(),
    /** Tag ids: `and` = has all of them, `or` = has at least one. */
    tags: z
      .object({ mode: z.enum(['and', 'or']), ids: ids(WECOM_LIMITS.tag.perCorp).min(1) })
      .strict()
      .optional(),
    /** Customers carrying any of these tag ids are left out. */
    excludeTags: ids(WECOM_LIMITS.tag.perCorp).optional(),
    /** These external_userids are left out. */
    excludeCustomers: ids(100_000).optional(),
    /** Added (first follow relation created) at or after / before, ms since epoch. */
    addedFrom: z.number().int().nonnegative().optional(),
    addedTo: z.number().int().nonnegative().optional(),
    /** 0 unknown, 1 male, 2 female. */
    genders: z
      .array(z.union([z.literal(0), z.literal(1), z.literal(2)]))
      .max(3)
      .optional(),
    /** 1 WeChat user, 2 WeCom user. */
    types: z
      .array(z.union([z.literal(1), z.literal(2)]))
      .max(2)
      .optional(),
    /** WeCom add_way codes. */
    addWays: z.array(z.number().int().nonnegative()).max(50).optional(),
  })
  .strict()

export type CustomerFilter = z.input<typeof customerFilterSchema>

export const customerSortSchema = z
  .object({
    field: z.enum(['name', 'addedAt', 'followCount']),
    order: z.enum(['asc', 'desc']),
  })
  .strict()

export type CustomerSort = z.input<typeof customerSortSchema>

export const customerQuerySchema = z
  .object({
    filter: customerFilterSchema.default({}),
    sort: customerSortSchema.default({ field: 'addedAt', order: 'desc' }),
    offset: z.number().int().nonnegative().max(10_000_000).default(0),
    /** Only the visible window of rows crosses IPC. */
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()

/** One row of the customers table (the visible window only). */
export interface CustomerRow {
  externalUserid: string
  name: string
  type: 1 | 2
  gender: 0 | 1 | 2
  corpName: string
  avatar: string
  /** Members following this customer, with their remark. */
  followers: Array<{ userid: string; memberName: string; remark: string }>
  tagIds: string[]
  /** Earliest follow relation, ms since epoch. */
  addedAt: number
  /** Set when the last sync no longer found the customer. */
  goneAt?: number
}

export interface CustomerQueryResult {
  total: number
  rows: CustomerRow[]
}

export interface CustomerTagRef {
  id: string
  name: string
  groupName: string
}

/** One member ↔ customer relation, as the detail drawer shows it. */
export interface FollowDetail {
  userid: string
  memberName: string
  remark: string
  description: string
  remarkCompany: string
  tags: CustomerTagRef[]
  /** ms since epoch. */
  addedAt: number
  addWay: number
  state: string
  goneAt?: number
}

export interface CustomerDetail {
  externalUserid: string
  name: string
  type: 1 | 2
  gender: 0 | 1 | 2
  avatar: string
  corpName: string
  corpFullName: string
  position: string
  follows: FollowDetail[]
  goneAt?: number
}

/** Remark fields (externalcontact/remark); omitted fields are left unchanged. */
export const remarkInputSchema = z
  .object({
    userid: id,
    externalUserid: id,
    remark: z.string().max(WECOM_LIMITS.customer.remarkChars).optional(),
    description: z.string().max(WECOM_LIMITS.customer.descriptionChars).optional(),
    remarkCompany: z.string().max(WECOM_LIMITS.customer.remarkCompanyChars).optional(),
  })
  .strict()

export const markTagsInputSchema = z
  .object({
    userid: id,
    externalUserid: id,
    add: ids(WECOM_LIMITS.tag.perCorp).default([]),
    remove: ids(WECOM_LIMITS.tag.perCorp).default([]),
  })
  .strict()
  .refine((v) => v.add.length + v.remove.length > 0, { error: 'v.tagsNothingToChange' })

export interface MemberSummary {
  userid: string
  name: string
  customerCount: number
}

export interface TagSummary {
  id: string
  name: string
  order: number
  customerCount: number
}

export interface TagGroupSummary {
  groupId: string
  name: string
  order: number
  tags: TagSummary[]
}

const tagName = z.string().trim().min(1).max(WECOM_LIMITS.tag.nameChars)

/** Adds tags to an existing group (groupId) or creates a group (groupName) with them. */
export const addTagsInputSchema = z
  .object({
    groupId: id.optional(),
    groupName: tagName.optional(),
    tags: z.array(tagName).min(1).max(100),
  })
  .strict()
  .refine((v) => Boolean(v.groupId) !== Boolean(v.groupName), { error: 'v.tagGroupChoice' })

export const editTagInputSchema = z
  .object({
    id,
    name: tagName,
    order: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  })
  .strict()

export const removeTagsInputSchema = z
  .object({ tagIds: ids(WECOM_LIMITS.tag.perCorp).default([]), groupIds: ids(1000).default([]) })
  .strict()
  .refine((v) => v.tagIds.length + v.groupIds.length > 0, { error: 'v.tagsNothingToChange' })

export const groupQuerySchema = z
  .object({
    search: z.string().trim().max(100).optional(),
    owners: ids(5000).optional(),
    sort: z
      .object({ field: z.enum(['name', 'createTime', 'memberCount']), order: z.enum(['asc', 'desc']) })
      .strict()
      .default({ field: 'createTime', order: 'desc' }),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()

export interface GroupRow {
  chatId: string
  name: string
  owner: string
  ownerName: string
  memberCount: number
  /** ms since epoch. */
  createTime: number
  /** 0 normal, 1 owner resigned, 2 inheriting, 3 inherited. */
  status: number
  goneAt?: number
}

export interface GroupMember {
  id: string
  /** 1 member, 2 customer. */
  type: 1 | 2
  name: string
  /** ms since epoch. */
  joinTime: number
  joinScene: number
  invitor: string
}

export interface GroupDetail extends GroupRow {
  notice: string
  admins: string[]
  members: GroupMember[]
}

export type SyncState = 'idle' | 'running' | 'cancelling' | 'cancelled' | 'failed' | 'done'
export type SyncPhase = 'members' | 'tags' | 'customers' | 'groups' | 'finishing'

/** Progress of a sync, sent as events and shown as a progress bar. */
export interface SyncStatus {
  state: SyncState
  phase?: SyncPhase
  /** Work units done / expected (calls), for the bar. */
  done: number
  total: number
  /** Estimated ms left, when it can be estimated. */
  etaMs?: number
  counts: { members: number; tags: number; customers: number; follows: number; groups: number; removed: number }
  startedAt?: number
  finishedAt?: number
  /** ms since epoch of the last complete sync. */
  lastCompletedAt?: number
  /** A stopped run that `start` continues where it left off. */
  resumable: boolean
  /** Localized reason when state is failed. */
  message?: string
  hint?: string
}

export interface AudiencePreview {
  /** Customers who match. */
  count: number
  /** Members who would get a task, with how many customers each; the busiest first. */
  senders: Array<{ userid: string; name: string; count: number }>
}

/** Longest name of a saved audience, in characters. */
export const AUDIENCE_NAME_MAX_CHARS = 30

/**
 * Saves a customer filter under a name (`customers:saveAudience`): a new one without `id`, or
 * renames / changes the saved one with `id`. The name is checked in the core (trimmed, 1–30
 * characters, unique per workspace without letter case) so the errors say exactly what is wrong.
 */
export const saveAudienceInputSchema = z
  .object({
    id: id.optional(),
    name: z.string().max(200),
    filter: customerFilterSchema,
  })
  .strict()

/** A named customer filter, kept in the workspace, that the composer and the Customers page reuse. */
export interface SavedAudience {
  id: string
  name: string
  filter: CustomerFilter
  /** ms since epoch. */
  createdAt: number
  updatedAt: number
}
