import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { SyncService } from '../../services/sync'

/** sync:* — the background sync of the active profile's members, tags, customers and groups. */
export function syncHandlers(ctx: CoreContext): Handlers['sync'] {
  const sync = new SyncService(ctx)
  ctx.onClose(() => sync.close())
  return {
    start: async () => sync.start(),
    cancel: async () => sync.cancel(),
    getStatus: async () => sync.status(),
  }
}
