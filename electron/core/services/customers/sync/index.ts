import type { SyncStatus } from '../../../../../shared/customers'
import type { ConnectionStatus } from '../../../../../shared/profiles'
import type { CoreContext } from '../../../context'
import { DEFAULT_WECOM_LIMITS } from '../../../wecom'
import { SyncCheckpointStore } from './checkpoint'
import { SyncRun } from './run'
import { storedStatus } from './status'

/**
 * Calls to one API path a sync runs at once: the connection creates its clients with the default
 * limits, so their limiter admits this many per path (a 45033 lowers it further on its own).
 */
const SYNC_CONCURRENCY = DEFAULT_WECOM_LIMITS.concurrencyPerPath

/**
 * The customer-cache sync of the active profile: one run at a time per profile, in the
 * background. Switching to another profile cancels a running sync (its calls in flight are
 * saved), and so does closing the core (`close`).
 */
export class SyncService {
  /** The latest run of each profile this session. */
  private readonly runs = new Map<string, SyncRun>()
  private readonly unsubscribe: () => void

  constructor(private readonly ctx: CoreContext) {
    this.unsubscribe = ctx.events.subscribe((channel, payload) => {
      if (channel !== 'app:onStatus') return
      const { profileId } = payload as ConnectionStatus
      for (const run of this.runs.values()) if (run.profileId !== profileId) run.cancel()
    })
  }

  /** Starts a sync of the active profile, or resumes its stopped one; the running one's status if any. */
  start(): SyncStatus {
    const { ctx } = this
    const profileId = ctx.activeProfileId()
    const current = this.runs.get(profileId)
    if (current?.active) return current.status()
    const run = new SyncRun({
      profileId,
      workspace: ctx.workspaces.forProfile(profileId),
      client: async () => {
        const client = await ctx.connection.client()
        // The profile may have been switched while connecting: never sync one corp into another's cache.
        if (ctx.activeProfileId() !== profileId) run.cancel()
        return client
      },
      events: ctx.events,
      locale: ctx.locale,
      log: ctx.log,
      concurrency: SYNC_CONCURRENCY,
      now: Date.now,
    })
    this.runs.set(profileId, run)
    return run.status()
  }

  /** Stops the active profile's running sync after the calls in flight. */
  cancel(): SyncStatus {
    this.runs.get(this.ctx.activeProfileId())?.cancel()
    return this.status()
  }

  /** The active profile's sync: the run of this session, or how the last one ended. */
  status(): SyncStatus {
    const run = this.runs.get(this.ctx.activeProfileId())
    if (run) return run.status()
    return storedStatus(new SyncCheckpointStore(this.ctx.workspace().kv), this.ctx.locale())
  }

  /** Cancels every running sync and waits until each has saved what it had. */
  async close(): Promise<void> {
    this.unsubscribe()
    const runs = [...this.runs.values()]
    for (const run of runs) run.cancel()
    await Promise.all(runs.map((run) => run.finished))
  }
}
