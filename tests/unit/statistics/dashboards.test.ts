import { Buffer } from 'node:buffer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dayToNumber } from '../../../shared/date'
import { exportDashboard } from '../../../electron/core/services/statistics/export'
import { StatisticsQueries } from '../../../electron/core/services/statistics/queries'
import { CONTACT_METRICS, presetRange, type ContactDashboard } from '../../../shared/statistics'
import { readXlsx } from '../export/read-xlsx'
import { Clock, statsCorp, type StatsCorp } from './support'

let corp: StatsCorp
let queries: StatisticsQueries
const now = () => corp.clock.ms

beforeAll(async () => {
  corp = await statsCorp({ members: 20, customers: 400, groups: 40 })
  const status = await corp.fill()
  if (status.state !== 'done') throw new Error(`fill ${status.state}`)
  queries = new StatisticsQueries(corp.workspace.db)
}, 60_000)
afterAll(async () => corp.close())

/** SUM(field) over member rows of the range (and members), straight from the cache. */
function memberSum(field: string, from: string, to: string, userids?: string[]): number {
  const filter = userids ? `AND userid IN (${userids.map(() => '?').join(',')})` : ''
  const row = corp.workspace.db
    .prepare(`SELECT SUM(${field}) AS n FROM stat_member_days WHERE day BETWEEN ? AND ? ${filter}`)
    .get(dayToNumber(from), dayToNumber(to), ...(userids ?? [])) as { n: number }
  return row.n
}

function teamRows(from: string, to: string) {
  return corp.workspace.db
    .prepare('SELECT * FROM stat_team_days WHERE day BETWEEN ? AND ?')
    .all(dayToNumber(from), dayToNumber(to)) as Array<{ chat_cnt: number; reply_percentage: number | null }>
}

describe('联系客户统计', () => {
  let board: ContactDashboard
  beforeAll(() => {
    board = queries.contactDashboard(
      { range: presetRange('last30', now()), scope: { kind: 'team' }, sparkMetric: 'message_cnt' },
      now(),
      'en',
    )
  })

  it('KPIs over the range against the previous period of the same length', () => {
    const { range, previousRange } = board
    expect(range).toEqual({ from: '2026-11-05', to: '2026-12-04' })
    expect(previousRange).toEqual({ from: '2026-10-06', to: '2026-11-04' })
    for (const metric of ['new_apply_cnt', 'new_contact_cnt', 'chat_cnt', 'message_cnt', 'negative_feedback_cnt']) {
      const kpi = board.kpis[metric as keyof typeof board.kpis]
      expect(kpi.value).toBe(memberSum(metric, range.from, range.to))
      expect(kpi.previous).toBe(memberSum(metric, previousRange.from, previousRange.to))
      expect(kpi.change).toBe(kpi.value! - kpi.previous!)
    }
    // The team's reply rate is WeCom's team figure per day, weighted by chats: never a sum.
    const rows = teamRows(range.from, range.to).filter((row) => row.reply_percentage !== null)
    const weighted =
      rows.reduce((sum, row) => sum + row.reply_percentage! * row.chat_cnt, 0) /
      rows.reduce((s, r) => s + r.chat_cnt, 0)
    expect(board.kpis.reply_percentage.value).toBeCloseTo(weighted, 1)
    expect(board.kpis.reply_percentage.value).toBeLessThanOrEqual(100)
    expect(board.ratiosFromMembers).toBe(false)
    expect(board.missingDays).toEqual([])
    expect(board.provisionalDays).toEqual([])
  })

  it('a daily trend for the range and the previous period, point by point', () => {
    expect(board.grain).toBe('day')
    expect(board.trend).toHaveLength(30)
    expect(board.previousTrend).toHaveLength(30)
    expect(board.trend[0]!.day).toBe('2026-11-05')
    expect(board.previousTrend[0]!.day).toBe('2026-10-06')
    expect(board.trend.reduce((sum, point) => sum + point.figures.message_cnt!, 0)).toBe(board.kpis.message_cnt.value)
  })

  it('a member table with every metric and a sparkline, rankings both ways', () => {
    expect(board.members).toHaveLength(20)
    for (const member of board.members) {
      expect(member.spark).toHaveLength(30)
      expect(member.spark.reduce<number>((sum, value) => sum + (value ?? 0), 0)).toBe(member.figures.message_cnt)
      expect(member.figures.message_cnt).toBe(memberSum('message_cnt', '2026-11-05', '2026-12-04', [member.userid]))
    }
    expect(board.members.reduce((sum, m) => sum + m.figures.new_contact_cnt!, 0)).toBe(board.kpis.new_contact_cnt.value)
    const top = board.rankings.message_cnt.top.map((entry) => entry.value)
    expect(top).toEqual([...top].sort((a, b) => b - a))
    expect(top).toHaveLength(10)
    // Lower is better for the reply time: the top is the quickest.
    const quick = board.rankings.avg_reply_time.top.map((entry) => entry.value)
    expect(quick).toEqual([...quick].sort((a, b) => a - b))
    for (const change of board.notable) expect(change.message).toContain(change.name)
  })

  it('weekly buckets over long ranges; a range ending today is clamped to yesterday', () => {
    const long = queries.contactDashboard(
      { range: { from: '2026-09-06', to: '2026-12-05' }, scope: { kind: 'team' }, sparkMetric: 'reply_percentage' },
      now(),
      'zh-CN',
    )
    expect(long.clamped).toBe(true)
    expect(long.range).toEqual({ from: '2026-09-06', to: '2026-12-04' })
    expect(long.grain).toBe('week')
    expect(long.trend).toHaveLength(13)
    expect(long.trend[1]!.day).toBe('2026-09-13')
    expect(long.members[0]!.spark).toHaveLength(13)
    // The previous period lies partly before the cache: those days are counted as missing.
    expect(long.previousMissingDays).toBe(90 - (dayToNumber('2026-09-05') - dayToNumber('2026-06-08') + 1))
  })

  it('scopes: a department’s members, or chosen members (ratios from members, weighted by chats)', () => {
    const scopes = queries.scopes()
    expect(scopes.members).toHaveLength(20)
    const department = scopes.departments.find((d) => d.memberCount > 0 && d.memberCount < 20)!
    const range = presetRange('last7', now())
    const byDepartment = queries.contactDashboard(
      { range, scope: { kind: 'department', departmentId: department.id }, sparkMetric: 'chat_cnt' },
      now(),
      'en',
    )
    expect(byDepartment.members).toHaveLength(department.memberCount)
    const ids = byDepartment.members.map((member) => member.userid)
    expect(byDepartment.kpis.chat_cnt.value).toBe(memberSum('chat_cnt', range.from, range.to, ids))
    expect(byDepartment.ratiosFromMembers).toBe(true)
    const chosen = scopes.members.slice(0, 3).map((member) => member.userid)
    const byMembers = queries.contactDashboard(
      { range, scope: { kind: 'members', userids: chosen }, sparkMetric: 'chat_cnt' },
      now(),
      'en',
    )
    expect(byMembers.members.map((member) => member.userid)).toEqual(chosen)
    expect(byMembers.kpis.message_cnt.value).toBe(memberSum('message_cnt', range.from, range.to, chosen))
  })

  it('a member’s page and a comparison of members', () => {
    const [a, b] = queries.scopes().members
    const range = presetRange('last30', now())
    const trends = queries.memberTrends({ userid: a!.userid, range }, now())
    expect(trends.member.name).toBe(a!.name)
    expect(trends.kpis.message_cnt.value).toBe(memberSum('message_cnt', range.from, range.to, [a!.userid]))
    expect(trends.teamTrend).toHaveLength(30)
    const compared = queries.compareMembers(
      { userids: [a!.userid, b!.userid], metric: 'new_contact_cnt', range },
      now(),
    )
    expect(compared.days).toHaveLength(30)
    expect(compared.series.map((series) => series.total)).toEqual([
      memberSum('new_contact_cnt', range.from, range.to, [a!.userid]),
      memberSum('new_contact_cnt', range.from, range.to, [b!.userid]),
    ])
  })
})

describe('群聊数据统计', () => {
  it('counts add up over days and owners; totals are the last day’s snapshot, never summed over days', () => {
    const range = presetRange('last30', now())
    const board = queries.groupDashboard({ range, scope: { kind: 'team' }, sparkMetric: 'msg_total' }, now(), 'en')
    const sql = (expression: string, day?: string) =>
      (
        corp.workspace.db
          .prepare(`SELECT ${expression} AS n FROM stat_owner_days WHERE day BETWEEN ? AND ?`)
          .get(dayToNumber(day ?? range.from), dayToNumber(range.to)) as { n: number }
      ).n
    expect(board.kpis.new_chat_cnt.value).toBe(sql('SUM(new_chat_cnt)'))
    expect(board.kpis.msg_total.value).toBe(sql('SUM(msg_total)'))
    expect(board.kpis.chat_total.value).toBe(sql('SUM(chat_total)', range.to))
    expect(board.kpis.member_total.value).toBe(sql('SUM(member_total)', range.to))
    expect(board.kpis.chat_total.value).toBe(corp.sandbox.state.groupChats.length)
    expect(board.trend).toHaveLength(30)
    expect(board.owners.reduce((sum, owner) => sum + owner.figures.chat_total!, 0)).toBe(board.kpis.chat_total.value)
    const top = board.rankings.chat_total.top.map((entry) => entry.value)
    expect(top).toEqual([...top].sort((x, y) => y - x))
    const one = board.owners[0]!
    const single = queries.groupDashboard(
      { range, scope: { kind: 'owners', userids: [one.userid] }, sparkMetric: 'chat_total' },
      now(),
      'en',
    )
    expect(single.kpis.chat_total.value).toBe(one.figures.chat_total)
    expect(single.owners[0]!.spark.at(-1)).toBe(one.figures.chat_total)
  })
})

describe('群聊数据统计 before WeCom has settled yesterday', () => {
  it('total groups and members come from the newest settled day, not from yesterday’s early-morning zeros', async () => {
    // 03:00 China time: yesterday (12-04) is answered with zeros until 08:00 and kept provisional.
    const early = await statsCorp(
      { members: 8, customers: 120, groups: 16 },
      new Clock(Date.parse('2026-12-05T03:00:00+08:00')),
    )
    try {
      expect((await early.fill()).state).toBe('done')
      const board = new StatisticsQueries(early.workspace.db).groupDashboard(
        { range: presetRange('last7', early.clock.ms), scope: { kind: 'team' }, sparkMetric: 'chat_total' },
        early.clock.ms,
        'en',
      )
      expect(board.range.to).toBe('2026-12-04')
      expect(board.provisionalDays).toContain('2026-12-04')
      const settled = (
        early.workspace.db
          .prepare('SELECT SUM(chat_total) AS n FROM stat_owner_days WHERE day = ?')
          .get(dayToNumber('2026-12-03')) as { n: number }
      ).n
      expect(settled).toBeGreaterThan(0)
      expect(board.kpis.chat_total.value).toBe(settled)
      expect(board.owners.reduce((sum, owner) => sum + owner.figures.chat_total!, 0)).toBe(settled)
    } finally {
      await early.close()
    }
  }, 60_000)
})

describe('export', () => {
  it('XLSX: a sheet per table (summary, per member, per day); CSV: the same tables one after another', async () => {
    const input = { dashboard: 'contact', range: presetRange('last7', now()), scope: { kind: 'team' } } as const
    const xlsx = exportDashboard(queries, { ...input, format: 'xlsx' }, now(), 'zh-CN')
    expect(xlsx.filename).toMatch(/^联系客户统计-2026-11-28-2026-12-04-\d{8}-\d{4}\.xlsx$/)
    const sheets = await readXlsx(Buffer.from(xlsx.dataBase64, 'base64'))
    expect(sheets.map((sheet) => sheet.name)).toEqual(['汇总', '按成员', '按日期'])
    expect(sheets[0]!.rows).toHaveLength(1 + 1 + CONTACT_METRICS.length)
    expect(sheets[1]!.rows).toHaveLength(1 + 20)
    expect(sheets[2]!.rows).toHaveLength(1 + 7)
    const board = queries.contactDashboard({ ...input, sparkMetric: 'message_cnt' }, now(), 'zh-CN')
    const messages = sheets[0]!.rows.find((row) => row[0] === '发送消息数')!
    expect(Number(messages[1])).toBe(board.kpis.message_cnt.value)

    const csv = exportDashboard(queries, { ...input, dashboard: 'group', format: 'csv' }, now(), 'en')
    const text = Buffer.from(csv.dataBase64, 'base64').toString('utf8')
    expect(csv.filename).toMatch(/^group-statistics-2026-11-28-2026-12-04-.*\.csv$/)
    for (const title of ['Summary', 'By owner', 'By day']) expect(text).toContain(`${title}\r\n`)
  })
})
