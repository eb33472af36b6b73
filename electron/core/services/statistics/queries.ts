/**
 * The dashboards' queries over the statistics cache. Sums and weighted sums are done by SQLite
 * over the (userid, day) / (day) keys; only per-day or per-member aggregates reach JavaScript
 * (at most a few thousand small rows), so any range and scope over 500 members × 180 days answers
 * in a few ms.
 *
 * Aggregation rules: counts add up; `reply_percentage` and `avg_reply_time` are averages weighted
 * by `chat_cnt` (never summed); for groups, `chat_total` / `member_total` are the last day's
 * snapshot and `chat_has_msg` / `member_has_msg` the average per day.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { Locale } from '../../../../shared/result'
import {
  CONTACT_METRICS,
  GROUP_METRICS,
  LOWER_IS_BETTER,
  clampRange,
  previousPeriod,
  rangeDays,
  trendGrain,
  type ContactDashboard,
  type ContactFigures,
  type ContactMetric,
  type ContactScope,
  type DataFacts,
  type GroupDashboard,
  type GroupFigures,
  type GroupMetric,
  type GroupScope,
  type Kpi,
  type MemberComparison,
  type MemberRow,
  type MemberTrends,
  type NotableChange,
  type OwnerRow,
  type Ranking,
  type StatsDepartment,
  type StatsPerson,
  type StatsRange,
  type StatsScopes,
} from '../../../../shared/statistics'
import { AppError, text } from '../../errors'
import { StatisticsCache, type Subject } from './cache'
import { dayFromNumber, dayToNumber } from '../../../../shared/date'
import {
  CONTACT_COLUMNS,
  GROUP_COLUMNS,
  matricesOf,
  prepareMatrices,
  type ContactColumn,
  type GroupColumn,
  type Matrix,
} from './matrix'

const RANKING_SIZE = 10
const NOTABLE_MAX = 20

// ── sums over the matrices ───────────────────────────────────────────────────────────────────

const C = CONTACT_COLUMNS.length
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits

/** Contact sums (CONTACT_COLUMNS order) and how many cached days they cover. */
interface ContactSum {
  sum: Float64Array
  days: number
}

const newContact = (): ContactSum => ({ sum: new Float64Array(C), days: 0 })

/** Adds the cells of `row` for day offsets [a, b] into `target`. */
function addRow(m: Matrix<ContactColumn>, row: number, a: number, b: number, target: ContactSum): void {
  const base = row * m.days
  for (let c = 0; c < C; c++) {
    const column = m.cols[CONTACT_COLUMNS[c]!]
    let total = 0
    for (let d = a; d <= b; d++) total += column[base + d]!
    target.sum[c]! += total
  }
  for (let d = a; d <= b; d++) target.days += m.present[base + d]!
}

function contactFigures(total: ContactSum | undefined): ContactFigures {
  if (!total || total.days === 0) return nullContact()
  const s = total.sum
  return {
    new_apply_cnt: s[0]!,
    new_contact_cnt: s[1]!,
    chat_cnt: s[2]!,
    message_cnt: s[3]!,
    reply_percentage: s[6]! > 0 ? round(s[5]! / s[6]!, 2) : null,
    avg_reply_time: s[8]! > 0 ? round(s[7]! / s[8]!, 1) : null,
    negative_feedback_cnt: s[4]!,
  }
}

/** A point or member with no cached day: every figure unknown (a gap, not a zero). */
function nullContact(): ContactFigures {
  return Object.fromEntries(CONTACT_METRICS.map((metric) => [metric, null])) as ContactFigures
}

/** One contact metric from sums: counts as they are, ratios divided by their chats. */
function contactValue(metric: ContactMetric, total: ContactSum): number | null {
  return total.days === 0 ? null : contactFigures(total)[metric]
}

const RATIO_COLUMNS: Partial<Record<ContactMetric, [ContactColumn, ContactColumn, number]>> = {
  reply_percentage: ['rw', 'rn', 2],
  avg_reply_time: ['tw', 'tn', 1],
}

/** One member's metric per bucket (matrix offsets), straight from the columns: null where no day is cached. */
function metricSeries(
  m: Matrix<ContactColumn>,
  row: number,
  metric: ContactMetric,
  bucketOffsets: ReadonlyArray<[number, number] | undefined>,
): Array<number | null> {
  const base = row * m.days
  const ratio = RATIO_COLUMNS[metric]
  const values = m.cols[ratio ? ratio[0] : (metric as ContactColumn)]
  const weights = ratio ? m.cols[ratio[1]] : undefined
  return bucketOffsets.map((bucket) => {
    if (!bucket) return null
    let present = 0
    let value = 0
    let weight = 0
    for (let d = base + bucket[0]; d <= base + bucket[1]; d++) {
      present += m.present[d]!
      value += values[d]!
      if (weights) weight += weights[d]!
    }
    if (present === 0) return null
    if (!ratio) return value
    return weight > 0 ? round(value / weight, ratio[2]) : null
  })
}

/** Group sums over days: counts and daily activity summed, snapshots from the newest settled day. */
interface GroupSum {
  new_chat_cnt: number
  new_member_cnt: number
  msg_total: number
  chat_has_msg: number
  member_has_msg: number
  days: number
  newest: number
  chat_total: number
  member_total: number
}

function emptyGroup(): GroupSum {
  return {
    new_chat_cnt: 0,
    new_member_cnt: 0,
    msg_total: 0,
    chat_has_msg: 0,
    member_has_msg: 0,
    days: 0,
    newest: -1,
    chat_total: 0,
    member_total: 0,
  }
}

/** Per-day group sums of some owners over day offsets [a, a + length): columns summed over owners, owners counted. */
interface GroupDaily {
  a: number
  cols: Record<GroupColumn, Float64Array>
  owners: Uint16Array
  /** Owners whose day WeCom has settled. */
  settled: Uint16Array
}

function groupDaily(m: Matrix<GroupColumn>, rows: readonly number[], a: number, b: number): GroupDaily {
  const length = Math.max(0, b - a + 1)
  const cols = Object.fromEntries(GROUP_COLUMNS.map((column) => [column, new Float64Array(length)])) as Record<
    GroupColumn,
    Float64Array
  >
  const owners = new Uint16Array(length)
  const settled = new Uint16Array(length)
  const lo = Math.max(0, -a)
  const hi = Math.min(length - 1, m.days - 1 - a)
  for (const row of rows) {
    const base = row * m.days + a
    for (let d = lo; d <= hi; d++) {
      if (!m.present[base + d]) continue
      owners[d]!++
      settled[d]! += m.final[base + d]!
      for (const column of GROUP_COLUMNS) cols[column][d]! += m.cols[column][base + d]!
    }
  }
  return { a, cols, owners, settled }
}

/**
 * Group sums of day offsets [from, to] of a GroupDaily: counts added, activity added with its days;
 * snapshots of the newest day every owner's figures are settled for (a provisional day reads WeCom's
 * early-morning zeros), else of the newest day.
 */
function groupBucket(daily: GroupDaily, from: number, to: number): GroupSum {
  const sum = emptyGroup()
  const lo = Math.max(0, from - daily.a)
  const hi = Math.min(daily.owners.length - 1, to - daily.a)
  const c = daily.cols
  for (let d = lo; d <= hi; d++) {
    if (!daily.owners[d]) continue
    sum.days++
    sum.new_chat_cnt += c.new_chat_cnt[d]!
    sum.new_member_cnt += c.new_member_cnt[d]!
    sum.msg_total += c.msg_total[d]!
    sum.chat_has_msg += c.chat_has_msg[d]!
    sum.member_has_msg += c.member_has_msg[d]!
    if (
      sum.newest < 0 ||
      daily.settled[d] === daily.owners[d] ||
      daily.settled[sum.newest] !== daily.owners[sum.newest]
    ) {
      sum.newest = d
      sum.chat_total = c.chat_total[d]!
      sum.member_total = c.member_total[d]!
    }
  }
  return sum
}

/** One owner's group sums over matrix offsets [from, to] (clipped); snapshots as in groupBucket. */
function ownerSum(m: Matrix<GroupColumn>, row: number, from: number, to: number): GroupSum {
  const sum = emptyGroup()
  const base = row * m.days
  const c = m.cols
  for (let d = Math.max(0, from); d <= Math.min(m.days - 1, to); d++) {
    const cell = base + d
    if (!m.present[cell]) continue
    sum.days++
    sum.new_chat_cnt += c.new_chat_cnt[cell]!
    sum.new_member_cnt += c.new_member_cnt[cell]!
    sum.msg_total += c.msg_total[cell]!
    sum.chat_has_msg += c.chat_has_msg[cell]!
    sum.member_has_msg += c.member_has_msg[cell]!
    if (sum.newest < 0 || m.final[cell] || !m.final[base + sum.newest]) {
      sum.newest = d
      sum.chat_total = c.chat_total[cell]!
      sum.member_total = c.member_total[cell]!
    }
  }
  return sum
}

function groupFigures(sum: GroupSum | undefined): GroupFigures {
  if (!sum || sum.days === 0) {
    return {
      new_chat_cnt: null,
      chat_total: null,
      chat_has_msg: null,
      new_member_cnt: null,
      member_total: null,
      member_has_msg: null,
      msg_total: null,
    }
  }
  return {
    new_chat_cnt: sum.new_chat_cnt,
    chat_total: sum.chat_total,
    chat_has_msg: round(sum.chat_has_msg / sum.days, 1),
    new_member_cnt: sum.new_member_cnt,
    member_total: sum.member_total,
    member_has_msg: round(sum.member_has_msg / sum.days, 1),
    msg_total: sum.msg_total,
  }
}

// ── ranges and buckets ───────────────────────────────────────────────────────────────────────

interface Span {
  range: StatsRange
  previousRange: StatsRange
  clamped: boolean
  grain: 'day' | 'week'
  f: number
  t: number
  pf: number
  pt: number
  step: number
  points: number
}

function span(asked: StatsRange, now: number, grain?: 'day' | 'week'): Span {
  const { clamped, ...range } = clampRange(asked, now)
  const previousRange = previousPeriod(range)
  const g = grain ?? trendGrain(range)
  const step = g === 'week' ? 7 : 1
  const days = rangeDays(range)
  return {
    range,
    previousRange,
    clamped,
    grain: g,
    f: dayToNumber(range.from),
    t: dayToNumber(range.to),
    pf: dayToNumber(previousRange.from),
    pt: dayToNumber(previousRange.to),
    step,
    points: Math.ceil(days / step),
  }
}

function bucketDays(s: Span, start: number): string[] {
  return Array.from({ length: s.points }, (_, i) => dayFromNumber(start + i * s.step))
}

function kpi(value: number | null, previous: number | null): Kpi {
  const change = value !== null && previous !== null ? round(value - previous, 2) : null
  const changePercent = change !== null && previous ? round((change / previous) * 100, 1) : null
  return { value, previous, change, changePercent }
}

/** For each trend point k of a period starting at `start`, the clipped offsets [a, b] in the matrix. */
function buckets(m: Matrix<string>, s: Span, start: number): Array<[number, number] | undefined> {
  return Array.from({ length: s.points }, (_, k) => {
    const from = start + k * s.step
    const to = Math.min(from + s.step - 1, start + (s.t - s.f))
    return m.offsets(from, to)
  })
}

// ── the query object ─────────────────────────────────────────────────────────────────────────

/** Dashboards over one workspace's statistics cache. */
export class StatisticsQueries {
  private readonly cache: StatisticsCache

  constructor(private readonly db: DatabaseSync) {
    this.cache = new StatisticsCache(db)
  }

  /** Brings the in-memory snapshot up to date in slices (call before a query from an event loop others share). */
  ready(): Promise<void> {
    return prepareMatrices(this.db)
  }

  scopes(): StatsScopes {
    const { subjects, departments } = matricesOf(this.db)
    const members = subjects.member.map(person)
    const owners = subjects.owner.map(person)
    const result: StatsDepartment[] = departments.map((department) => {
      const subtree = subtreeOf(departments, department.id)
      return {
        id: department.id,
        name: department.name,
        parentId: department.parentId,
        memberCount: members.filter((member) => member.departments.some((id) => subtree.has(id))).length,
      }
    })
    return { departments: result, members, owners }
  }

  /** 联系客户统计 over a range and scope. */
  contactDashboard(
    input: { range: StatsRange; scope: ContactScope; sparkMetric: ContactMetric },
    now: number,
    locale: Locale,
    grain?: 'day' | 'week',
  ): ContactDashboard {
    const s = span(input.range, now, grain)
    const { members: m, team } = matricesOf(this.db)
    const people = this.membersInScope(input.scope)
    const rows = people.map((person) => m.index.get(person.userid))
    const scoped =
      input.scope.kind === 'team' ? this.scopeTrend(team, [0], s) : this.scopeTrend(m, rows.filter(isRow), s)
    const kpis = {} as Record<ContactMetric, Kpi>
    const value = contactFigures(scoped.current)
    const before = contactFigures(scoped.previous)
    for (const metric of CONTACT_METRICS) kpis[metric] = kpi(value[metric], before[metric])

    const current = m.offsets(s.f, s.t)
    const previous = m.offsets(s.pf, s.pt)
    const sparkBuckets = buckets(m, s, s.f)
    const members: MemberRow[] = people.map((person, i) => {
      const row = rows[i]
      const now_ = newContact()
      const prev = newContact()
      if (row !== undefined) {
        if (current) addRow(m, row, current[0], current[1], now_)
        if (previous) addRow(m, row, previous[0], previous[1], prev)
      }
      const spark =
        row === undefined
          ? Array<number | null>(s.points).fill(null)
          : metricSeries(m, row, input.sparkMetric, sparkBuckets)
      return {
        userid: person.userid,
        name: person.name,
        status: person.status,
        figures: contactFigures(now_),
        previous: contactFigures(prev),
        spark,
      }
    })
    const rankings = {} as Record<ContactMetric, Ranking>
    for (const metric of CONTACT_METRICS) rankings[metric] = ranking(members, metric)
    return {
      ...this.facts(s, team, [0]),
      kpis,
      trend: scoped.trend,
      previousTrend: scoped.previousTrend,
      members,
      sparkMetric: input.sparkMetric,
      rankings,
      notable: notableContact(members, locale),
      ratiosFromMembers: input.scope.kind !== 'team',
    }
  }

  /** One member's page. */
  memberTrends(input: { userid: string; range: StatsRange }, now: number): MemberTrends {
    const s = span(input.range, now)
    const { members: m, team } = matricesOf(this.db)
    const member = this.person('member', input.userid)
    const row = m.index.get(input.userid)
    const own = this.scopeTrend(m, row === undefined ? [] : [row], s)
    const value = contactFigures(own.current)
    const before = contactFigures(own.previous)
    const kpis = {} as Record<ContactMetric, Kpi>
    for (const metric of CONTACT_METRICS) kpis[metric] = kpi(value[metric], before[metric])
    return {
      ...this.facts(s, team, [0]),
      member,
      kpis,
      trend: own.trend,
      previousTrend: own.previousTrend,
      teamTrend: this.scopeTrend(team, [0], s).trend,
    }
  }

  compareMembers(
    input: { userids: string[]; metric: ContactMetric; range: StatsRange },
    now: number,
  ): MemberComparison {
    const s = span(input.range, now)
    const { members: m, team } = matricesOf(this.db)
    const current = m.offsets(s.f, s.t)
    const pointBuckets = buckets(m, s, s.f)
    return {
      ...this.facts(s, team, [0]),
      metric: input.metric,
      days: bucketDays(s, s.f),
      series: input.userids.map((userid) => {
        const row = m.index.get(userid)
        const values =
          row === undefined
            ? Array<number | null>(s.points).fill(null)
            : metricSeries(m, row, input.metric, pointBuckets)
        const total = newContact()
        if (row !== undefined && current) addRow(m, row, current[0], current[1], total)
        return { userid, name: this.person('member', userid).name, values, total: contactValue(input.metric, total) }
      }),
    }
  }

  /** 群聊数据统计 over a range and scope. */
  groupDashboard(
    input: { range: StatsRange; scope: GroupScope; sparkMetric: GroupMetric },
    now: number,
    locale: Locale,
    grain?: 'day' | 'week',
  ): GroupDashboard {
    const s = span(input.range, now, grain)
    const { owners: m } = matricesOf(this.db)
    const people =
      input.scope.kind === 'team'
        ? matricesOf(this.db).subjects.owner.map(person)
        : input.scope.userids.map((userid) => this.person('owner', userid))
    const rows = people.map((owner) => m.index.get(owner.userid))
    // Day offsets of the matrix from the previous period's first day to the range's last.
    const a = s.pf - m.first
    const b = s.t - m.first
    const f = s.f - m.first
    const pt = s.pt - m.first
    const bucketsOf = (daily: GroupDaily, start: number) =>
      Array.from({ length: s.points }, (_, k) =>
        groupBucket(daily, start + k * s.step, Math.min(start + k * s.step + s.step - 1, start + (s.t - s.f))),
      )
    const scope = groupDaily(m, rows.filter(isRow), a, b)
    const current = groupBucket(scope, f, b)
    const previous = groupBucket(scope, a, pt)
    const trendSums = bucketsOf(scope, f)
    const previousSums = bucketsOf(scope, a).map((sum, k) => (a + k * s.step <= pt ? sum : emptyGroup()))
    const owners: OwnerRow[] = people.map((owner, i) => {
      const row = rows[i]
      const own = (from: number, to: number) => (row === undefined ? emptyGroup() : ownerSum(m, row, from, to))
      return {
        userid: owner.userid,
        name: owner.name,
        status: owner.status,
        figures: groupFigures(own(f, b)),
        previous: groupFigures(own(a, pt)),
        spark: Array.from({ length: s.points }, (_, k) => {
          const from = f + k * s.step
          return groupFigures(own(from, Math.min(from + s.step - 1, b)))[input.sparkMetric]
        }),
      }
    })
    const kpis = {} as Record<GroupMetric, Kpi>
    const value = groupFigures(current)
    const before = groupFigures(previous)
    for (const metric of GROUP_METRICS) kpis[metric] = kpi(value[metric], before[metric])
    const rankings = {} as Record<GroupMetric, Ranking>
    for (const metric of GROUP_METRICS) rankings[metric] = ranking(owners, metric)
    return {
      ...this.facts(s, m, rows.filter(isRow)),
      kpis,
      trend: trendSums.map((sum, i) => ({ day: dayFromNumber(s.f + i * s.step), figures: groupFigures(sum) })),
      previousTrend: previousSums.map((sum, i) => ({
        day: dayFromNumber(s.pf + i * s.step),
        figures: groupFigures(sum),
      })),
      owners,
      sparkMetric: input.sparkMetric,
      rankings,
      notable: notableGroup(owners, locale),
    }
  }

  // ── helpers ──

  /**
   * The range's and the previous period's totals and trend points for some rows of a matrix:
   * every row's days are added into per-day sums once (row by row, column by column), then the
   * days into points.
   */
  private scopeTrend(m: Matrix<ContactColumn>, rows: readonly number[], s: Span) {
    const span = m.offsets(s.pf, s.t)
    const length = span ? span[1] - span[0] + 1 : 0
    const perDay = new Float64Array(length * C)
    const present = new Uint32Array(length)
    if (span) {
      for (const row of rows) {
        const base = row * m.days + span[0]
        for (let c = 0; c < C; c++) {
          const column = m.cols[CONTACT_COLUMNS[c]!]
          for (let d = 0; d < length; d++) perDay[d * C + c]! += column[base + d]!
        }
        for (let d = 0; d < length; d++) present[d]! += m.present[base + d]!
      }
    }
    /** Sums of the days [from, to] (day numbers). */
    const sumOf = (from: number, to: number): ContactSum => {
      const sum = newContact()
      if (!span) return sum
      const lo = Math.max(0, from - m.first - span[0])
      const hi = Math.min(length - 1, to - m.first - span[0])
      for (let d = lo; d <= hi; d++) {
        sum.days += present[d]!
        for (let c = 0; c < C; c++) sum.sum[c]! += perDay[d * C + c]!
      }
      return sum
    }
    const points = (start: number, end: number) =>
      Array.from({ length: s.points }, (_, k) => {
        const from = start + k * s.step
        return { day: dayFromNumber(from), figures: contactFigures(sumOf(from, Math.min(from + s.step - 1, end))) }
      })
    return {
      trend: points(s.f, s.t),
      previousTrend: points(s.pf, s.pt),
      current: sumOf(s.f, s.t),
      previous: sumOf(s.pf, s.pt),
    }
  }

  /** Missing days: days of the range (and the previous period) the scope's matrix rows have no cell for. */
  private facts(s: Span, m: Matrix<string>, rows: readonly number[]): DataFacts {
    const has = (day: number) => {
      if (rows.length === 0) return false
      for (const row of rows) {
        const cell = m.cell(row, day)
        if (cell >= 0 && m.present[cell]) return true
      }
      return false
    }
    const missingDays: string[] = []
    for (let day = s.f; day <= s.t; day++) if (!has(day)) missingDays.push(dayFromNumber(day))
    let previousMissingDays = 0
    for (let day = s.pf; day <= s.pt; day++) if (!has(day)) previousMissingDays++
    return {
      range: s.range,
      previousRange: s.previousRange,
      clamped: s.clamped,
      grain: s.grain,
      provisionalDays: this.cache.provisionalDays(s.f, s.t).map(dayFromNumber),
      missingDays,
      previousMissingDays,
    }
  }

  private membersInScope(scope: ContactScope): StatsPerson[] {
    if (scope.kind === 'members') return scope.userids.map((userid) => this.person('member', userid))
    const { subjects, departments } = matricesOf(this.db)
    const members = subjects.member.map(person)
    if (scope.kind === 'team') return members
    const subtree = subtreeOf(departments, scope.departmentId)
    if (subtree.size === 0)
      throw new AppError(
        'statistics_unknown_department',
        text(
          '找不到这个部门，可能已被删除。请刷新数据后重新选择。',
          'This department is not known (it may have been removed). Refresh the data and choose again.',
        ),
      )
    return members.filter((member) => member.departments.some((id) => subtree.has(id)))
  }

  private person(kind: 'member' | 'owner', userid: string): StatsPerson {
    const subject = matricesOf(this.db).subjects.byId[kind].get(userid)
    return subject ? person(subject) : { userid, name: userid, departments: [], status: 'left' }
  }
}

const isRow = (row: number | undefined): row is number => row !== undefined

/** A department and every department below it (empty when the department is unknown). */
function subtreeOf(departments: ReadonlyArray<{ id: number; parentId: number }>, rootId: number): Set<number> {
  const ids = new Set<number>()
  if (!departments.some((department) => department.id === rootId)) return ids
  const pending = [rootId]
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (ids.has(id)) continue
    ids.add(id)
    for (const department of departments) if (department.parentId === id) pending.push(department.id)
  }
  return ids
}

function person(subject: Subject): StatsPerson {
  return {
    userid: subject.userid,
    name: subject.name || subject.userid,
    departments: subject.departments,
    status: subject.status,
  }
}

function ranking<M extends string>(
  rows: ReadonlyArray<{ userid: string; name: string; figures: Record<M, number | null> }>,
  metric: M,
): Ranking {
  const valued = rows
    .filter((row) => row.figures[metric] !== null)
    .map((row) => ({ userid: row.userid, name: row.name, value: row.figures[metric]! }))
  const lowerBetter = LOWER_IS_BETTER.has(metric as ContactMetric)
  valued.sort((a, b) => (lowerBetter ? a.value - b.value : b.value - a.value) || a.userid.localeCompare(b.userid))
  return {
    metric,
    top: valued.slice(0, RANKING_SIZE),
    bottom: valued.slice(-RANKING_SIZE).reverse(),
  }
}

const CONTACT_LABELS: Record<ContactMetric, { 'zh-CN': string; en: string }> = {
  new_apply_cnt: { 'zh-CN': '发起申请数', en: 'friend requests sent' },
  new_contact_cnt: { 'zh-CN': '新增客户数', en: 'new customers' },
  chat_cnt: { 'zh-CN': '聊天数', en: 'chats' },
  message_cnt: { 'zh-CN': '发送消息数', en: 'messages sent' },
  reply_percentage: { 'zh-CN': '已回复聊天占比', en: 'reply rate' },
  avg_reply_time: { 'zh-CN': '平均首次回复时长', en: 'average first reply time' },
  negative_feedback_cnt: { 'zh-CN': '删除/拉黑成员的客户数', en: 'customers who deleted or blocked' },
}

const GROUP_LABELS: Record<GroupMetric, { 'zh-CN': string; en: string }> = {
  new_chat_cnt: { 'zh-CN': '新增群数', en: 'new groups' },
  chat_total: { 'zh-CN': '群总数', en: 'total groups' },
  chat_has_msg: { 'zh-CN': '日均活跃群数', en: 'active groups per day' },
  new_member_cnt: { 'zh-CN': '新增群成员数', en: 'new group members' },
  member_total: { 'zh-CN': '群成员总数', en: 'total group members' },
  member_has_msg: { 'zh-CN': '日均发言成员数', en: 'active members per day' },
  msg_total: { 'zh-CN': '群消息数', en: 'group messages' },
}

export function metricLabel(metric: ContactMetric | GroupMetric, locale: Locale): string {
  return (CONTACT_LABELS[metric as ContactMetric] ?? GROUP_LABELS[metric as GroupMetric])[locale]
}

/**
 * Rules of a notable change against the previous period: reply rate ± 20 points, first reply time
 * doubled (and ≥ 10 minutes longer) or halved, new customers or messages halved or doubled (from
 * at least 10), 3 or more customers more deleting or blocking the member.
 */
function notableContact(members: readonly MemberRow[], locale: Locale): NotableChange[] {
  const changes: Array<NotableChange & { weight: number }> = []
  for (const member of members) {
    const { figures: now, previous: before } = member
    const push = (metric: ContactMetric, weight: number) => {
      const value = now[metric]!
      const previous = before[metric]!
      const change = round(value - previous, 2)
      const worse = LOWER_IS_BETTER.has(metric) ? change > 0 : change < 0
      changes.push({
        userid: member.userid,
        name: member.name,
        metric,
        value,
        previous,
        change,
        direction: worse ? 'worse' : 'better',
        message: describe(member.name, metric, value, previous, locale),
        weight,
      })
    }
    if (now.reply_percentage !== null && before.reply_percentage !== null) {
      const change = now.reply_percentage - before.reply_percentage
      if (Math.abs(change) > 20) push('reply_percentage', Math.abs(change) / 20)
    }
    if (now.avg_reply_time !== null && before.avg_reply_time !== null && before.avg_reply_time > 0) {
      const ratio = now.avg_reply_time / before.avg_reply_time
      if ((ratio >= 2 && now.avg_reply_time - before.avg_reply_time >= 10) || ratio <= 0.5)
        push('avg_reply_time', Math.abs(Math.log2(ratio)))
    }
    for (const metric of ['new_contact_cnt', 'message_cnt'] as const) {
      const value = now[metric]!
      const previous = before[metric]!
      if (Math.max(value, previous) >= 10 && (value >= previous * 2 || value <= previous / 2))
        push(metric, Math.abs(Math.log2((value + 1) / (previous + 1))))
    }
    if (now.negative_feedback_cnt! - before.negative_feedback_cnt! >= 3)
      push('negative_feedback_cnt', (now.negative_feedback_cnt! - before.negative_feedback_cnt!) / 3)
  }
  return changes
    .sort((a, b) => b.weight - a.weight)
    .slice(0, NOTABLE_MAX)
    .map(({ weight: _weight, ...change }) => change)
}

function notableGroup(owners: readonly OwnerRow[], locale: Locale): NotableChange[] {
  const changes: Array<NotableChange & { weight: number }> = []
  for (const owner of owners) {
    for (const metric of ['msg_total', 'new_member_cnt'] as const) {
      const value = owner.figures[metric]
      const previous = owner.previous[metric]
      if (value === null || previous === null) continue
      if (Math.max(value, previous) >= 10 && (value >= previous * 2 || value <= previous / 2)) {
        changes.push({
          userid: owner.userid,
          name: owner.name,
          metric,
          value,
          previous,
          change: value - previous,
          direction: value < previous ? 'worse' : 'better',
          message: describe(owner.name, metric, value, previous, locale),
          weight: Math.abs(Math.log2((value + 1) / (previous + 1))),
        })
      }
    }
  }
  return changes
    .sort((a, b) => b.weight - a.weight)
    .slice(0, NOTABLE_MAX)
    .map(({ weight: _weight, ...change }) => change)
}

function describe(name: string, metric: ContactMetric | GroupMetric, value: number, previous: number, locale: Locale) {
  const label = metricLabel(metric, locale)
  const up = value > previous
  const fmt = (n: number) => String(round(n, 1))
  if (metric === 'reply_percentage') {
    const points = fmt(Math.abs(value - previous))
    return locale === 'zh-CN'
      ? `${name} 的${label}${up ? '上升' : '下降'}了 ${points} 个百分点（${fmt(previous)}% → ${fmt(value)}%）`
      : `${name}: ${label} ${up ? 'rose' : 'fell'} by ${points} points (${fmt(previous)}% → ${fmt(value)}%)`
  }
  const unit = metric === 'avg_reply_time' ? (locale === 'zh-CN' ? ' 分钟' : ' min') : ''
  return locale === 'zh-CN'
    ? `${name} 的${label}${up ? '上升' : '下降'}（${fmt(previous)}${unit} → ${fmt(value)}${unit}）`
    : `${name}: ${label} ${up ? 'up' : 'down'} (${fmt(previous)}${unit} → ${fmt(value)}${unit})`
}
