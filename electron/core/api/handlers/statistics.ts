import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { StatisticsService, statisticsDeps } from '../../services/statistics'
import { exportDashboard } from '../../services/statistics/export'
import { StatisticsQueries } from '../../services/statistics/queries'

/**
 * statistics:* — see shared/contract/statistics.ts. The fill runs in the background per profile;
 * every dashboard reads the active profile's local cache (no WeCom call).
 */
export function statisticsHandlers(ctx: CoreContext): Handlers['statistics'] {
  const service = new StatisticsService(statisticsDeps(ctx))
  const unwatch = service.watchProfiles(ctx)
  ctx.onClose(async () => {
    unwatch()
    await service.close()
  })
  /** The active workspace's queries, with the in-memory snapshot brought up to date in slices first. */
  const queries = async () => {
    const queries = ctx.workspace().repository(StatisticsQueries)
    await queries.ready()
    return queries
  }
  return {
    getStatus: async () => service.status(),
    startFill: async () => service.start(),
    cancelFill: async () => service.cancel(),
    scopes: async () => (await queries()).scopes(),
    contactDashboard: async (input) => (await queries()).contactDashboard(input, Date.now(), ctx.locale()),
    memberTrends: async (input) => (await queries()).memberTrends(input, Date.now()),
    compareMembers: async (input) => (await queries()).compareMembers(input, Date.now()),
    groupDashboard: async (input) => (await queries()).groupDashboard(input, Date.now(), ctx.locale()),
    export: async (input) => exportDashboard(await queries(), input, Date.now(), ctx.locale()),
  }
}
