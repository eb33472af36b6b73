import type { SyncState, SyncStatus } from '@shared/customers'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, unwrap } from '../../api'

const ACTIVE: readonly SyncState[] = ['running', 'cancelling']

/** True while a run is going (or stopping after the calls in flight). */
const isSyncActive = (status: SyncStatus | undefined): boolean => status !== undefined && ACTIVE.includes(status.state)

/** Whole-percent progress for the bar: done / total, 0 when nothing is expected yet, never past 100. */
export function syncPercent(status: Pick<SyncStatus, 'done' | 'total'> | undefined): number {
  if (!status || status.total <= 0) return 0
  return Math.min(100, Math.max(0, Math.floor((status.done / status.total) * 100)))
}

/**
 * A status that arrives after its run already finished (the answer to `start` can reach the page
 * after the run's last progress event when a sync is quick): it must not bring the bar back.
 */
export function isStaleSyncStatus(current: SyncStatus | undefined, next: SyncStatus): boolean {
  return (
    current?.state === 'done' &&
    isSyncActive(next) &&
    current.startedAt !== undefined &&
    next.startedAt === current.startedAt
  )
}

/** How fast the shown ETA follows the core's estimate when it is lower, and when it is higher. */
const ETA_FALL_MS = 4_000
const ETA_RISE_MS = 12_000

/** The ETA on screen, and when (ms, the page's clock) it was last set. */
export interface ShownEta {
  etaMs: number
  at: number
}

/**
 * The ETA to show after the core sent `estimateMs` at `at`: what was shown counts down by the time
 * that passed, then moves toward the estimate by a share that grows with that time (down within
 * seconds, up three times slower). A jumpy estimate (27 → 11 → 17 → 6 s) reads as a steady count
 * down, a steady one is shown as it is, and a lasting change still comes through.
 */
export function smoothEta(shown: ShownEta | undefined, estimateMs: number, at: number): ShownEta {
  if (!shown) return { etaMs: estimateMs, at }
  const elapsed = Math.max(0, at - shown.at)
  const countdown = Math.max(0, shown.etaMs - elapsed)
  const share = 1 - Math.exp(-elapsed / (estimateMs > countdown ? ETA_RISE_MS : ETA_FALL_MS))
  return { etaMs: Math.round(countdown + (estimateMs - countdown) * share), at }
}

/**
 * The customer-cache sync: its live status (from `customers.onSyncProgress`), start/resume and cancel.
 * `runsEnded` counts runs that stopped (done, cancelled or failed) while this page was open, so
 * the pages showing cached data know when to reload it.
 */
export const useSyncStore = defineStore('customers/sync', () => {
  const status = ref<SyncStatus>()
  const runsEnded = ref(0)
  /** The running sync's ETA as shown (smoothed), undefined while it cannot be estimated. */
  const eta = ref<ShownEta>()
  let subscribed = false

  const active = computed(() => isSyncActive(status.value))
  const percent = computed(() => syncPercent(status.value))
  /** A stopped run that `start` continues: cancelled or failed, and resumable. */
  const stopped = computed(() => status.value?.state === 'cancelled' || status.value?.state === 'failed')
  const etaMs = computed(() => eta.value?.etaMs)

  function apply(next: SyncStatus): void {
    if (isStaleSyncStatus(status.value, next)) return
    const wasActive = isSyncActive(status.value)
    const sameRun = status.value?.startedAt === next.startedAt
    status.value = next
    eta.value =
      next.state === 'running' && next.etaMs !== undefined
        ? smoothEta(sameRun ? eta.value : undefined, next.etaMs, Date.now())
        : undefined
    if (wasActive && !isSyncActive(next)) runsEnded.value++
  }

  async function load(): Promise<void> {
    if (!subscribed) {
      subscribed = true
      api().customers.onSyncProgress(apply)
    }
    apply(await unwrap(api().customers.getSyncStatus()))
  }

  /** Starts a sync, or resumes a stopped one; returns as soon as the core accepted it. */
  async function start(): Promise<void> {
    apply(await unwrap(api().customers.startSync()))
  }

  async function cancel(): Promise<void> {
    apply(await unwrap(api().customers.cancelSync()))
  }

  return { status, runsEnded, active, percent, stopped, etaMs, load, start, cancel }
})
