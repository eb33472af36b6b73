import type { SyncPhase, SyncState, SyncStatus } from '../../../../../shared/customers'
import type { LocalizedText } from '../../../../../shared/result'
import type { KeyValueRepository } from '../../../store/repositories/key-value'

/** Rows counted by a sync, as `SyncStatus` shows them. */
export type SyncCounts = SyncStatus['counts']

/**
 * One sequential cursor walk (batch/get_by_user or groupchat/list) over a slice of the run's
 * members. Its cursor is saved with every page, so a resumed run asks for the next page only.
 */
export interface CursorChain {
  /** Members `[from, to)` of the run's member list; absent: groupchat/list without owner filter. */
  range?: [from: number, to: number]
  /** `next_cursor` of the last saved page ('' before the first page). */
  cursor: string
  pages: number
  done: boolean
}

/** Where an unfinished sync stands; kept in the workspace's kv until the run completes. */
export interface SyncCheckpoint {
  /** When the run began: every row it writes carries this `synced_at`, so older rows were not seen. */
  runStartedAt: number
  /** Phases whose work is all saved (tags, customers and groups run side by side after members). */
  completed: SyncPhase[]
  /** Calls whose answers are saved, across resumes. */
  done: number
  counts: SyncCounts
  /** Members the app can see (follow users or the directory, the larger): over 1,000, groupchat/list needs owner filters. */
  visibleMembers: number
  customerChains: CursorChain[]
  groupListChains: CursorChain[]
  /** Groups listed so far (their ids are kept apart, see `SyncCheckpointStore.listedGroups`). */
  groupsListed: number
}

/** A group as groupchat/list names it: chat_id and status. */
export type ListedGroup = [chatId: string, status: number]

/** How the last run ended, so `getStatus` can tell after a restart. */
export interface StoredSyncOutcome {
  state: SyncState
  startedAt: number
  finishedAt?: number
  done: number
  total: number
  counts: SyncCounts
  error?: { text: LocalizedText; hint?: LocalizedText }
}

const KEYS = {
  checkpoint: 'sync:checkpoint',
  members: 'sync:checkpoint:members',
  listedGroups: 'sync:checkpoint:groups',
  outcome: 'sync:outcome',
  lastCompletedAt: 'sync:lastCompletedAt',
} as const

/** The phases of a sync, in the order the status shows them. */
const SYNC_PHASES: readonly SyncPhase[] = ['members', 'tags', 'customers', 'groups', 'finishing']

/** The phase a status shows: the first one not complete. */
export function currentPhase(checkpoint: SyncCheckpoint): SyncPhase {
  return SYNC_PHASES.find((phase) => !checkpoint.completed.includes(phase)) ?? 'finishing'
}

/** Zero counts, for a new run. */
export const NO_COUNTS: Readonly<SyncCounts> = { members: 0, tags: 0, customers: 0, follows: 0, groups: 0, removed: 0 }

/** The checkpoint of a run starting now, before any call. */
export function newCheckpoint(runStartedAt: number): SyncCheckpoint {
  return {
    runStartedAt,
    completed: [],
    done: 0,
    counts: { ...NO_COUNTS },
    visibleMembers: 0,
    customerChains: [],
    groupListChains: [],
    groupsListed: 0,
  }
}

/**
 * The sync's state in the workspace's kv: the checkpoint of an unfinished run (with its member
 * list and the groups listed so far) and how the last run ended. Writes join the caller's
 * transaction, so a page and the cursor that follows it are saved together.
 */
export class SyncCheckpointStore {
  constructor(private readonly kv: KeyValueRepository) {}

  /** The unfinished run's checkpoint, if any. */
  checkpoint(): SyncCheckpoint | undefined {
    return this.kv.get<SyncCheckpoint>(KEYS.checkpoint)
  }

  saveCheckpoint(checkpoint: SyncCheckpoint): void {
    this.kv.set(KEYS.checkpoint, checkpoint)
  }

  /** The follow users of the unfinished run, in the order its chains index them. */
  members(): string[] {
    return this.kv.get<string[]>(KEYS.members) ?? []
  }

  saveMembers(userids: readonly string[]): void {
    this.kv.set(KEYS.members, userids)
  }

  /** Groups the unfinished run has listed so far. */
  listedGroups(): ListedGroup[] {
    return this.kv.get<ListedGroup[]>(KEYS.listedGroups) ?? []
  }

  saveListedGroups(groups: readonly ListedGroup[]): void {
    this.kv.set(KEYS.listedGroups, groups)
  }

  /** The run is complete: its checkpoint goes, and `completedAt` becomes the last complete sync. */
  complete(completedAt: number): void {
    for (const key of [KEYS.checkpoint, KEYS.members, KEYS.listedGroups]) this.kv.delete(key)
    this.kv.set(KEYS.lastCompletedAt, completedAt)
  }

  lastCompletedAt(): number | undefined {
    return this.kv.get<number>(KEYS.lastCompletedAt)
  }

  outcome(): StoredSyncOutcome | undefined {
    return this.kv.get<StoredSyncOutcome>(KEYS.outcome)
  }

  saveOutcome(outcome: StoredSyncOutcome): void {
    this.kv.set(KEYS.outcome, outcome)
  }
}
