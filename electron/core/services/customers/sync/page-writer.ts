import type { BatchCustomer, BatchGetByUserPage } from '../../../wecom'
import type { CursorChain } from './checkpoint'
import type { PhaseScope } from './scope'

/**
 * How long fetched customer pages wait to be written together. Customer ids are random, so one
 * page of 100 customers touches a different leaf of each customer, follow and tag index for
 * nearly every row: ~1,000 database pages (~4 MB of WAL) per transaction, over a minute of
 * writing for a 100,000-customer first sync when each page commits alone. Pages written
 * together share most of those leaves. Measured on that sync (2 cores): 0.5 s batches write in
 * ~6 s, each transaction ≤ 0.75 s; 0.75 s batches in ~5.3 s, each ≤ 0.9 s. Writes block the
 * event loop, so longer batches would save little more and hold it longer.
 */
const CUSTOMER_FLUSH_INTERVAL_MS = 750

/**
 * Writes batch/get_by_user pages behind the walk: the pages that arrive within a flush interval
 * are saved in one transaction together with their chains' next cursors, so the saved checkpoint
 * never points past a saved page. A chain's in-memory cursor moves only when its page is saved.
 * Pages not yet written when the run stops are written by `flush`; on a crash they are fetched
 * again from the saved cursor.
 */
export class CustomerPageWriter {
  private pending: Array<{ chain: CursorChain; page: BatchGetByUserPage }> = []
  private timer: ReturnType<typeof setTimeout> | undefined
  private failure: { error: unknown } | undefined

  constructor(private readonly scope: PhaseScope) {}

  /** Pages fetched and not written yet: calls done, for the progress bar. */
  get pendingPages(): number {
    return this.pending.length
  }

  /** Queues a fetched page; throws if an earlier write failed (the walk must stop). */
  add(chain: CursorChain, page: BatchGetByUserPage): void {
    if (this.failure) throw this.failure.error
    this.pending.push({ chain, page })
    this.timer ??= setTimeout(() => this.flushQuietly(), CUSTOMER_FLUSH_INTERVAL_MS)
  }

  /** Writes every queued page now; throws if this or an earlier write failed. */
  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.failure) throw this.failure.error
    const batch = this.pending
    if (batch.length === 0) return
    this.pending = []
    const { scope } = this
    const { checkpoint } = scope
    const items: BatchCustomer[] = batch.flatMap(({ page }) => page.external_contact_list ?? [])
    try {
      scope.workspace.transaction(() => {
        const written = scope.cache.upsertCustomerPage(items, checkpoint.runStartedAt)
        for (const { chain, page } of batch) {
          chain.cursor = page.next_cursor ?? ''
          chain.done = !page.next_cursor
          chain.pages += 1
        }
        checkpoint.done += batch.length
        checkpoint.counts.customers += written.firstSeen
        checkpoint.counts.follows += written.follows
        scope.store.saveCheckpoint(checkpoint)
      })
    } catch (error) {
      this.failure = { error }
      throw error
    }
    scope.progressed()
  }

  /** A timed flush: its failure is kept and thrown to the next `add` or `flush`. */
  private flushQuietly(): void {
    try {
      this.flush()
    } catch {
      // kept in `failure`, see above
    }
  }
}
