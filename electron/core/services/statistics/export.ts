import type { Locale } from '../../../../shared/result'
import {
  CONTACT_METRICS,
  GROUP_METRICS,
  type ContactFigures,
  type ContactMetric,
  type GroupFigures,
  type GroupMetric,
  type Kpi,
  type StatsExportFile,
  type StatsExportInput,
} from '../../../../shared/statistics'
import { sheetsFile } from '../../export/file'
import type { Table } from '../../export/table'
import { metricLabel, type StatisticsQueries } from './queries'

const T = {
  summary: { 'zh-CN': '汇总', en: 'Summary' },
  perMember: { 'zh-CN': '按成员', en: 'By member' },
  perOwner: { 'zh-CN': '按群主', en: 'By owner' },
  perDay: { 'zh-CN': '按日期', en: 'By day' },
  metric: { 'zh-CN': '指标', en: 'Metric' },
  value: { 'zh-CN': '本期', en: 'This period' },
  previous: { 'zh-CN': '上期', en: 'Previous period' },
  change: { 'zh-CN': '变化', en: 'Change' },
  changePercent: { 'zh-CN': '变化率 (%)', en: 'Change (%)' },
  name: { 'zh-CN': '姓名', en: 'Name' },
  userid: { 'zh-CN': '账号', en: 'User ID' },
  status: { 'zh-CN': '状态', en: 'Status' },
  day: { 'zh-CN': '日期', en: 'Day' },
  range: { 'zh-CN': '日期范围', en: 'Range' },
  provisional: { 'zh-CN': '暂定（企业微信可能还会更新）', en: 'Provisional (WeCom may still update)' },
  contactFile: { 'zh-CN': '联系客户统计', en: 'contact-statistics' },
  groupFile: { 'zh-CN': '群聊数据统计', en: 'group-statistics' },
  ok: { 'zh-CN': '正常', en: 'OK' },
  left: { 'zh-CN': '已不在成员列表', en: 'No longer listed' },
  not_visible: { 'zh-CN': '不在可见范围', en: 'Not visible to the app' },
  yes: { 'zh-CN': '是', en: 'yes' },
} as const

const cell = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value))

/**
 * What a dashboard shows, as a file: XLSX with a sheet per table (summary, per member or owner,
 * per day), or CSV with the three tables one after another under their titles.
 */
export function exportDashboard(
  queries: StatisticsQueries,
  input: StatsExportInput,
  now: number,
  locale: Locale,
): StatsExportFile {
  const tables =
    input.dashboard === 'contact'
      ? contactTables(queries, input, now, locale)
      : groupTables(queries, input, now, locale)
  const base = (input.dashboard === 'contact' ? T.contactFile : T.groupFile)[locale]
  const sheets = tables.sheets.map((sheet) => ({ ...sheet, numbers: true }))
  return sheetsFile(sheets, input.format, `${base}-${tables.range.from}-${tables.range.to}`, now)
}

interface Sheets {
  range: { from: string; to: string }
  sheets: Array<{ name: string; table: Table }>
}

function summaryTable<M extends string>(
  metrics: readonly M[],
  kpis: Record<M, Kpi>,
  locale: Locale,
  range: string,
): Table {
  return {
    header: [T.metric[locale], T.value[locale], T.previous[locale], T.change[locale], T.changePercent[locale]],
    rows: [
      [T.range[locale], range, '', '', ''],
      ...metrics.map((metric) => [
        metricLabel(metric as ContactMetric, locale),
        cell(kpis[metric].value),
        cell(kpis[metric].previous),
        cell(kpis[metric].change),
        cell(kpis[metric].changePercent),
      ]),
    ],
  }
}

function contactTables(
  queries: StatisticsQueries,
  input: Extract<StatsExportInput, { dashboard: 'contact' }>,
  now: number,
  locale: Locale,
): Sheets {
  const board = queries.contactDashboard(
    { range: input.range, scope: input.scope, sparkMetric: 'message_cnt' },
    now,
    locale,
  )
  const provisional = new Set(board.provisionalDays)
  const labels = CONTACT_METRICS.map((metric) => metricLabel(metric, locale))
  const byDay = dailyContact(queries, input, now, locale)
  return {
    range: board.range,
    sheets: [
      {
        name: T.summary[locale],
        table: summaryTable(CONTACT_METRICS, board.kpis, locale, `${board.range.from} ~ ${board.range.to}`),
      },
      {
        name: T.perMember[locale],
        table: {
          header: [T.name[locale], T.userid[locale], T.status[locale], ...labels],
          rows: board.members.map((member) => [
            member.name,
            member.userid,
            T[member.status][locale],
            ...CONTACT_METRICS.map((metric) => cell(member.figures[metric])),
          ]),
        },
      },
      {
        name: T.perDay[locale],
        table: {
          header: [T.day[locale], ...labels, T.provisional[locale]],
          rows: byDay.map((point) => [
            point.day,
            ...CONTACT_METRICS.map((metric) => cell((point.figures as ContactFigures)[metric])),
            provisional.has(point.day) ? T.yes[locale] : '',
          ]),
        },
      },
    ],
  }
}

/** The scope's figures day by day (whatever the dashboard's trend grain). */
function dailyContact(
  queries: StatisticsQueries,
  input: Extract<StatsExportInput, { dashboard: 'contact' }>,
  now: number,
  locale: Locale,
) {
  return queries.contactDashboard(
    { range: input.range, scope: input.scope, sparkMetric: 'message_cnt' },
    now,
    locale,
    'day',
  ).trend
}

function groupTables(
  queries: StatisticsQueries,
  input: Extract<StatsExportInput, { dashboard: 'group' }>,
  now: number,
  locale: Locale,
): Sheets {
  const board = queries.groupDashboard(
    { range: input.range, scope: input.scope, sparkMetric: 'msg_total' },
    now,
    locale,
  )
  const daily = queries.groupDashboard(
    { range: input.range, scope: input.scope, sparkMetric: 'msg_total' },
    now,
    locale,
    'day',
  )
  const provisional = new Set(board.provisionalDays)
  const labels = GROUP_METRICS.map((metric) => metricLabel(metric, locale))
  return {
    range: board.range,
    sheets: [
      {
        name: T.summary[locale],
        table: summaryTable<GroupMetric>(GROUP_METRICS, board.kpis, locale, `${board.range.from} ~ ${board.range.to}`),
      },
      {
        name: T.perOwner[locale],
        table: {
          header: [T.name[locale], T.userid[locale], T.status[locale], ...labels],
          rows: board.owners.map((owner) => [
            owner.name,
            owner.userid,
            T[owner.status][locale],
            ...GROUP_METRICS.map((metric) => cell(owner.figures[metric])),
          ]),
        },
      },
      {
        name: T.perDay[locale],
        table: {
          header: [T.day[locale], ...labels, T.provisional[locale]],
          rows: daily.trend.map((point) => [
            point.day,
            ...GROUP_METRICS.map((metric) => cell((point.figures as GroupFigures)[metric])),
            provisional.has(point.day) ? T.yes[locale] : '',
          ]),
        },
      },
    ],
  }
}
