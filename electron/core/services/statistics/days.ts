/**
 * Corp days as integers, when a fetched day is final, and the incremental plan: which windows a
 * fill asks WeCom for. Pure functions (no I/O), so the rules are tested alone.
 */
import { addDays, corpDay, corpDayStart, corpToday, daysBetween, type Day } from '../../../../shared/date'
import { STATS_HISTORY_DAYS, STATS_WINDOW_DAYS } from '../../../../shared/statistics'

const EPOCH: Day = '1970-01-01'
/** WeCom settles a day by 08:00 China time the next day; earlier answers may be zeros. */
export const SETTLE_HOUR = 8
const HOUR_MS = 3_600_000

/** A corp day as days since 1970-01-01 (the cache's key). */
export function dayNumber(day: Day): number {
  return daysBetween(EPOCH, day)
}

/** The corp day of a day number. */
export function dayOf(number: number): Day {
  return addDays(EPOCH, number)
}

/** The day numbers a fill may ask for at `now`: the last 180 corp days, yesterday the newest (today never). */
export function fillableDays(now: number): { first: number; last: number } {
  const today = dayNumber(corpToday(now))
  return { first: today - STATS_HISTORY_DAYS, last: today - 1 }
}

/** When WeCom has settled `day`: 08:00 China time on the next day. */
export function settledAt(day: number): number {
  return corpDayStart(dayOf(day + 1)) + SETTLE_HOUR * HOUR_MS
}

/**
 * Whether a day fetched at `fetchedAt` is final (never fetched again): fetched once WeCom had
 * settled it, and not an all-zero answer for someone who has contacts while the day was still
 * yesterday or the day before (WeCom sometimes answers zeros late: such a day is asked once more
 * at the next refresh; zeros that come back then are taken as true).
 */
export function isFinal(day: number, fetchedAt: number, allZero: boolean, hadContacts: boolean): boolean {
  if (fetchedAt < settledAt(day)) return false
  const age = dayNumber(corpDay(fetchedAt)) - day
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

/**
 * The same plan from a summary of the final days inside [first, last] (count, oldest, newest) when
 * they form one run, the usual case (a first fill, then daily refreshes): no need to read every
 * day. Undefined when they do not form one run (then read the days and use `planWindows`).
 */
export function planFromSummary(
  first: number,
  last: number,
  summary: { count: number; min: number; max: number } | undefined,
): Window[] | undefined {
  if (!summary || summary.count === 0) return planWindows(first, last, [])
  if (summary.min < first || summary.max > last || summary.max - summary.min + 1 !== summary.count) return undefined
  return [...planWindows(first, summary.min - 1, []), ...planWindows(summary.max + 1, last, [])]
}
