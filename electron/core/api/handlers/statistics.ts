import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'

/** statistics:* — see shared/contract/statistics.ts. */
export function statisticsHandlers(_ctx: CoreContext): Handlers['statistics'] {
  return {}
}
