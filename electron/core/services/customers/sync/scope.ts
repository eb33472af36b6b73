import type { Logger } from '../../../log'
import type { CustomerCacheRepository } from '../../../store/repositories/customer-cache'
import type { Workspace } from '../../../store/workspace'
import type { WecomClient } from '../../../wecom'
import type { SyncCheckpoint, SyncCheckpointStore } from './checkpoint'

/** What each phase of a sync works with: the profile's client and cache, and the run's checkpoint. */
export interface PhaseScope {
  client: WecomClient
  workspace: Workspace
  cache: CustomerCacheRepository
  store: SyncCheckpointStore
  /** The run's checkpoint: phases change it and save it (`store.saveCheckpoint`) with the rows it describes. */
  checkpoint: SyncCheckpoint
  /** Calls to one API path the client runs at once: how many chains to walk in parallel. */
  concurrency: number
  log: Logger
  now(): number
  /** True once the run is cancelled or failed: start no new call. */
  stopping(): boolean
  /** A call's answer was saved: progress may be reported. */
  progressed(): void
}
