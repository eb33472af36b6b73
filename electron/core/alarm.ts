/** The longest delay setTimeout honours (about 24.8 days); a later time is reached by re-arming. */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * One wake-up time at a time: the scheduler's "next scheduled send is due" and the runner's
 * "retry a paused job". Its timer does not keep the process alive, and `clear` stops it on close.
 */
export class Alarm {
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly ring: () => void,
    private readonly now: () => number,
  ) {}

  /** Rings at `at` (at once when it has passed), replacing any earlier setting; undefined clears it. */
  set(at: number | undefined): void {
    this.clear()
    if (at === undefined) return
    const delay = Math.min(Math.max(0, at - this.now()), MAX_TIMER_MS)
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.ring()
    }, delay)
    this.timer.unref()
  }

  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
  }
}
