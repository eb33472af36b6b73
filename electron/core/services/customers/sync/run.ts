import type { SyncPhase, SyncState, SyncStatus } from '../../../../../shared/customers'
import type { Locale } from '../../../../../shared/result'
import { AppError, isDiskFull } from '../../../errors'
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
import type { PhaseScope } from './scope'
import { failureText, syncDiskFull, withFailure } from './status'
import { syncTags } from './tags-phase'
import { ThrottledSender } from './throttle'
import { SyncWriter } from './writer'

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
  /**
   * Pages the workspace file may grow to while the sync writes (SQLite's `max_page_count`):
   * absent, the disk's own limit. Tests use it for a disk that fills up.
   */
  maxDatabasePages?: number
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
 *
 * The run's writes are saved by a `SyncWriter` on a thread of its own, so the core's event loop
 * only fetches and queues; the run ends (and `active` turns false) once the writer has saved what
 * was queued and closed its connection. A stopped run's status shows what the database holds.
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
  /** Saves the run's writes; created when the run starts executing. */
  private writer: SyncWriter | undefined
  /** True once the writer is closed and the outcome saved. */
  private ended = false
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

  /** Running, or stopping after the calls in flight (until their writes are saved). */
  get active(): boolean {
    return !this.ended
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
    const saved = this.ended ? this.writer?.saved : undefined
    // Running: calls answered and their writes queued. Stopped: what the database holds.
    const done = saved?.done ?? this.doneCalls()
    const remaining = this.remainingCalls()
    const counts = saved?.counts ?? {
      ...checkpoint.counts,
      customers: this.writer?.customers ?? checkpoint.counts.customers,
    }
    const status: SyncStatus = {
      state: this.state,
      phase: currentPhase(checkpoint),
      done,
      total: Math.max(done, this.doneCalls()) + remaining.customerPages + remaining.other,
      counts: { ...counts },
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
    return this.cancelRequested || this.failure !== undefined || this.writer?.failure !== undefined
  }

  /**
   * Members first (the other phases need them), then tags, customers and groups side by side:
   * they call different API paths, each under its own concurrency cap, so the groups' calls
   * overlap the customer pages instead of waiting for them. Finishing only after all three.
   */
  private async execute(): Promise<void> {
    this.progress.flush()
    try {
      // Started first: the thread boots while the client connects.
      const writer = (this.writer = new SyncWriter(
        {
          filePath: this.deps.workspace.filePath,
          runStartedAt: this.checkpoint.runStartedAt,
          customers: this.checkpoint.counts.customers,
          ...(this.deps.maxDatabasePages !== undefined ? { maxPageCount: this.deps.maxDatabasePages } : {}),
        },
        this.checkpoint,
      ))
      const scope = this.scope(await this.deps.client(), writer)
      if (!this.stopping() && !this.completed('members')) await syncMembers(scope)
      const phases: Array<[SyncPhase, () => Promise<void>]> = [
        ['tags', () => syncTags(scope)],
        ['customers', () => syncCustomers(scope, this.fetched)],
        ['groups', () => syncGroups(scope)],
      ]
      await Promise.all(
        phases
          .filter(([phase]) => !this.stopping() && !this.completed(phase))
          .map(([, run]) => run().catch((error: unknown) => void (this.failure ??= error))),
      )
      if (!this.stopping()) {
        this.lastCompletedAt = await finishSync(scope)
        this.completedRun = true
      }
    } catch (error) {
      this.failure ??= error
    }
    await this.end()
  }

  private completed(phase: SyncPhase): boolean {
    return this.checkpoint.completed.includes(phase)
  }

  private scope(client: WecomClient, writer: SyncWriter): PhaseScope {
    const { workspace } = this.deps
    let members: string[] | undefined
    return {
      members: () => (members ??= this.store.members()),
      setMembers: (userids) => (members = userids),
      client,
      cache: workspace.repository(CustomerCacheRepository),
      store: this.store,
      writer,
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

  /** Waits for the writer to save what was queued, then saves the outcome (the writer is gone: this thread writes). */
  private async end(): Promise<void> {
    const { writer } = this
    if (writer) {
      await writer.close()
      const { stats } = writer
      this.deps.log.info('sync: writes saved', {
        profileId: this.profileId,
        transactions: stats.transactions,
        pages: stats.pages,
        transactionMs: Math.round(stats.transactionMs),
        maxTransactionMs: Math.round(stats.maxTransactionMs),
        ...(stats.cpuMs !== undefined ? { cpuMs: Math.round(stats.cpuMs) } : {}),
      })
      // A failed write is the reason the run stopped (the walk then fails on the next queue).
      if (writer.failure) this.failure = isDiskFull(writer.failure) ? syncDiskFull(writer.failure) : writer.failure
    }
    this.ended = true
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

  /** Calls answered (their writes queued; saved or not yet). */
  private doneCalls(): number {
    return this.checkpoint.done
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
