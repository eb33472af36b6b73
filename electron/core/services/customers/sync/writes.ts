import type { DatabaseSync } from 'node:sqlite'
import { CustomerCacheRepository, type CachedMember } from '../../../store/repositories/customer-cache'
import { KeyValueRepository } from '../../../store/repositories/key-value'
import { runInTransaction } from '../../../store/transaction'
import type { BatchCustomer, CorpTagGroup, GroupChatDetail } from '../../../wecom'
import { SyncCheckpointStore, type ListedGroup, type SyncCheckpoint, type SyncCounts } from './checkpoint'

/**
 * One write of a sync, as plain data (it crosses to the writer thread): WeCom's answer to one call,
 * or only a new checkpoint.
 */
export type SyncWrite =
  | { kind: 'members'; members: CachedMember[]; userids: string[] }
  | { kind: 'tags'; groups: CorpTagGroup[] }
  /** One batch/get_by_user page. */
  | { kind: 'customers'; items: BatchCustomer[] }
  /** Every group listed so far (groupchat/list). */
  | { kind: 'listedGroups'; groups: ListedGroup[] }
  | { kind: 'group'; detail: GroupChatDetail; status: number }
  | { kind: 'checkpoint' }
  /** A complete pass: mark what it did not see gone, clear the checkpoint. */
  | { kind: 'finish'; completedAt: number }

/**
 * A write and the checkpoint that describes the rows once it is saved: the run's in-memory
 * checkpoint, taken right after the write was queued. Writes are saved in the order they were
 * queued, so a checkpoint never points past a row that is not saved.
 */
export interface QueuedWrite {
  id: number
  write: SyncWrite
  checkpoint?: SyncCheckpoint
}

/** What a saved group of writes left in the database. */
export interface SavedWrites {
  /** The last write saved. */
  upTo: number
  /** Distinct customers this run has written so far (`SyncCounts.customers` as saved). */
  customers: number
  /** Calls and counts of the checkpoint saved last, if any of the writes carried one. */
  checkpoint?: { done: number; counts: SyncCounts }
  /** Customers marked gone, when the writes held `finish`. */
  removed?: number
}

/**
 * Applies a sync's writes to a workspace connection, several in one transaction (the writer
 * thread saves what has queued up while it wrote the previous group). Only the last checkpoint of a
 * group is saved: the earlier ones describe a subset of its rows. Customer pages are written
 * together, in key order, so neighbouring rows share index pages.
 *
 * `customers` (distinct customers written this run) is counted here, from what the database held
 * before each write, and put into every checkpoint saved: the run's thread learns it only from
 * `SavedWrites`, after the checkpoint that carries it was taken.
 */
export class SyncWriteApplier {
  private readonly cache: CustomerCacheRepository
  private readonly store: SyncCheckpointStore

  constructor(
    private readonly db: DatabaseSync,
    /** Every row of the run carries this `synced_at` (`SyncCheckpoint.runStartedAt`). */
    private readonly syncedAt: number,
    /** Distinct customers the run had saved when it (re)started. */
    private customers: number,
  ) {
    this.cache = new CustomerCacheRepository(db)
    this.store = new SyncCheckpointStore(new KeyValueRepository(db))
  }

  /** Saves `writes` (in order) in one transaction; throws, having saved none of them, if it fails. */
  apply(writes: readonly QueuedWrite[]): SavedWrites {
    const last = writes.at(-1)
    if (!last) throw new RangeError('no writes to apply')
    const customersBefore = this.customers
    try {
      return runInTransaction(this.db, () => this.applyInTransaction(writes, last.id))
    } catch (error) {
      this.customers = customersBefore
      throw error
    }
  }

  private applyInTransaction(writes: readonly QueuedWrite[], upTo: number): SavedWrites {
    const saved: SavedWrites = { upTo, customers: this.customers }
    const items = writes.flatMap(({ write }) => (write.kind === 'customers' ? write.items : []))
    if (items.length > 0) this.customers += this.cache.upsertCustomerPage(items, this.syncedAt).firstSeen
    let checkpoint: SyncCheckpoint | undefined
    let completed = false
    for (const { write, checkpoint: next } of writes) {
      if (next) checkpoint = next
      if (write.kind === 'finish') {
        saved.removed = this.finish(write.completedAt)
        completed = true
      } else {
        this.applyOne(write)
      }
    }
    saved.customers = this.customers
    if (checkpoint) {
      checkpoint.counts.customers = this.customers
      // A complete run keeps no checkpoint: its calls and counts are the outcome's.
      if (!completed) this.store.saveCheckpoint(checkpoint)
      saved.checkpoint = { done: checkpoint.done, counts: checkpoint.counts }
    }
    return saved
  }

  private applyOne(write: Exclude<SyncWrite, { kind: 'finish' }>): void {
    switch (write.kind) {
      case 'members':
        this.cache.upsertMembers(write.members, this.syncedAt)
        this.store.saveMembers(write.userids)
        return
      case 'tags':
        this.cache.replaceTagLibrary(write.groups, this.syncedAt)
        return
      case 'listedGroups':
        this.store.saveListedGroups(write.groups)
        return
      case 'group':
        this.cache.upsertGroup(write.detail, write.status, this.syncedAt)
        return
      case 'customers': // written together, above
      case 'checkpoint':
        return
    }
  }

  /**
   * After a complete pass only: members, follow relations, customers and groups the run did not
   * see are marked gone (kept, not deleted), and the checkpoint is cleared. Returns the customers
   * marked gone.
   */
  private finish(completedAt: number): number {
    const { cache } = this
    cache.markMembersGone(this.syncedAt, completedAt)
    const removed = cache.markCustomersGone(this.syncedAt, completedAt).customers
    cache.markGroupsGone(this.syncedAt, completedAt)
    this.store.complete(completedAt)
    return removed
  }
}
