import { HOUR_MS, MINUTE_MS } from './clock'

/** Per-path counters: a minute and an hour window, each starting at its first request. */
interface PathWindows {
  minuteStart: number
  minuteCount: number
  hourStart: number
  hourCount: number
  blockedUntil: number
}

/**
 * WeCom's per-corp, per-API frequency limit. Windows are fixed and start at the first request
 * (so a test never straddles a clock-aligned boundary). Tripping the minute limit blocks the
 * path for 60 s, the hour limit for 60 min; blocked requests answer 45009 and are not counted.
 */
export class PathRateLimiter {
  private readonly windows = new Map<string, PathWindows>()

  constructor(
    private limit: { perMinute: number; perHour: number },
    private readonly now: () => number,
  ) {}

  setLimit(limit: { perMinute: number; perHour: number }): void {
    this.limit = limit
  }

  /** Counts the request; false when the path is blocked (45009). */
  admit(path: string): boolean {
    const now = this.now()
    const windows = this.windowsFor(path, now)
    if (now < windows.blockedUntil) return false
    if (now - windows.minuteStart >= MINUTE_MS) Object.assign(windows, { minuteStart: now, minuteCount: 0 })
    if (now - windows.hourStart >= HOUR_MS) Object.assign(windows, { hourStart: now, hourCount: 0 })
    windows.minuteCount++
    windows.hourCount++
    if (windows.hourCount > this.limit.perHour) return this.block(windows, now, HOUR_MS)
    if (windows.minuteCount > this.limit.perMinute) return this.block(windows, now, MINUTE_MS)
    return true
  }

  private block(windows: PathWindows, now: number, durationMs: number): false {
    Object.assign(windows, { blockedUntil: now + durationMs, minuteStart: now + durationMs, minuteCount: 0 })
    if (durationMs === HOUR_MS) Object.assign(windows, { hourStart: now + durationMs, hourCount: 0 })
    return false
  }

  private windowsFor(path: string, now: number): PathWindows {
    let windows = this.windows.get(path)
    if (!windows) {
      windows = { minuteStart: now, minuteCount: 0, hourStart: now, hourCount: 0, blockedUntil: 0 }
      this.windows.set(path, windows)
    }
    return windows
  }
}
