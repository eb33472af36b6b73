import type { Day } from '@shared/date'
import {
  presetRange,
  type ContactScope,
  type FillState,
  type FillStatus,
  type GroupScope,
  type StatsRange,
  type StatsScopes,
} from '@shared/statistics'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api, unwrap } from '../api'
import { correctRange, type RangeCorrection } from '../views/statistics/range'

const ACTIVE: readonly FillState[] = ['running', 'cancelling']

/** A plain copy of store state for a contract call (reactive proxies cannot cross the bridge or be cloned). */
export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/** True while a fill runs (or stops after the calls in flight). */
export const isFillActive = (status: FillStatus | undefined): boolean =>
  status !== undefined && ACTIVE.includes(status.state)

/** Whole-percent progress of a fill: done / total, 0 before anything is expected, never past 100. */
export function fillPercent(status: Pick<FillStatus, 'done' | 'total'> | undefined): number {
  if (!status || status.total <= 0) return 0
  return Math.min(100, Math.max(0, Math.floor((status.done / status.total) * 100)))
}

/**
 * The statistics cache as the pages see it: the fill's live status (first fill of 180 days or a
 * refresh, from `statistics.onFillProgress`), start / resume / cancel, the scope pickers' people and
 * departments, and the range and scopes the dashboards share (a range picked on one dashboard is
 * kept when the user switches to the other or opens a member). `fillsEnded` counts fills that
 * stopped while the page was open, so the dashboards know when to read the cache again.
 */
export const useStatisticsStore = defineStore('statistics', () => {
  const status = ref<FillStatus>()
  const scopes = shallowRef<StatsScopes>({ departments: [], members: [], owners: [] })
  const fillsEnded = ref(0)
  const range = ref<StatsRange>(presetRange('last30'))
  /** What the last pick had to change to stay inside the last 180 days (shown under the picker). */
  const corrections = ref<RangeCorrection[]>([])
  const contactScope = ref<ContactScope>({ kind: 'team' })
  const groupScope = ref<GroupScope>({ kind: 'team' })
  let subscribed = false

  const active = computed(() => isFillActive(status.value))
  const percent = computed(() => fillPercent(status.value))
  const stopped = computed(() => status.value?.state === 'cancelled' || status.value?.state === 'failed')
  /** No day cached yet, or the first fill has not finished: the page shows the first-fill panel. */
  const needsFirstFill = computed(
    () =>
      status.value !== undefined &&
      (status.value.dataUpTo === undefined || (status.value.kind === 'first' && status.value.state !== 'done')),
  )
  const provisionalDays = computed<Day[]>(() => status.value?.provisionalDays ?? [])

  function apply(next: FillStatus): void {
    const wasActive = isFillActive(status.value)
    status.value = next
    if (wasActive && !isFillActive(next)) {
      fillsEnded.value++
      void loadScopes()
    }
  }

  async function loadScopes(): Promise<void> {
    scopes.value = await unwrap(api().statistics.scopes())
  }

  /** Reads the fill's status and the scope pickers' lists; listens to the fill from then on. */
  async function load(): Promise<void> {
    if (!subscribed) {
      subscribed = true
      api().statistics.onFillProgress(apply)
    }
    const [next] = await Promise.all([unwrap(api().statistics.getStatus()), loadScopes()])
    apply(next)
  }

  /** Starts the first fill or a refresh, or resumes a stopped one; returns once the core accepted it. */
  async function startFill(): Promise<void> {
    apply(await unwrap(api().statistics.startFill()))
  }

  async function cancelFill(): Promise<void> {
    apply(await unwrap(api().statistics.cancelFill()))
  }

  /** Sets the dashboards' range, corrected into the last 180 days ending yesterday (China time). */
  function setRange(picked: StatsRange, now: number = Date.now()): void {
    const corrected = correctRange(picked, now)
    range.value = corrected.range
    corrections.value = corrected.corrections
  }

  return {
    status,
    scopes,
    fillsEnded,
    range,
    corrections,
    contactScope,
    groupScope,
    active,
    percent,
    stopped,
    needsFirstFill,
    provisionalDays,
    load,
    loadScopes,
    startFill,
    cancelFill,
    setRange,
  }
})
