import type { Handlers } from '../../../../shared/contract'
import type { FillStatus } from '../../../../shared/statistics'
import type { CoreContext } from '../../context'
import { AppError, text } from '../../errors'

const EMPTY: FillStatus = {
  state: 'idle',
  kind: 'first',
  done: 0,
  total: 0,
  provisionalDays: [],
  missingDays: 180,
  unavailable: [],
  teamSource: 'department',
  resumable: false,
}

const notReady = () => new AppError('statistics_not_ready', text('数据统计正在建设中。', 'Statistics are being built.'))

/** statistics:* — see shared/contract/statistics.ts. (First step: the contract answers; the service follows.) */
export function statisticsHandlers(_ctx: CoreContext): Handlers['statistics'] {
  return {
    getStatus: async () => EMPTY,
    startFill: async () => EMPTY,
    cancelFill: async () => EMPTY,
    scopes: async () => ({ departments: [], members: [], owners: [] }),
    contactDashboard: async () => {
      throw notReady()
    },
    memberTrends: async () => {
      throw notReady()
    },
    compareMembers: async () => {
      throw notReady()
    },
    groupDashboard: async () => {
      throw notReady()
    },
    export: async () => {
      throw notReady()
    },
  }
}
