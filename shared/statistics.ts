/**
 * The statistics domain (联系客户统计, 群聊数据统计): types, metric lists, input schemas and the range
 * helpers the date picker and the core share. Every day here is a **corp day** (China time,
 * `shared/date.ts`), written `YYYY-MM-DD`.
 */
import { z } from 'zod'
import { addDays, corpDayNumber, dayFromNumber, daysBetween, isDay, type Day } from './date'

// ── Metrics ──────────────────────────────────────────────────────────────────────────────────

/**
 * The seven get_user_behavior_data figures, in the order the dashboard shows them. Counts add up
 * over days and members; `reply_percentage` (already a percentage: 66 means 66 %) and
 * `avg_reply_time` (minutes) are averages weighted by chats and never summed.
 */
export const CONTACT_METRICS = [
  'new_apply_cnt',
  'new_contact_cnt',
  'chat_cnt',
  'message_cnt',
  'reply_percentage',
  'avg_reply_time',
  'negative_feedback_cnt',
] as const
export type ContactMetric = (typeof CONTACT_METRICS)[number]

/** The two contact metrics that are averages (weighted by `chat_cnt`), not counts. */
export const CONTACT_RATIO_METRICS: readonly ContactMetric[] = ['reply_percentage', 'avg_reply_time']

/** Lower is better for these (rankings and notable changes read them the other way round). */
export const LOWER_IS_BETTER: ReadonlySet<ContactMetric | GroupMetric> = new Set([
  'avg_reply_time',
  'negative_feedback_cnt',
])

/**
 * The group figures (statistic_group_by_day, one owner per call), in the dashboard's order.
 * `chat_total` / `member_total` are day snapshots: over a range they are the last day's value, never
 * a sum of days. `chat_has_msg` / `member_has_msg` are per-day counts of distinct groups / members:
 * over a range they are the average per day. The others add up over days.
 */
export const GROUP_METRICS = [
  'new_chat_cnt',
  'chat_total',
  'chat_has_msg',
  'new_member_cnt',
  'member_total',
  'member_has_msg',
  'msg_total',
] as const
export type GroupMetric = (typeof GROUP_METRICS)[number]

/** Group metrics that are day snapshots (last day of the range). */
export const GROUP_SNAPSHOT_METRICS: readonly GroupMetric[] = ['chat_total', 'member_total']
/** Group metrics shown as a daily average over a range. */
export const GROUP_DAILY_AVERAGE_METRICS: readonly GroupMetric[] = ['chat_has_msg', 'member_has_msg']
/** The four orders WeCom's groupchat/statistic offers (order_by 1–4). */
export const GROUP_WECOM_ORDERS: readonly GroupMetric[] = [
  'new_chat_cnt',
  'chat_total',
  'new_member_cnt',
  'member_total',
]

/** Values per metric; `null` where there is nothing to average (no chats in the range). */
export type ContactFigures = Record<ContactMetric, number | null>
export type GroupFigures = Record<GroupMetric, number | null>

// ── Ranges ───────────────────────────────────────────────────────────────────────────────────

/** How many corp days WeCom keeps: the last 180 days, yesterday the newest. */
export const STATS_HISTORY_DAYS = 180
/** Longest window one WeCom statistics call covers (days, both ends included). */
export const STATS_WINDOW_DAYS = 30
/** Ranges longer than this are trended in 7-day buckets instead of by day. */
export const WEEKLY_TREND_OVER_DAYS = 62
/** Most members on one comparison chart. */
export const COMPARE_MEMBERS_MAX = 10

/** A range of corp days, both ends included. */
export interface StatsRange {
  from: Day
  to: Day
}

/** The days a range may cover at `now`: the last 180 corp days, ending yesterday (China time). */
export function availableDays(now: number = Date.now()): StatsRange {
  const yesterday = corpDayNumber(now) - 1
  return { from: dayFromNumber(yesterday + 1 - STATS_HISTORY_DAYS), to: dayFromNumber(yesterday) }
}

/**
 * The range moved inside the available days (see `availableDays`): ends swapped when reversed,
 * anything before the oldest day or from today on cut off. `clamped` says whether it changed, so
 * the picker can tell the user. A range wholly outside becomes the nearest single day.
 */
export function clampRange(range: StatsRange, now: number = Date.now()): StatsRange & { clamped: boolean } {
  const available = availableDays(now)
  let [from, to] = daysBetween(range.from, range.to) >= 0 ? [range.from, range.to] : [range.to, range.from]
  if (daysBetween(available.from, from) < 0) from = available.from
  if (daysBetween(to, available.to) < 0) to = available.to
  if (daysBetween(from, available.to) < 0) from = available.to
  if (daysBetween(available.from, to) < 0) to = available.from
  return { from, to, clamped: from !== range.from || to !== range.to }
}

/** The picker's presets: 昨天, 近 7 / 30 / 90 / 180 天 (each ending yesterday). */
export const RANGE_PRESETS = ['yesterday', 'last7', 'last30', 'last90', 'last180'] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]
const PRESET_DAYS: Record<RangePreset, number> = { yesterday: 1, last7: 7, last30: 30, last90: 90, last180: 180 }

/** A preset's range at `now`, ending yesterday (China time). */
export function presetRange(preset: RangePreset, now: number = Date.now()): StatsRange {
  const { to } = availableDays(now)
  return { from: addDays(to, 1 - PRESET_DAYS[preset]), to }
}

/** Days in a range, both ends included. */
export function rangeDays(range: StatsRange): number {
  return daysBetween(range.from, range.to) + 1
}

/** The period of the same length just before `range` (for the KPI change). */
export function previousPeriod(range: StatsRange): StatsRange {
  const length = rangeDays(range)
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) }
}

/** Whether a range is trended by day or by week. */
export function trendGrain(range: StatsRange): 'day' | 'week' {
  return rangeDays(range) > WEEKLY_TREND_OVER_DAYS ? 'week' : 'day'
}

// ── Input schemas ────────────────────────────────────────────────────────────────────────────

const day = z.string().refine(isDay, { error: 'v.invalid' })
const userid = z.string().trim().min(1).max(128)

/** A range of corp days; the core clamps it into the available days (`clampRange`) and answers the range used. */
export const statsRangeSchema = z.object({ from: day, to: day }).strict()

/** Who a contact dashboard covers: the whole team, a department (with its sub-departments), or chosen members. */
export const contactScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team') }).strict(),
  z.object({ kind: z.literal('department'), departmentId: z.number().int().nonnegative() }).strict(),
  z.object({ kind: z.literal('members'), userids: z.array(userid).min(1).max(5000) }).strict(),
])
export type ContactScope = z.infer<typeof contactScopeSchema>

/** Who a group dashboard covers: every group owner, or chosen owners. */
export const groupScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team') }).strict(),
  z.object({ kind: z.literal('owners'), userids: z.array(userid).min(1).max(5000) }).strict(),
])
export type GroupScope = z.infer<typeof groupScopeSchema>

/** The metric a member table's sparkline draws (default `message_cnt`). */
export const contactDashboardInputSchema = z
  .object({
    range: statsRangeSchema,
    scope: contactScopeSchema,
    sparkMetric: z.enum(CONTACT_METRICS).default('message_cnt'),
  })
  .strict()
export type ContactDashboardInput = z.input<typeof contactDashboardInputSchema>

export const groupDashboardInputSchema = z
  .object({
    range: statsRangeSchema,
    scope: groupScopeSchema,
    sparkMetric: z.enum(GROUP_METRICS).default('msg_total'),
  })
  .strict()
export type GroupDashboardInput = z.input<typeof groupDashboardInputSchema>

export const memberTrendsInputSchema = z.object({ userid, range: statsRangeSchema }).strict()

export const compareMembersInputSchema = z
  .object({
    userids: z.array(userid).min(1).max(COMPARE_MEMBERS_MAX),
    metric: z.enum(CONTACT_METRICS),
    range: statsRangeSchema,
  })
  .strict()

export const exportInputSchema = z.discriminatedUnion('dashboard', [
  z
    .object({
      dashboard: z.literal('contact'),
      range: statsRangeSchema,
      scope: contactScopeSchema,
      format: z.enum(['xlsx', 'csv']),
    })
    .strict(),
  z
    .object({
      dashboard: z.literal('group'),
      range: statsRangeSchema,
      scope: groupScopeSchema,
      format: z.enum(['xlsx', 'csv']),
    })
    .strict(),
])
export type StatsExportInput = z.input<typeof exportInputSchema>

// ── Fill status ──────────────────────────────────────────────────────────────────────────────

export type FillState = 'idle' | 'running' | 'cancelling' | 'cancelled' | 'failed' | 'done'

/** Why a member's or owner's figures are missing: left the company, or out of the app's sight (WeCom refused). */
export interface Unavailable {
  userid: string
  name: string
  kind: 'member' | 'owner'
  reason: 'left' | 'not_visible'
  /** WeCom's errcode when WeCom refused (e.g. 60011). */
  errcode?: number
  /** Localized, for a tooltip. */
  message: string
}

/** The statistics cache and its fill (first fill of 180 days, or a refresh of missing and provisional days). */
export interface FillStatus {
  state: FillState
  /** `first` while the cache has never been complete; `refresh` afterwards. */
  kind: 'first' | 'refresh'
  /** Calls done / expected, for the bar. */
  done: number
  total: number
  /** Seconds left, once a pace is known. */
  etaSeconds?: number
  startedAt?: number
  finishedAt?: number
  /** ms of the last fill that completed. */
  lastRefreshAt?: number
  /** Newest corp day every available member has (undefined before any data): "data up to 2026-12-04". */
  dataUpTo?: Day
  /** Oldest cached corp day. */
  dataFrom?: Day
  /** Corp days whose figures WeCom may still change (fetched too early, or all zeros): fetched again at the next refresh. */
  provisionalDays: Day[]
  /** Days (from the last 180) that a refresh would still fetch; 0 when the cache is complete. */
  missingDays: number
  /** Members and owners whose figures could not be fetched. */
  unavailable: Unavailable[]
  /** How the team totals are built: one department call, or members in batches where the app cannot see departments. */
  teamSource: 'department' | 'members'
  /** A stopped fill that `startFill` continues. */
  resumable: boolean
  /** Localized reason when failed. */
  message?: string
  hint?: string
}

// ── Scopes ───────────────────────────────────────────────────────────────────────────────────

export interface StatsDepartment {
  id: number
  name: string
  parentId: number
  /** Members (with customer contact) in it and its sub-departments. */
  memberCount: number
}

export interface StatsPerson {
  userid: string
  /** The directory name, or the userid when the app cannot read names. */
  name: string
  departments: number[]
  /** `ok`, or why there are no (new) figures. */
  status: 'ok' | 'left' | 'not_visible'
}

export interface StatsScopes {
  departments: StatsDepartment[]
  members: StatsPerson[]
  owners: StatsPerson[]
}

// ── Dashboards ───────────────────────────────────────────────────────────────────────────────

/**
 * A trend point: a day, or a 7-day bucket when `grain` is `week` (buckets run from the range's
 * first day, so the previous period's points line up index by index; the last may be shorter).
 */
export interface TrendPoint<F> {
  /** The day, or the bucket's first day. */
  day: Day
  figures: F
}

/** A KPI: the value over the range, over the previous period, and the change. */
export interface Kpi {
  value: number | null
  previous: number | null
  /** value − previous (points for percentages); null when either is null. */
  change: number | null
  /** change / previous × 100; null when previous is 0 or null. */
  changePercent: number | null
}

export interface MemberRow {
  userid: string
  name: string
  status: StatsPerson['status']
  figures: ContactFigures
  previous: ContactFigures
  /** The sparkline metric per trend point (same points as the dashboard's trend). */
  spark: Array<number | null>
}

export interface OwnerRow {
  userid: string
  name: string
  status: StatsPerson['status']
  figures: GroupFigures
  previous: GroupFigures
  spark: Array<number | null>
}

/** Top and bottom members by one metric (members with no value left out). */
export interface Ranking {
  metric: string
  top: Array<{ userid: string; name: string; value: number }>
  bottom: Array<{ userid: string; name: string; value: number }>
}

/** A member whose figure moved a lot against the previous period. */
export interface NotableChange {
  userid: string
  name: string
  metric: ContactMetric | GroupMetric
  value: number
  previous: number
  change: number
  /** `worse` reads the metric's direction (a longer reply time is worse). */
  direction: 'better' | 'worse'
  /** Localized one-liner: "张三 的回复率下降了 25 个百分点（82 → 57）". */
  message: string
}

/** What a dashboard's numbers stand on. */
export interface DataFacts {
  /** The range used (clamped; see `clampRange`). */
  range: StatsRange
  /** The previous period of the same length (may lie partly before the cache: those days count as missing). */
  previousRange: StatsRange
  /** True when the asked range was moved inside the available days. */
  clamped: boolean
  grain: 'day' | 'week'
  /** Provisional days inside the range. */
  provisionalDays: Day[]
  /** Days of the range (or of the previous period) not in the cache yet. */
  missingDays: Day[]
  previousMissingDays: number
}

export interface ContactDashboard extends DataFacts {
  kpis: Record<ContactMetric, Kpi>
  /** Per trend point, the scope's figures over the range and (index by index) over the previous period. */
  trend: Array<TrendPoint<ContactFigures>>
  previousTrend: Array<TrendPoint<ContactFigures>>
  members: MemberRow[]
  sparkMetric: ContactMetric
  rankings: Record<ContactMetric, Ranking>
  notable: NotableChange[]
  /**
   * True when the scope's reply rate and reply time are averages of its members' (weighted by
   * chats): a department or chosen members. The whole team's come from WeCom's own team figures.
   */
  ratiosFromMembers: boolean
}

export interface MemberTrends extends DataFacts {
  member: StatsPerson
  kpis: Record<ContactMetric, Kpi>
  trend: Array<TrendPoint<ContactFigures>>
  previousTrend: Array<TrendPoint<ContactFigures>>
  /** The member's figure beside the team's per trend point, for context. */
  teamTrend: Array<TrendPoint<ContactFigures>>
}

export interface MemberComparison extends DataFacts {
  metric: ContactMetric
  /** One series per member, values per trend point (`days`). */
  days: Day[]
  series: Array<{ userid: string; name: string; values: Array<number | null>; total: number | null }>
}

export interface GroupDashboard extends DataFacts {
  kpis: Record<GroupMetric, Kpi>
  trend: Array<TrendPoint<GroupFigures>>
  previousTrend: Array<TrendPoint<GroupFigures>>
  owners: OwnerRow[]
  sparkMetric: GroupMetric
  rankings: Record<GroupMetric, Ranking>
  notable: NotableChange[]
}

/** An exported file, ready for "save as". */
export interface StatsExportFile {
  filename: string
  dataBase64: string
  contentType: string
}
