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
  CONTACT_RATIO_METRICS,
  GROUP_DAILY_AVERAGE_METRICS,
  GROUP_METRICS,
  GROUP_SNAPSHOT_METRICS,
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
  type TrendPoint,
} from '../../../../shared/statistics'
import { AppError, text } from '../../errors'
import { StatementCache } from '../../store/repositories/statement-cache'
import { StatisticsCache, type Subject } from './cache'
import { dayNumber, dayOf } from './days'

const RANKING_SIZE = 10
const NOTABLE_MAX = 20

// ── accumulators ─────────────────────────────────────────────────────────────────────────────

/** Sums of one scope over some days: counts, and ratio × chats with the chats they weigh. */
interface ContactSum {
  new_apply_cnt: number
  new_contact_cnt: number
  chat_cnt: number
  message_cnt: number
  negative_feedback_cnt: number
  rw: number
  rn: number
  tw: number
  tn: number
}

const CONTACT_SUM_SQL = `SUM(new_apply_cnt) AS new_apply_cnt, SUM(new_contact_cnt) AS new_contact_cnt,
  SUM(chat_cnt) AS chat_cnt, SUM(message_cnt) AS message_cnt, SUM(negative_feedback_cnt) AS negative_feedback_cnt,
  SUM(reply_percentage * chat_cnt) AS rw, SUM(CASE WHEN reply_percentage IS NOT NULL THEN chat_cnt END) AS rn,
  SUM(avg_reply_time * chat_cnt) AS tw, SUM(CASE WHEN avg_reply_time IS NOT NULL THEN chat_cnt END) AS tn`

const TEAM_ROW_SQL = `new_apply_cnt, new_contact_cnt, chat_cnt, message_cnt, negative_feedback_cnt,
  reply_percentage * chat_cnt AS rw, CASE WHEN reply_percentage IS NOT NULL THEN chat_cnt END AS rn,
  avg_reply_time * chat_cnt AS tw, CASE WHEN avg_reply_time IS NOT NULL THEN chat_cnt END AS tn`

function emptyContact(): ContactSum {
  return {
    new_apply_cnt: 0,
    new_contact_cnt: 0,
    chat_cnt: 0,
    message_cnt: 0,
    negative_feedback_cnt: 0,
    rw: 0,
    rn: 0,
    tw: 0,
    tn: 0,
  }
}

function addContact(sum: ContactSum, row: Partial<Record<keyof ContactSum, number | null>>): void {
  for (const key of Object.keys(sum) as Array<keyof ContactSum>) sum[key] += row[key] ?? 0
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits

function contactFigures(sum: ContactSum | undefined): ContactFigures {
  const s = sum ?? emptyContact()
  return {
    new_apply_cnt: s.new_apply_cnt,
    new_contact_cnt: s.new_contact_cnt,
    chat_cnt: s.chat_cnt,
    message_cnt: s.message_cnt,
    reply_percentage: s.rn > 0 ? round(s.rw / s.rn, 2) : null,
    avg_reply_time: s.tn > 0 ? round(s.tw / s.tn, 1) : null,
    negative_feedback_cnt: s.negative_feedback_cnt,
  }
}

/** Sums of group figures over some days; snapshots keep the newest day's value. */
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

function addGroupDay(sum: GroupSum, row: GroupSum): void {
  sum.new_chat_cnt += row.new_chat_cnt
  sum.new_member_cnt += row.new_member_cnt
  sum.msg_total += row.msg_total
  sum.chat_has_msg += row.chat_has_msg
  sum.member_has_msg += row.member_has_msg
  sum.days += row.days
  if (row.newest >= sum.newest) {
    sum.newest = row.newest
    sum.chat_total = row.chat_total
    sum.member_total = row.member_total
  }
}

function groupFigures(sum: GroupSum | undefined): GroupFigures {
  if (!sum || sum.days === 0) {
    return {
      new_chat_cnt: sum ? 0 : null,
      chat_total: null,
      chat_has_msg: null,
      new_member_cnt: sum ? 0 : null,
      member_total: null,
      member_has_msg: null,
      msg_total: sum ? 0 : null,
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
    f: dayNumber(range.from),
    t: dayNumber(range.to),
    pf: dayNumber(previousRange.from),
    pt: dayNumber(previousRange.to),
    step,
    points: Math.ceil(days / step),
  }
}

function bucketDays(s: Span, start: number): string[] {
  return Array.from({ length: s.points }, (_, i) => dayOf(start + i * s.step))
}

function kpi(value: number | null, previous: number | null): Kpi {
  const change = value !== null && previous !== null ? round(value - previous, 2) : null
  const changePercent = change !== null && previous ? round((change / previous) * 100, 1) : null
  return { value, previous, change, changePercent }
}

// ── the query object ─────────────────────────────────────────────────────────────────────────

/** Dashboards over one workspace's statistics cache. */
export class StatisticsQueries {
  private readonly statements: StatementCache
  private readonly cache: StatisticsCache

  constructor(db: DatabaseSync) {
    this.statements = new StatementCache(db)
    this.cache = new StatisticsCache(db)
  }

  scopes(): StatsScopes {
    const subjects = this.cache.subjects()
    const members = subjects.filter((subject) => subject.kind === 'member').map(person)
    const owners = subjects.filter((subject) => subject.kind === 'owner').map(person)
    const departments = this.cache.departments()
    const counts = new Map<number, number>()
    for (const department of departments) {
      const subtree = this.subtree(department.id)
      counts.set(department.id, members.filter((member) => member.departments.some((id) => subtree.has(id))).length)
    }
    const result: StatsDepartment[] = departments.map((department) => ({
      id: department.id,
      name: department.name,
      parentId: department.parentId,
      memberCount: counts.get(department.id) ?? 0,
    }))
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
    const people = this.membersInScope(input.scope)
    const filter = input.scope.kind === 'team' ? undefined : JSON.stringify(people.map((member) => member.userid))
    const daily = this.contactDaily(s.pf, s.t, filter)
    const { trend, previousTrend, current, previous } = contactTrends(s, daily)
    const kpis = {} as Record<ContactMetric, Kpi>
    const value = contactFigures(current)
    const before = contactFigures(previous)
    for (const metric of CONTACT_METRICS) kpis[metric] = kpi(value[metric], before[metric])

    const now_ = this.memberSums(s.f, s.t, filter)
    const prev = this.memberSums(s.pf, s.pt, filter)
    const spark = this.memberSpark(s, input.sparkMetric, filter)
    const members: MemberRow[] = people.map((member) => ({
      userid: member.userid,
      name: member.name,
      status: member.status,
      figures: contactFigures(now_.get(member.userid)),
      previous: contactFigures(prev.get(member.userid)),
      spark:
        spark.get(member.userid) ?? Array<number | null>(s.points).fill(input.sparkMetric.endsWith('_cnt') ? 0 : null),
    }))
    const rankings = {} as Record<ContactMetric, Ranking>
    for (const metric of CONTACT_METRICS) rankings[metric] = ranking(members, metric)
    return {
      ...this.facts(s, 'contact', filter),
      kpis,
      trend,
      previousTrend,
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
    const member = this.person('member', input.userid)
    const filter = JSON.stringify([input.userid])
    const own = contactTrends(s, this.contactDaily(s.pf, s.t, filter))
    const team = contactTrends(s, this.contactDaily(s.f, s.t, undefined))
    const value = contactFigures(own.current)
    const before = contactFigures(own.previous)
    const kpis = {} as Record<ContactMetric, Kpi>
    for (const metric of CONTACT_METRICS) kpis[metric] = kpi(value[metric], before[metric])
    return {
      ...this.facts(s, 'contact', filter),
      member,
      kpis,
      trend: own.trend,
      previousTrend: own.previousTrend,
      teamTrend: team.trend,
    }
  }

  compareMembers(
    input: { userids: string[]; metric: ContactMetric; range: StatsRange },
    now: number,
  ): MemberComparison {
    const s = span(input.range, now)
    const filter = JSON.stringify(input.userids)
    const spark = this.memberSpark(s, input.metric, filter)
    const totals = this.memberSums(s.f, s.t, filter)
    return {
      ...this.facts(s, 'contact', filter),
      metric: input.metric,
      days: bucketDays(s, s.f),
      series: input.userids.map((userid) => ({
        userid,
        name: this.person('member', userid).name,
        values: spark.get(userid) ?? Array<number | null>(s.points).fill(null),
        total: contactFigures(totals.get(userid))[input.metric],
      })),
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
    const people =
      input.scope.kind === 'team'
        ? this.cache.subjects('owner').map(person)
        : input.scope.userids.map((userid) => this.person('owner', userid))
    const filter = input.scope.kind === 'team' ? undefined : JSON.stringify(people.map((owner) => owner.userid))
    const daily = this.groupDaily(s.pf, s.t, filter)
    const current = emptyGroup()
    const previous = emptyGroup()
    const trendSums = Array.from({ length: s.points }, emptyGroup)
    const previousSums = Array.from({ length: s.points }, emptyGroup)
    for (const row of daily) {
      if (row.newest >= s.f) {
        addGroupDay(current, row)
        addGroupDay(trendSums[Math.floor((row.newest - s.f) / s.step)]!, row)
      } else if (row.newest <= s.pt) {
        addGroupDay(previous, row)
        const index = Math.floor((row.newest - s.pf) / s.step)
        if (index < s.points) addGroupDay(previousSums[index]!, row)
      }
    }
    const kpis = {} as Record<GroupMetric, Kpi>
    const value = groupFigures(current.days ? current : undefined)
    const before = groupFigures(previous.days ? previous : undefined)
    for (const metric of GROUP_METRICS) kpis[metric] = kpi(value[metric], before[metric])
    const now_ = this.ownerSums(s.f, s.t, filter)
    const prev = this.ownerSums(s.pf, s.pt, filter)
    const spark = this.ownerSpark(s, input.sparkMetric, filter)
    const owners: OwnerRow[] = people.map((owner) => ({
      userid: owner.userid,
      name: owner.name,
      status: owner.status,
      figures: groupFigures(now_.get(owner.userid)),
      previous: groupFigures(prev.get(owner.userid)),
      spark: spark.get(owner.userid) ?? Array<number | null>(s.points).fill(null),
    }))
    const rankings = {} as Record<GroupMetric, Ranking>
    for (const metric of GROUP_METRICS) rankings[metric] = ranking(owners, metric)
    return {
      ...this.facts(s, 'group', filter),
      kpis,
      trend: trendSums.map((sum, i) => ({
        day: dayOf(s.f + i * s.step),
        figures: groupFigures(sum.days ? sum : undefined),
      })),
      previousTrend: previousSums.map((sum, i) => ({
        day: dayOf(s.pf + i * s.step),
        figures: groupFigures(sum.days ? sum : undefined),
      })),
      owners,
      sparkMetric: input.sparkMetric,
      rankings,
      notable: notableGroup(owners, locale),
    }
  }

  // ── helpers ──

  private facts(s: Span, kind: 'contact' | 'group', filter: string | undefined): DataFacts {
    const present = new Set<number>(
      kind === 'contact'
        ? this.cache.teamDays(s.pf, s.t)
        : (
            this.statements
              .get(
                filter
                  ? 'SELECT DISTINCT day FROM stat_owner_days WHERE day BETWEEN ? AND ? AND owner IN (SELECT value FROM json_each(?))'
                  : 'SELECT DISTINCT day FROM stat_owner_days WHERE day BETWEEN ? AND ?',
              )
              .all(...(filter ? [s.pf, s.t, filter] : [s.pf, s.t])) as Array<{ day: number }>
          ).map((row) => row.day),
    )
    const missingDays: string[] = []
    for (let day = s.f; day <= s.t; day++) if (!present.has(day)) missingDays.push(dayOf(day))
    let previousMissingDays = 0
    for (let day = s.pf; day <= s.pt; day++) if (!present.has(day)) previousMissingDays++
    return {
      range: s.range,
      previousRange: s.previousRange,
      clamped: s.clamped,
      grain: s.grain,
      provisionalDays: this.cache.provisionalDays(s.f, s.t).map(dayOf),
      missingDays,
      previousMissingDays,
    }
  }

  /** Per-day sums of the scope from `first` to `last`: the team's own rows, or the members'. */
  private contactDaily(first: number, last: number, filter: string | undefined): Array<ContactSum & { day: number }> {
    const rows = filter
      ? this.statements
          .get(
            `SELECT day, ${CONTACT_SUM_SQL} FROM stat_member_days
             WHERE day BETWEEN ? AND ? AND userid IN (SELECT value FROM json_each(?)) GROUP BY day`,
          )
          .all(first, last, filter)
      : this.statements
          .get(`SELECT day, ${TEAM_ROW_SQL} FROM stat_team_days WHERE day BETWEEN ? AND ?`)
          .all(first, last)
    return rows as unknown as Array<ContactSum & { day: number }>
  }

  private memberSums(first: number, last: number, filter: string | undefined): Map<string, ContactSum> {
    const rows = (filter
      ? this.statements
          .get(
            `SELECT userid, ${CONTACT_SUM_SQL} FROM stat_member_days
               WHERE day BETWEEN ? AND ? AND userid IN (SELECT value FROM json_each(?)) GROUP BY userid`,
          )
          .all(first, last, filter)
      : this.statements
          .get(`SELECT userid, ${CONTACT_SUM_SQL} FROM stat_member_days WHERE day BETWEEN ? AND ? GROUP BY userid`)
          .all(first, last)) as unknown as Array<ContactSum & { userid: string }>
    const result = new Map<string, ContactSum>()
    for (const row of rows) {
      const sum = emptyContact()
      addContact(sum, row)
      result.set(row.userid, sum)
    }
    return result
  }

  /** One metric per member per trend point over the range. */
  private memberSpark(s: Span, metric: ContactMetric, filter: string | undefined): Map<string, Array<number | null>> {
    const ratio = CONTACT_RATIO_METRICS.includes(metric)
    const value = ratio ? `SUM(${metric} * chat_cnt)` : `SUM(${metric})`
    const weight = ratio ? `SUM(CASE WHEN ${metric} IS NOT NULL THEN chat_cnt END)` : '1'
    const sql = `SELECT userid, (day - ?1) / ?2 AS b, ${value} AS v, ${weight} AS w FROM stat_member_days
      WHERE day BETWEEN ?1 AND ?3 ${filter ? 'AND userid IN (SELECT value FROM json_each(?4))' : ''} GROUP BY userid, b`
    const rows = this.statements.get(sql).all(...(filter ? [s.f, s.step, s.t, filter] : [s.f, s.step, s.t])) as Array<{
      userid: string
      b: number
      v: number | null
      w: number | null
    }>
    const result = new Map<string, Array<number | null>>()
    for (const row of rows) {
      let series = result.get(row.userid)
      if (!series) result.set(row.userid, (series = Array<number | null>(s.points).fill(ratio ? null : 0)))
      series[row.b] = ratio ? (row.w ? round((row.v ?? 0) / row.w, 1) : null) : (row.v ?? 0)
    }
    return result
  }

  private groupDaily(first: number, last: number, filter: string | undefined): GroupSum[] {
    const select = `SELECT day AS newest, SUM(new_chat_cnt) AS new_chat_cnt, SUM(new_member_cnt) AS new_member_cnt,
      SUM(msg_total) AS msg_total, SUM(chat_has_msg) AS chat_has_msg, SUM(member_has_msg) AS member_has_msg,
      1 AS days, SUM(chat_total) AS chat_total, SUM(member_total) AS member_total FROM stat_owner_days`
    const rows = filter
      ? this.statements
          .get(`${select} WHERE day BETWEEN ? AND ? AND owner IN (SELECT value FROM json_each(?)) GROUP BY day`)
          .all(first, last, filter)
      : this.statements.get(`${select} WHERE day BETWEEN ? AND ? GROUP BY day`).all(first, last)
    return rows as unknown as GroupSum[]
  }

  private ownerSums(first: number, last: number, filter: string | undefined): Map<string, GroupSum> {
    // The bare chat_total / member_total come from the row of MAX(day): the range's last snapshot.
    const select = `SELECT owner, SUM(new_chat_cnt) AS new_chat_cnt, SUM(new_member_cnt) AS new_member_cnt,
      SUM(msg_total) AS msg_total, SUM(chat_has_msg) AS chat_has_msg, SUM(member_has_msg) AS member_has_msg,
      COUNT(*) AS days, MAX(day) AS newest, chat_total, member_total FROM stat_owner_days`
    const rows = (filter
      ? this.statements
          .get(`${select} WHERE day BETWEEN ? AND ? AND owner IN (SELECT value FROM json_each(?)) GROUP BY owner`)
          .all(first, last, filter)
      : this.statements.get(`${select} WHERE day BETWEEN ? AND ? GROUP BY owner`).all(first, last)) as unknown as Array<
      GroupSum & { owner: string }
    >
    return new Map(rows.map((row) => [row.owner, row]))
  }

  private ownerSpark(s: Span, metric: GroupMetric, filter: string | undefined): Map<string, Array<number | null>> {
    const snapshot = GROUP_SNAPSHOT_METRICS.includes(metric)
    const average = GROUP_DAILY_AVERAGE_METRICS.includes(metric)
    const value = snapshot ? `${metric}` : `SUM(${metric})`
    const sql = `SELECT owner, (day - ?1) / ?2 AS b, ${snapshot ? 'MAX(day) AS newest, ' : ''}${value} AS v, COUNT(*) AS n
      FROM stat_owner_days WHERE day BETWEEN ?1 AND ?3 ${filter ? 'AND owner IN (SELECT value FROM json_each(?4))' : ''}
      GROUP BY owner, b`
    const rows = this.statements.get(sql).all(...(filter ? [s.f, s.step, s.t, filter] : [s.f, s.step, s.t])) as Array<{
      owner: string
      b: number
      v: number
      n: number
    }>
    const result = new Map<string, Array<number | null>>()
    for (const row of rows) {
      let series = result.get(row.owner)
      if (!series) result.set(row.owner, (series = Array<number | null>(s.points).fill(null)))
      series[row.b] = average ? round(row.v / row.n, 1) : row.v
    }
    return result
  }

  private membersInScope(scope: ContactScope): StatsPerson[] {
    if (scope.kind === 'members') return scope.userids.map((userid) => this.person('member', userid))
    const members = this.cache.subjects('member').map(person)
    if (scope.kind === 'team') return members
    const subtree = this.subtree(scope.departmentId)
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

  private subtree(rootId: number): Set<number> {
    const departments = this.cache.departments()
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

  private person(kind: 'member' | 'owner', userid: string): StatsPerson {
    const row = this.statements.get('SELECT * FROM stat_subjects WHERE kind = ? AND userid = ?').get(kind, userid) as
      { userid: string; name: string; departments: string; status: Subject['status'] } | undefined
    if (!row) return { userid, name: userid, departments: [], status: 'left' }
    return person({ ...row, kind, departments: JSON.parse(row.departments) as number[], errcode: null })
  }
}

function person(subject: Subject): StatsPerson {
  return {
    userid: subject.userid,
    name: subject.name || subject.userid,
    departments: subject.departments,
    status: subject.status,
  }
}

function contactTrends(
  s: Span,
  daily: Array<ContactSum & { day: number }>,
): {
  trend: Array<TrendPoint<ContactFigures>>
  previousTrend: Array<TrendPoint<ContactFigures>>
  current: ContactSum | undefined
  previous: ContactSum | undefined
} {
  const trendSums: Array<ContactSum | undefined> = Array(s.points).fill(undefined)
  const previousSums: Array<ContactSum | undefined> = Array(s.points).fill(undefined)
  let current: ContactSum | undefined
  let previous: ContactSum | undefined
  for (const row of daily) {
    if (row.day >= s.f && row.day <= s.t) {
      addContact((current ??= emptyContact()), row)
      addContact((trendSums[Math.floor((row.day - s.f) / s.step)] ??= emptyContact()), row)
    } else if (row.day >= s.pf && row.day <= s.pt) {
      addContact((previous ??= emptyContact()), row)
      const index = Math.floor((row.day - s.pf) / s.step)
      if (index < s.points) addContact((previousSums[index] ??= emptyContact()), row)
    }
  }
  const figures = (sum: ContactSum | undefined) => (sum ? contactFigures(sum) : nullContact())
  return {
    trend: trendSums.map((sum, i) => ({ day: dayOf(s.f + i * s.step), figures: figures(sum) })),
    previousTrend: previousSums.map((sum, i) => ({ day: dayOf(s.pf + i * s.step), figures: figures(sum) })),
    current,
    previous,
  }
}

/** A point with no cached day: every figure unknown (the chart leaves a gap, not a zero). */
function nullContact(): ContactFigures {
  return Object.fromEntries(CONTACT_METRICS.map((metric) => [metric, null])) as ContactFigures
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
