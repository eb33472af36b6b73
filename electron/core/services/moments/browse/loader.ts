import type { Locale } from '../../../../../shared/result'
import type { MomentLoadStatus, MomentSummary } from '../../../../../shared/moments'
import { corpDayStart, addDays, type Day } from '../../../../../shared/date'
import { AppError, INTERNAL_ERROR } from '../../../errors'
import type { Logger } from '../../../log'
import type { Workspace } from '../../../store/workspace'
import { DEFAULT_WECOM_LIMITS, type WecomClient } from '../../../wecom'
import { MomentCache, summaryOf } from './cache'
import { daysOfRange, daysToFetch, splitIntoWindows, windowKey, type FetchWindow } from './windows'

/** get_moment_list's page size: at most 20 (a larger limit would fall back to the default, 20). */
export const LIST_PAGE_LIMIT = 20
/**
 * Windows fetched at the same time (a window's pages follow its cursor, one after another): as many
 * as the client lets run on one path, so 180 days (7 windows) cost the latency of the longest window.
 */
const WINDOWS_IN_FLIGHT = DEFAULT_WECOM_LIMITS.concurrencyPerPath
/** A failed window is tried again after these pauses before the list shows it as failed. */
const RETRY_DELAYS_MS: readonly number[] = [1000, 4000, 15_000]

export interface MomentsLoaderDeps {
  client: () => Promise<WecomClient>
  workspace: () => Workspace
  locale: () => Locale
  log: Logger
  /** Where each change of the run's status goes (the `moments:onLoadProgress` event). */
  onStatus?: (status: MomentLoadStatus) => void
  now?: () => number
  retryDelaysMs?: readonly number[]
  windowsInFlight?: number
}

/** What `load` is asked for. */
export interface LoadRequest {
  from: number
  to: number
  refresh?: boolean
  all?: boolean
}

interface Pending {
  window: FetchWindow
  done: Promise<void>
}

/**
 * Fills the moments cache from get_moment_list, window by window. A window already fetched is
 * never fetched again unless asked (`refresh`: the days that could still change; `all`: every day
 * of the range). A window that fails is retried with pauses; one that still fails stays missing and
 * is named in the list's coverage until a later load fetches it. Two loads asking for the same days
 * share one fetch.
 */
export class MomentsLoader {
  private readonly pending = new Map<string, Pending>()
  /** Days whose last fetch failed, with the localized reason. */
  private readonly failedDays = new Map<Day, string>()
  private running = 0
  private readonly waiting: Array<() => void> = []
  private status: MomentLoadStatus = { state: 'idle', windowsTotal: 0, windowsDone: 0, windowsFailed: 0, moments: 0 }

  constructor(private readonly deps: MomentsLoaderDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)()
  }

  /** The status of the current (or last) run. */
  current(): MomentLoadStatus {
    return { ...this.status }
  }

  /** The days being fetched right now (queued or in flight). */
  loadingDays(): Set<Day> {
    const days = new Set<Day>()
    for (const { window } of this.pending.values()) {
      for (let day = window.firstDay; day <= window.lastDay; day = addDays(day, 1)) days.add(day)
    }
    return days
  }

  /** Days whose last fetch failed, with why. */
  failures(): ReadonlyMap<Day, string> {
    return this.failedDays
  }

  /** The windows `request` would fetch now (nothing when the cache already holds the range). */
  plan(request: LoadRequest): FetchWindow[] {
    const now = this.now()
    const days = daysOfRange(request.from, request.to, now)
    const fetched = this.deps.workspace().repository(MomentCache).fetchedDays(days)
    const loading = this.loadingDays()
    const wanted = daysToFetch(days, fetched, request).filter((day) => !loading.has(day))
    return splitIntoWindows(wanted, now)
  }

  /**
   * Fetches what the range needs and waits until it is in the cache (or failed after retries).
   * Resolves with the run's status; never rejects for a WeCom failure (that is in the status).
   */
  async load(request: LoadRequest): Promise<MomentLoadStatus> {
    const days = new Set(daysOfRange(request.from, request.to, this.now()))
    const windows = this.plan(request)
    // A new run starts when nothing is being fetched; a load with nothing to fetch keeps the last run's status.
    if (this.pending.size === 0 && windows.length > 0) {
      this.status = { state: 'loading', windowsTotal: 0, windowsDone: 0, windowsFailed: 0, moments: 0 }
    }
    for (const window of windows) {
      const key = windowKey(window)
      this.status.windowsTotal++
      const done = this.fetchWindow(window).finally(() => this.pending.delete(key))
      this.pending.set(key, { window, done })
    }
    const awaited = [...this.pending.values()].filter(({ window }) => overlaps(window, days))
    if (awaited.length > 0) {
      this.status.state = 'loading'
      this.publish()
    }
    await Promise.all(awaited.map(({ done }) => done))
    if (this.pending.size === 0 && this.status.state === 'loading') {
      this.status.state = this.status.windowsFailed > 0 ? 'failed' : 'done'
      this.status.finishedAt = this.now()
      this.publish()
    }
    return this.current()
  }

  private publish(): void {
    this.deps.onStatus?.(this.current())
  }

  private async slot(): Promise<() => void> {
    const limit = this.deps.windowsInFlight ?? WINDOWS_IN_FLIGHT
    if (this.running >= limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.running++
    return () => {
      this.running--
      this.waiting.shift()?.()
    }
  }

  /** One window, retried after a failure; on final failure its days are recorded as failed. */
  private async fetchWindow(window: FetchWindow): Promise<void> {
    const release = await this.slot()
    try {
      const delays = this.deps.retryDelaysMs ?? RETRY_DELAYS_MS
      for (let attempt = 0; ; attempt++) {
        try {
          const count = await this.fetchOnce(window)
          this.forEachDay(window, (day) => this.failedDays.delete(day))
          this.status.windowsDone++
          this.status.moments += count
          this.publish()
          return
        } catch (error) {
          const message = this.describe(error)
          const delay = delays[attempt]
          this.deps.log.warn('moments: window failed', { window: windowKey(window), attempt, error })
          if (delay === undefined) {
            this.forEachDay(window, (day) => this.failedDays.set(day, message))
            this.status.windowsFailed++
            this.status.message = message
            this.publish()
            return
          }
          await new Promise((resolve) => setTimeout(resolve, delay))
        }
      }
    } finally {
      release()
    }
  }

  /** Every page of one window, then one transaction: the moments, the deleted ones gone, the days marked fetched. */
  private async fetchOnce(window: FetchWindow): Promise<number> {
    const startedAt = this.now()
    const client = await this.deps.client()
    const listed = await client.moments
      .getMomentList({ start_time: window.startTime, end_time: window.endTime, limit: LIST_PAGE_LIMIT })
      .all()
    const byId = new Map<string, MomentSummary>()
    for (const moment of listed) byId.set(moment.moment_id, summaryOf(moment))
    const workspace = this.deps.workspace()
    const days: Day[] = []
    this.forEachDay(window, (day) => days.push(day))
    workspace.transaction(() =>
      workspace
        .repository(MomentCache)
        .saveWindow(
          { fromMs: corpDayStart(window.firstDay), toMs: corpDayStart(addDays(window.lastDay, 1)) - 1, days },
          [...byId.values()],
          startedAt,
        ),
    )
    return byId.size
  }

  private forEachDay(window: FetchWindow, each: (day: Day) => void): void {
    for (let day = window.firstDay; day <= window.lastDay; day = addDays(day, 1)) each(day)
  }

  private describe(error: unknown): string {
    const locale = this.deps.locale()
    return error instanceof AppError ? error.text[locale] : INTERNAL_ERROR.text[locale]
  }
}

function overlaps(window: FetchWindow, days: ReadonlySet<Day>): boolean {
  for (let day = window.firstDay; day <= window.lastDay; day = addDays(day, 1)) if (days.has(day)) return true
  return false
}
