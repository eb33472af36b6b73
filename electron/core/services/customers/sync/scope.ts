import type { Logger } from '../../../log'
import type { CustomerCacheRepository } from '../../../store/repositories/customer-cache'
import type { WecomClient } from '../../../wecom'
import type { SyncCheckpoint, SyncCheckpointStore } from './checkpoint'
import type { SyncWriter } from './writer'

/** What each phase of a sync works with: the profile's client and cache, and the run's checkpoint. */
export interface PhaseScope {
  client: WecomClient
  /** The cache, for reads (the app's connection). */
  cache: CustomerCacheRepository
  /** The run's saved state, for reads. */
  store: SyncCheckpointStore
  /**
   * Saves the run's writes, off the core's thread. A phase changes the checkpoint and queues the
   * write it describes in the same synchronous step: every checkpoint queued then describes only
   * writes queued before it.
   */
  writer: SyncWriter
  /** The run's checkpoint (see `writer`). */
  checkpoint: SyncCheckpoint
  /** The follow users of the run, in the order its chains index them (saved or queued). */
  members(): string[]
  /** Sets them (the members phase). */
  setMembers(userids: string[]): void
  /** Calls to one API path the client runs at once: how many chains to walk in parallel. */
  concurrency: number
  log: Logger
  now(): number
  /** True once the run is cancelled or failed: start no new call. */
  stopping(): boolean
  /** A call was answered and its write queued: progress may be reported. */
  progressed(): void
}
