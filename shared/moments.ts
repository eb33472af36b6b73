import { z } from 'zod'

/**
 * Customer moments (客户朋友圈): the types the browse, detail and publish parts share. A moment's
 * content never changes once WeCom lists it, so the workspace keeps these summaries; only a corp
 * moment's publish progress (get_moment_task) changes over time and carries its own check time.
 */

/** 0 created by the corp (企业发表, via add_moment_task or the admin console), 1 by a member (个人发表). */
export type MomentCreateType = 0 | 1

/** 0 visible to some customers (a tag filter), 1 public to all of the member's customers. */
export type MomentVisibleType = 0 | 1

/** What a moment carries besides text: WeCom allows one kind only (≤ 9 images, 1 video or 1 link). */
export const MOMENT_CONTENT_KINDS = ['text', 'image', 'video', 'link'] as const

export type MomentContentKind = (typeof MOMENT_CONTENT_KINDS)[number]

/** One image of a moment: the WeCom media_id (media/get downloads it while WeCom keeps it). */
export interface MomentImage {
  mediaId: string
}

export interface MomentVideo {
  mediaId: string
  /** The cover frame, when WeCom gives one. */
  thumbMediaId?: string
}

export interface MomentLink {
  title: string
  url: string
}

export interface MomentLocation {
  latitude: string
  longitude: string
  name: string
}

/**
 * A corp moment's publish progress: how many executing members have published it (get_moment_task),
 * as of `checkedAt` (ms). Personal moments have none.
 */
export interface MomentProgress {
  published: number
  total: number
  checkedAt: number
}

/** One moment as the workspace caches it from get_moment_list (times in ms). */
export interface MomentSummary {
  momentId: string
  /** The creating member's userid; absent for moments created through the API. */
  creatorUserid?: string
  /** The member's name from the customer cache's member list, when known. */
  creatorName?: string
  createTime: number
  createType: MomentCreateType
  visibleType: MomentVisibleType
  /** The text ('' when the moment has only attachments). */
  text: string
  /** The attachment kind, or 'text' for a text-only moment. */
  kind: MomentContentKind
  images: MomentImage[]
  video?: MomentVideo
  link?: MomentLink
  location?: MomentLocation
  /** Corp moments only, once get_moment_task has been read. */
  progress?: MomentProgress
}

/** The content kind of a moment from its parts (one kind only, as WeCom allows). */
export function momentKind(parts: Pick<MomentSummary, 'images' | 'video' | 'link'>): MomentContentKind {
  if (parts.images.length > 0) return 'image'
  if (parts.video) return 'video'
  if (parts.link) return 'link'
  return 'text'
}

// ── Browse: the cached list ──────────────────────────────────────────────────────────────────

/** get_moment_list reaches back this many days (China days, today included). */
export const MOMENTS_HISTORY_DAYS = 180

const ms = z.number().int().nonnegative()
const range = { from: ms, to: ms }
const fromBeforeTo = (value: { from: number; to: number }) => value.from <= value.to

/** A time range to browse, ms since epoch, both ends included. */
export const momentRangeSchema = z.object(range).strict().refine(fromBeforeTo, { error: 'v.invalid' })
export type MomentRange = z.infer<typeof momentRangeSchema>

/** What the list shows: the cached moments of a range, filtered, one page of them (newest first). */
export const momentQuerySchema = z
  .object({
    ...range,
    creator: z.string().trim().min(1).max(64).optional(),
    createType: z.union([z.literal(0), z.literal(1)]).optional(),
    kind: z.enum(MOMENT_CONTENT_KINDS).optional(),
    keyword: z.string().trim().max(100).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine(fromBeforeTo, { error: 'v.invalid' })
export type MomentQuery = z.input<typeof momentQuerySchema>

/**
 * Fetching a range from WeCom: the days never fetched, plus with `refresh` the days that can still
 * change (the last ones), plus with `all` every day of the range (the user asked for it).
 */
export const momentLoadSchema = z
  .object({ ...range, refresh: z.boolean().default(false), all: z.boolean().default(false) })
  .strict()
  .refine(fromBeforeTo, { error: 'v.invalid' })
export type MomentLoadInput = z.input<typeof momentLoadSchema>

/**
 * A run of days of the range in one state: `loaded` (in the cache), `loading` (being fetched),
 * `missing` (never fetched) or `failed` (the last attempt failed; `message` says why). Days are
 * China days `YYYY-MM-DD`, both included.
 */
export interface MomentWindowState {
  firstDay: string
  lastDay: string
  state: 'loaded' | 'loading' | 'missing' | 'failed'
  message?: string
}

/** What the cache holds of a range. */
export interface MomentCoverage {
  windows: MomentWindowState[]
  /** Days of the range not in the cache yet (missing, loading or failed). */
  missingDays: number
  /** When the range was last fetched from WeCom (the latest day fetched), if ever. */
  lastRefreshedAt?: number
}

export interface MomentListResult {
  rows: MomentSummary[]
  /** Moments matching the filters in the whole range (all pages). */
  total: number
  coverage: MomentCoverage
}

/** Where fetching stands (the `moments:onLoadProgress` event and `moments:load`'s answer). */
export interface MomentLoadStatus {
  state: 'idle' | 'loading' | 'done' | 'failed'
  /** get_moment_list windows (≤ 30 days each) of the current run: all, finished, failed for now. */
  windowsTotal: number
  windowsDone: number
  windowsFailed: number
  /** Moments received in this run. */
  moments: number
  /** WeCom paused the list calls (rate limit): calls resume at this time (ms). */
  pausedUntil?: number
  /** Localized reason of the last failure, when a window failed. */
  message?: string
  /** When the run finished (ms). */
  finishedAt?: number
}

/** A member who created cached moments, for the creator filter. */
export interface MomentCreator {
  userid: string
  name: string
  count: number
}
