/**
 * Calls `send` at most once per `intervalMs`: a change within the interval is sent once at its
 * end (so the last state always goes out), `flush` sends at once (state changes).
 */
export class ThrottledSender {
  private lastSentAt = Number.NEGATIVE_INFINITY
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly send: () => void,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Something changed: send now, or at the end of the current interval. */
  notify(): void {
    if (this.timer) return
    const waitMs = this.lastSentAt + this.intervalMs - this.now()
    if (waitMs <= 0) this.flush()
    else this.timer = setTimeout(() => this.flush(), waitMs)
  }

  /** Sends now, replacing a pending send. */
  flush(): void {
    this.stop()
    this.lastSentAt = this.now()
    this.send()
  }

  /** Drops a pending send. */
  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }
}
