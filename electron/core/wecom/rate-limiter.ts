import { WecomRateLimitedError } from './errors'
import type { Clock, Sleep, WecomClientEvent, WecomRateLimits } from './types'

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000
/** WeCom blocks a path for 60 s after the per-minute cap trips and for 1 h after the hourly one. */
const MINUTE_BLOCK_MS = 60_000
const HOUR_BLOCK_MS = HOUR_MS
/** A third 45009 block in a row, with no success in between, is taken for the hourly cap. */
const HOURLY_CAP_STRIKES = 3
/** Waits for the local budget this long or longer are reported (shorter ones are ordinary pacing). */
const LOCAL_PAUSE_REPORT_MS = 1000
/** After a 45033, each run of this many successes gives the path back one concurrent call. */
const RESTORE_AFTER_SUCCESSES = 20

/** How one caller waits: its clock, its sleep, how long it accepts to wait, where its events go. */
export interface AcquireContext {
  limits: WecomRateLimits
  now: Clock
  sleep: Sleep
  maxBlockWaitMs: number
  emit: (event: WecomClientEvent) => void
}

/**
 * The right to send one request to a path. Release it when the answer (or the failure) is in;
 * `sent: false` when no byte left this machine, so the call does not count against the budget.
 */
export interface RateSlot {
  readonly admittedAt: number
  /** The concurrency level the call was admitted under, so one 45033 burst lowers it only once. */
  readonly generation: number
  release(sent: boolean): void
}

/**
 * Sliding-window and concurrency budget of one (corp, API path), shared by every client of the
 * corp. A call occupies the window from the moment it is admitted until 60 s (60 min) after it
 * finished, so no 60 s span of server-side arrival times can hold more calls than the limit,
 * whatever the network latency. Also tracks WeCom's 45009 blocks and 45033 concurrency cuts.
 */
export class PathRateLimiter {
  readonly path: string
  private inFlight = 0
  /** Finish times of recent calls, ascending (kept for one hour). */
  private finished: number[] = []
  private finishedHead = 0
  private blockedUntil = 0
  /** A pause was reported (rate_blocked) and no call has been admitted since. */
  private resumePending = false
  /** 45009 blocks in a row with no success in between; at HOURLY_CAP_STRIKES the hourly cap is assumed. */
  private strikes = 0
  private loweredCap: number | undefined
  private capGeneration = 0
  private successStreak = 0
  private wakeUp: () => void = () => {}
  private changed: Promise<void>

  constructor(path: string) {
    this.path = path
    this.changed = this.nextChange()
  }

  /** Waits until a call may start under every limit, then admits it. */
  async acquire(context: AcquireContext): Promise<RateSlot> {
    for (;;) {
      const now = context.now()
      const waitMs = this.blockedUntil > now ? this.blockedUntil - now : this.windowWait(now, context.limits)
      if (waitMs === undefined || this.inFlight >= this.concurrencyCap(context.limits)) {
        await this.changed
        continue
      }
      if (waitMs > 0) {
        const source = this.blockedUntil > now ? 'wecom' : 'local'
        if (waitMs > context.maxBlockWaitMs) throw new WecomRateLimitedError(this.path, now + waitMs, now, source)
        if (source === 'local' && waitMs >= LOCAL_PAUSE_REPORT_MS && !this.resumePending) {
          this.resumePending = true
          context.emit({ type: 'rate_blocked', path: this.path, resumeAt: now + waitMs, source })
        }
        await context.sleep(waitMs)
        continue
      }
      return this.admit(context)
    }
  }

  /**
   * WeCom answered 45009 for a call admitted at `slot.admittedAt`. Starts a block unless that call
   * predates the current one; returns when calls may resume (ms epoch).
   */
  reportRateLimited(slot: RateSlot, context: AcquireContext): number {
    if (slot.admittedAt < this.blockedUntil) return this.blockedUntil
    const now = context.now()
    this.strikes++
    this.blockedUntil = now + (this.strikes >= HOURLY_CAP_STRIKES ? HOUR_BLOCK_MS : MINUTE_BLOCK_MS)
    this.resumePending = true
    context.emit({ type: 'rate_blocked', path: this.path, resumeAt: this.blockedUntil, source: 'wecom' })
    this.notify()
    return this.blockedUntil
  }

  /** WeCom answered 45033: halve the path's concurrency (once per level, never below 1). */
  reportConcurrencyLimited(slot: RateSlot, context: AcquireContext): void {
    if (slot.generation !== this.capGeneration) return
    const limit = Math.max(1, Math.floor(this.concurrencyCap(context.limits) / 2))
    this.capGeneration++
    this.successStreak = 0
    if (limit === this.loweredCap) return
    this.loweredCap = limit
    context.emit({ type: 'concurrency_lowered', path: this.path, limit })
  }

  /** A call succeeded: the hourly-cap suspicion ends, and a lowered concurrency slowly grows back. */
  reportSuccess(limits: WecomRateLimits): void {
    this.strikes = 0
    if (this.loweredCap === undefined || ++this.successStreak < RESTORE_AFTER_SUCCESSES) return
    this.successStreak = 0
    this.capGeneration++
    this.loweredCap = this.loweredCap + 1 >= limits.concurrencyPerPath ? undefined : this.loweredCap + 1
    this.notify()
  }

  private admit(context: AcquireContext): RateSlot {
    if (this.resumePending) {
      this.resumePending = false
      context.emit({ type: 'rate_resumed', path: this.path })
    }
    this.inFlight++
    let released = false
    return {
      admittedAt: context.now(),
      generation: this.capGeneration,
      release: (sent: boolean) => {
        if (released) return
        released = true
        this.inFlight--
        if (sent) this.recordFinish(context.now())
        this.notify()
      },
    }
  }

  private concurrencyCap(limits: WecomRateLimits): number {
    return Math.min(limits.concurrencyPerPath, this.loweredCap ?? Infinity)
  }

  /** ms until one more call fits both windows; undefined when only in-flight calls fill them. */
  private windowWait(now: number, limits: WecomRateLimits): number | undefined {
    this.prune(now)
    const minute = this.waitFor(now, MINUTE_MS, limits.perMinute)
    const hour = this.waitFor(now, HOUR_MS, limits.perHour)
    return minute === undefined || hour === undefined ? undefined : Math.max(minute, hour)
  }

  private waitFor(now: number, windowMs: number, limit: number): number | undefined {
    const first = this.firstFinishedAfter(now - windowMs)
    const inWindow = this.finished.length - first
    const mustLeave = this.inFlight + inWindow - limit + 1
    if (mustLeave <= 0) return 0
    if (mustLeave > inWindow) return undefined
    const finishedAt = this.finished[first + mustLeave - 1] ?? now
    return finishedAt + windowMs - now
  }

  private firstFinishedAfter(time: number): number {
    let low = this.finishedHead
    let high = this.finished.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((this.finished[mid] ?? 0) > time) high = mid
      else low = mid + 1
    }
    return low
  }

  private recordFinish(now: number): void {
    const last = this.finished[this.finished.length - 1] ?? 0
    this.finished.push(Math.max(now, last))
  }

  private prune(now: number): void {
    this.finishedHead = this.firstFinishedAfter(now - HOUR_MS)
    if (this.finishedHead > 1024 && this.finishedHead * 2 > this.finished.length) {
      this.finished = this.finished.slice(this.finishedHead)
      this.finishedHead = 0
    }
  }

  private notify(): void {
    this.wakeUp()
    this.changed = this.nextChange()
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = resolve
    })
  }
}

/**
 * Rate-limit state for every (corpid, API path) of the process, so clients of the same corp share
 * one budget (WeCom counts per corp, not per client). `defaultRateLimiter` is the process-wide one.
 */
export class WecomRateLimiter {
  private readonly paths = new Map<string, PathRateLimiter>()

  /** The limiter of one corp's API path. */
  forPath(corpid: string, path: string): PathRateLimiter {
    const key = `${corpid}\n${path}`
    let limiter = this.paths.get(key)
    if (!limiter) {
      limiter = new PathRateLimiter(path)
      this.paths.set(key, limiter)
    }
    return limiter
  }
}

/** The process-wide limiter used when a client is created without one. */
export const defaultRateLimiter = new WecomRateLimiter()
