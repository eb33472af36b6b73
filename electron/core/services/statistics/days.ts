/**
 * Corp days as integers, when a fetched day is final, and the incremental plan: which windows a
 * fill asks WeCom for. Pure functions (no I/O), so the rules are tested alone.
 */
import { corpDayNumber, corpDayNumberStart } from '../../../../shared/date'
import { STATS_HISTORY_DAYS, STATS_WINDOW_DAYS } from '../../../../shared/statistics'

/** WeCom settles a day by 08:00 China time the next day; earlier answers may be zeros. */
export const SETTLE_HOUR = 8
const HOUR_MS = 3_600_000

/** The day numbers a fill may ask for at `now`: the last 180 corp days, yesterday the newest (today never). */
export function fillableDays(now: number): { first: number; last: number } {
  const today = corpDayNumber(now)
  return { first: today - STATS_HISTORY_DAYS, last: today - 1 }
}

/** When WeCom has settled `day`: 08:00 China time on the next day. */
export function settledAt(day: number): number {
  return corpDayNumberStart(day + 1) + SETTLE_HOUR * HOUR_MS
}

/**
 * Whether a day fetched at `fetchedAt` is final (never fetched again): fetched once WeCom had
 * settled it, and not an all-zero answer for someone who has contacts while the day was still
 * yesterday or the day before (WeCom sometimes answers zeros late: such a day is asked once more
 * at the next refresh; zeros that come back then are taken as true).
 */
export function isFinal(day: number, fetchedAt: number, allZero: boolean, hadContacts: boolean): boolean {
  if (fetchedAt < settledAt(day)) return false
  const age = corpDayNumber(fetchedAt) - day
  return !(allZero && hadContacts && age <= 2)
}

/** One call's window: [first, last] day numbers, both included, ≤ 30 days. */
export interface Window {
  first: number
  last: number
}

/**
 * The windows that fetch every day in [first, last] that is not final, and nothing else: runs of
 * consecutive non-final days, each split into spans of ≤ 30 days, oldest first. `finalDays` is
 * sorted ascending (days outside [first, last] are ignored).
 */
export function planWindows(first: number, last: number, finalDays: readonly number[]): Window[] {
  const windows: Window[] = []
  let start: number | undefined
  let index = 0
  const close = (end: number) => {
    if (start === undefined) return
    for (let from = start; from <= end; from += STATS_WINDOW_DAYS)
      windows.push({ first: from, last: Math.min(end, from + STATS_WINDOW_DAYS - 1) })
    start = undefined
  }
  while (index < finalDays.length && finalDays[index]! < first) index++
  for (let day = first; day <= last; day++) {
    const final = index < finalDays.length && finalDays[index] === day
    if (final) {
      index++
      close(day - 1)
    } else start ??= day
  }
  close(last)
  return windows
}

/** `planWindows` with a test instead of a list: the windows fetch every day in [first, last] not `skipped`. */
export function planWindowsWhere(first: number, last: number, skipped: (day: number) => boolean): Window[] {
  const finals: number[] = []
  for (let day = first; day <= last; day++) if (skipped(day)) finals.push(day)
  return planWindows(first, last, finals)
}
