/**
 * The statistics domain's calls and events (see index.ts for the conventions). Kept in its own file so
 * each feature edits its own part of the contract.
 *
 * Everything is read from the workspace's local statistics cache (per member, per group owner and
 * for the team, per corp day): the dashboards answer offline and make no WeCom call. `startFill`
 * is the only call that reaches WeCom. Days are corp days (China time) `YYYY-MM-DD`; a range is
 * clamped into the last 180 days ending yesterday (`clampRange` in shared/statistics.ts) and every
 * answer says which range it used.
 */
import { z } from 'zod'
import {
  compareMembersInputSchema,
  contactDashboardInputSchema,
  exportInputSchema,
  groupDashboardInputSchema,
  memberTrendsInputSchema,
  type ContactDashboard,
  type FillStatus,
  type GroupDashboard,
  type MemberComparison,
  type MemberTrends,
  type StatsExportFile,
  type StatsScopes,
} from '../statistics'
import { call, event, shape } from './define'

const none = z.undefined()

export const statisticsContract = {
  /**
   * The cache and its fill: state (idle / running / cancelling / cancelled / failed / done),
   * done/total calls, ETA, "data up to", provisional days, last refresh, members and owners whose
   * figures are unavailable (and why), and whether a stopped fill can be resumed.
   * @example const status = await api.statistics.getStatus()
   */
  getStatus: call(none, shape<FillStatus>()),
  /** The fill's progress (≤ 5 a second) and its end. */
  onFillProgress: event(shape<FillStatus>()),
  /**
   * Starts filling the cache in the background and returns at once: the first fill fetches the
   * last 180 days; later ones (a refresh) only the missing and provisional days. A stopped fill
   * resumes where it stopped (final days are never fetched again). Returns the running fill's
   * status when one is running.
   */
  startFill: call(none, shape<FillStatus>()),
  /** Stops the running fill after the calls in flight (what they fetched is kept); `startFill` resumes. */
  cancelFill: call(none, shape<FillStatus>()),
  /** Departments (with member counts), members and group owners known to the cache, for the scope pickers. */
  scopes: call(none, shape<StatsScopes>()),
  /**
   * 联系客户统计 over a range and a scope (team / department / members): KPI per metric with the
   * previous period of the same length, the trend (daily, weekly over 62 days) for the range and
   * the previous period, one row per member (every metric over the range and the previous period,
   * plus a sparkline of `sparkMetric`), top/bottom 10 per metric, notable changes, and the
   * provisional / missing days in range.
   * @example await api.statistics.contactDashboard({ range: { from: '2026-11-05', to: '2026-12-04' }, scope: { kind: 'team' } })
   */
  contactDashboard: call(contactDashboardInputSchema, shape<ContactDashboard>()),
  /** One member's own page: KPIs against the previous period, their trend and the team's beside it. */
  memberTrends: call(memberTrendsInputSchema, shape<MemberTrends>()),
  /** Up to 10 members on one chart: one series of `metric` per member over the range. */
  compareMembers: call(compareMembersInputSchema, shape<MemberComparison>()),
  /**
   * 群聊数据统计 over a range and a scope (every owner / chosen owners): KPIs (new groups, total
   * groups, active groups, new members, total members, active members, messages) with the previous
   * period, the trend by day (weekly over 62 days), one row per owner with a sparkline, rankings.
   */
  groupDashboard: call(groupDashboardInputSchema, shape<GroupDashboard>()),
  /**
   * What a dashboard shows, as a file: XLSX with one sheet per table (summary, per member or
   * owner, per day) or CSV with the same tables one after another.
   */
  export: call(exportInputSchema, shape<StatsExportFile>()),
} as const
