import type { SyncPhase, SyncState, SyncStatus } from '../../../../../shared/customers'
import type { Locale } from '../../../../../shared/result'
import { AppError } from '../../../errors'
import type { CoreEvents } from '../../../events'
import type { Logger } from '../../../log'
import { CustomerCacheRepository } from '../../../store/repositories/customer-cache'
import type { Workspace } from '../../../store/workspace'
import type { WecomClient } from '../../../wecom'
import {
  currentPhase,
  newCheckpoint,
  SyncCheckpointStore,
  type CursorChain,
  type StoredSyncOutcome,
  type SyncCheckpoint,
} from './checkpoint'
import { chainProgress, syncCustomers, type ChainFetch } from './customers-phase'
import { RateMeter, remainingChainPages } from './estimate'
import { finishSync } from './finish-phase'
import { syncGroups } from './groups-phase'
import { syncMembers } from './members-phase'
import { CustomerPageWriter } from './page-writer'
import type { PhaseScope } from './scope'
import { failureText, withFailure } from './status'
import { syncTags } from './tags-phase'
import { ThrottledSender } from './throttle'

/** What one run needs; the profile's workspace and client are fixed for the whole run. */
export interface SyncRunDeps {
  profileId: string
  workspace: Workspace
  /** The profile's WeCom client (connecting first when needed). */
  client: () => Promise<WecomClient>
  events: CoreEvents
  locale: () => Locale
  log: Logger
  /** Calls to one API path the client runs at once (its limiter's cap). */
  concurrency: number
  now: () => number
}

/** At most ~5 progress events a second. */
const PROGRESS_INTERVAL_MS = 200
/** get_follow_user_list + user/simplelist, then get_corp_tag_list. */
const MEMBER_PHASE_CALLS = 2
const TAG_PHASE_CALLS = 1

/**
 * One sync of a profile's members, tags, customers and groups, started (or resumed from the
 * workspace's checkpoint) on construction and running in the background. `cancel` stops it after
 * the calls in flight, which are saved; a failure stops it the same way. Either leaves the
 * checkpoint for the next run to continue; only a complete pass marks rows gone.
 */
export class SyncRun {
  readonly profileId: string
  /** Settles once the run has stopped and saved its outcome; never rejects. */
  readonly finished: Promise<void>
  private state: SyncState = 'running'
  private cancelRequested = false
  private completedRun = false
  private failure: unknown
  private readonly startedAt: number
  private finishedAt: number | undefined
  private lastCompletedAt: number | undefined
  private readonly store: SyncCheckpointStore
  private readonly checkpoint: SyncCheckpoint
  /** Groups the last complete run found: the guess for groupchat/get calls until the list is in. */
  private readonly expectedGroups: number
  /** What each customer chain fetched this session (for the estimate). */
  private readonly fetched = new Map<CursorChain, ChainFetch>()
  /** Paces for the ETA: customer pages, and every other call (they run side by side). */
  private readonly pageRate = new RateMeter()
  private readonly otherRate = new RateMeter()
  /** Saves the customer pages; created once the client is known. */
  private customerPages: CustomerPageWriter | undefined
  private readonly progress: ThrottledSender

  constructor(private readonly deps: SyncRunDeps) {
    this.profileId = deps.profileId
    this.startedAt = deps.now()
    this.store = new SyncCheckpointStore(deps.workspace.kv)
    this.lastCompletedAt = this.store.lastCompletedAt()
    const previous = this.store.outcome()
    this.expectedGroups = previous?.state === 'done' ? previous.counts.groups : 0
    this.checkpoint = this.store.checkpoint() ?? newCheckpoint(this.startedAt)
    deps.workspace.transaction(() => {
      this.store.saveCheckpoint(this.checkpoint)
      this.store.saveOutcome(this.outcome())
    })
    this.progress = new ThrottledSender(
      () => deps.events.emit('customers:onSyncProgress', this.status()),
      PROGRESS_INTERVAL_MS,
      deps.now,
    )
    this.recordPace()
    this.finished = this.execute()
  }

  /** Running, or stopping after the calls in flight. */
  get active(): boolean {
    return this.state === 'running' || this.state === 'cancelling'
  }

  /** Starts no new call; the ones in flight finish and are saved. */
  cancel(): void {
    if (this.state !== 'running') return
    this.cancelRequested = true
    this.state = 'cancelling'
    this.progress.flush()
  }

  status(): SyncStatus {
    const { checkpoint } = this
    const done = this.doneCalls()
    const remaining = this.remainingCalls()
    const status: SyncStatus = {
      state: this.state,
      phase: currentPhase(checkpoint),
      done,
      total: done + remaining.customerPages + remaining.other,
      counts: { ...checkpoint.counts },
      startedAt: this.startedAt,
      resumable: this.state === 'cancelled' || this.state === 'failed',
    }
    const etaMs = this.state === 'running' ? this.etaMs(remaining) : undefined
    if (etaMs !== undefined) status.etaMs = etaMs
    if (this.finishedAt !== undefined) status.finishedAt = this.finishedAt
    if (this.lastCompletedAt !== undefined) status.lastCompletedAt = this.lastCompletedAt
    return withFailure(status, this.failure === undefined ? undefined : failureText(this.failure), this.deps.locale())
  }

  private stopping(): boolean {
    return this.cancelRequested || this.failure !== undefined
  }

  /**
   * Members first (the other phases need them), then tags, customers and groups side by side:
   * they call different API paths, each under its own concurrency cap, so the groups' calls
   * overlap the customer pages instead of waiting for them. Finishing only after all three.
   */
  private async execute(): Promise<void> {
    this.progress.flush()
    try {
      const scope = this.scope(await this.deps.client())
      const customerPages = (this.customerPages = new CustomerPageWriter(scope))
      if (!this.stopping() && !this.completed('members')) await syncMembers(scope)
      const phases: Array<[SyncPhase, () => Promise<void>]> = [
        ['tags', () => syncTags(scope)],
        ['customers', () => syncCustomers(scope, customerPages, this.fetched)],
        ['groups', () => syncGroups(scope)],
      ]
      await Promise.all(
        phases
          .filter(([phase]) => !this.stopping() && !this.completed(phase))
          .map(([, run]) => run().catch((error: unknown) => void (this.failure ??= error))),
      )
      if (!this.stopping()) {
        this.lastCompletedAt = finishSync(scope)
        this.completedRun = true
      }
    } catch (error) {
      this.failure ??= error
    }
    this.end()
  }

  private completed(phase: SyncPhase): boolean {
    return this.checkpoint.completed.includes(phase)
  }

  private scope(client: WecomClient): PhaseScope {
    const { workspace } = this.deps
    return {
      client,
      workspace,
      cache: workspace.repository(CustomerCacheRepository),
      store: this.store,
      checkpoint: this.checkpoint,
      concurrency: this.deps.concurrency,
      log: this.deps.log,
      now: this.deps.now,
      stopping: () => this.stopping(),
      progressed: () => {
        this.recordPace()
        this.progress.notify()
      },
    }
  }

  private end(): void {
    this.state = this.completedRun ? 'done' : this.failure !== undefined ? 'failed' : 'cancelled'
    this.finishedAt = this.deps.now()
    if (this.failure !== undefined) this.logFailure()
    try {
      this.deps.workspace.transaction(() => this.store.saveOutcome(this.outcome()))
    } catch (error) {
      this.deps.log.warn('sync: outcome not saved', { profileId: this.profileId, error })
    }
    this.progress.flush()
  }

  private logFailure(): void {
    const { log } = this.deps
    if (this.failure instanceof AppError) {
      log.warn('sync failed', {
        profileId: this.profileId,
        code: this.failure.code,
        errcode: this.failure.wecomErrcode,
      })
    } else {
      log.error('sync failed unexpectedly', { profileId: this.profileId, error: this.failure })
    }
  }

  private outcome(): StoredSyncOutcome {
    const status = this.status()
    return {
      state: status.state,
      startedAt: this.startedAt,
      ...(this.finishedAt !== undefined ? { finishedAt: this.finishedAt } : {}),
      done: status.done,
      total: status.total,
      counts: status.counts,
      ...(this.failure !== undefined ? { error: failureText(this.failure) } : {}),
    }
  }

  /** Calls answered: those saved, and customer pages waiting to be written with the next batch. */
  private doneCalls(): number {
    return this.checkpoint.done + (this.customerPages?.pendingPages ?? 0)
  }

  /** Customer pages fetched, saved or not (this session's walk, else the checkpoint's). */
  private customerPagesFetched(): number {
    return chainProgress(this.checkpoint.customerChains, this.fetched).reduce((sum, chain) => sum + chain.pages, 0)
  }

  private recordPace(): void {
    const now = this.deps.now()
    const pages = this.customerPagesFetched()
    this.pageRate.record(now, pages)
    this.otherRate.record(now, this.doneCalls() - pages)
  }

  /**
   * Calls still expected: exact for members and tags, estimated for customer pages (see
   * `remainingChainPages`) and groups (the last complete run's count until the list is in).
   */
  private remainingCalls(): { customerPages: number; other: number } {
    const { checkpoint } = this
    if (this.state === 'done') return { customerPages: 0, other: 0 }
    let other = 0
    if (!this.completed('members')) other += MEMBER_PHASE_CALLS
    if (!this.completed('tags')) other += TAG_PHASE_CALLS
    if (!this.completed('groups')) {
      const chains = checkpoint.groupListChains
      const listing = chains.length === 0 ? 1 : chains.filter((chain) => !chain.done).length
      const listed = listing === 0 ? checkpoint.groupsListed : Math.max(checkpoint.groupsListed, this.expectedGroups)
      other += listing + Math.max(0, listed - checkpoint.counts.groups)
    }
    const customerPages = this.completed('customers')
      ? 0
      : remainingChainPages(chainProgress(checkpoint.customerChains, this.fetched))
    return { customerPages, other }
  }

  /**
   * Customer pages and the other calls go at their own pace, side by side: the ETA is the
   * longer of the two. Unknown until the member list (and so the customer chains) is in.
   */
  private etaMs(remaining: { customerPages: number; other: number }): number | undefined {
    if (!this.completed('members')) return undefined
    const pages = remaining.customerPages === 0 ? 0 : this.pageRate.etaMs(remaining.customerPages)
    const other = remaining.other === 0 ? 0 : this.otherRate.etaMs(remaining.other)
    return pages === undefined || other === undefined ? undefined : Math.max(pages, other)
  }
}
