/**
 * Background jobs in one line per workspace (shared machinery: mass-message sends, moment
 * publishes): a workspace's jobs run one at a time in the order queued, so two never write the same
 * journal at once; a job already waiting is not queued twice; lines of other workspaces run beside it.
 */
export class JobLines {
  private readonly lines = new Map<string, { tail: Promise<void>; queued: Set<string> }>()

  /** `onError` hears a job that threw (a job should handle its own errors); the line goes on. */
  constructor(private readonly onError: (jobId: string, error: unknown) => void) {}

  /** Queues `run` for job `jobId` in the line of workspace `key` (its file path). */
  enqueue(key: string, jobId: string, run: () => Promise<void>): void {
    let line = this.lines.get(key)
    if (line === undefined) {
      line = { tail: Promise.resolve(), queued: new Set() }
      this.lines.set(key, line)
    }
    if (line.queued.has(jobId)) return
    const own = line
    own.queued.add(jobId)
    own.tail = own.tail
      .then(run)
      .catch((error: unknown) => this.onError(jobId, error))
      .finally(() => own.queued.delete(jobId))
  }

  /** Resolves once no job is running or queued, including jobs queued meanwhile (tests, benchmarks). */
  async idle(): Promise<void> {
    const tails = () => [...this.lines.values()].map((line) => line.tail)
    for (let seen = tails(); ;) {
      await Promise.all(seen)
      const now = tails()
      if (now.length === seen.length && now.every((tail, i) => tail === seen[i])) return
      seen = now
    }
  }

  /** Resolves when the jobs queued so far have ended (on close, after new work was refused). */
  async drain(): Promise<void> {
    await Promise.all([...this.lines.values()].map((line) => line.tail))
  }
}
