import { addDays, corpDay, corpDayStart, corpToday, daysBetween, eachDay, type Day } from '../../../../../shared/date'
import { MOMENTS_HISTORY_DAYS } from '../../../../../shared/moments'

/**
 * get_moment_list takes windows of at most 30 days and answers the OPEN interval (start, end) of
 * whole seconds. A window of N whole China days therefore runs from one second before the first
 * day's 00:00 to the 00:00 after the last day: N days + 1 second. With 30 days that is one second
 * too long, so a window holds at most 29 days (180 days: 7 windows, as few as the rule allows).
 */
export const WINDOW_MAX_DAYS = 29
const DAY_SECONDS = 86_400
/** A day is final once it was fetched this long after it ended (a job finishing late lists its moment a little later). */
export const SETTLE_MS = 60 * 60 * 1000

/** One get_moment_list window: a run of whole China days and the call's bounds (Unix seconds, exclusive). */
export interface FetchWindow {
  firstDay: Day
  lastDay: Day
  startTime: number
  endTime: number
}

/** Recent answers of daysOfRange: the list asks for the same range on every keystroke. */
const rangeMemo = new Map<string, readonly Day[]>()
const RANGE_MEMO_SIZE = 16

/** The China days a browse range touches, limited to the 180 days WeCom lists (today included). */
export function daysOfRange(fromMs: number, toMs: number, now: number = Date.now()): Day[] {
  const today = corpToday(now)
  const key = `${fromMs}/${toMs}/${today}`
  const known = rangeMemo.get(key)
  if (known) return [...known]
  const earliest = addDays(today, 1 - MOMENTS_HISTORY_DAYS)
  let first = corpDay(fromMs)
  let last = corpDay(toMs)
  if (daysBetween(first, earliest) > 0) first = earliest
  if (daysBetween(today, last) > 0) last = today
  const days = eachDay(first, last)
  if (rangeMemo.size >= RANGE_MEMO_SIZE) rangeMemo.delete(rangeMemo.keys().next().value as string)
  rangeMemo.set(key, days)
  return [...days]
}

/** True when a day fetched at `fetchedAt` can no longer change: it had ended (and settled) by then. */
export function isDayFinal(day: Day, fetchedAt: number): boolean {
  return fetchedAt >= corpDayStart(addDays(day, 1)) + SETTLE_MS
}

/**
 * The days to fetch: those never fetched; with `refresh`, also those that could still change when
 * they were fetched (the last days); with `all`, every day (the user asked for the whole range).
 */
export function daysToFetch(
  days: readonly Day[],
  fetchedAt: ReadonlyMap<Day, number>,
  options: { refresh?: boolean; all?: boolean } = {},
): Day[] {
  return days.filter((day) => {
    const at = fetchedAt.get(day)
    if (at === undefined || options.all) return true
    return options.refresh === true && !isDayFinal(day, at)
  })
}

/**
 * Consecutive days grouped into windows of at most WINDOW_MAX_DAYS, oldest first. `now` caps the
 * last window's end at the next second, so no window asks about the future.
 */
export function splitIntoWindows(days: readonly Day[], now: number = Date.now()): FetchWindow[] {
  const sorted = [...new Set(days)].sort()
  const windows: FetchWindow[] = []
  let run: Day[] = []
  const close = () => {
    const firstDay = run[0]
    const lastDay = run[run.length - 1]
    if (firstDay === undefined || lastDay === undefined) return
    windows.push(windowOf(firstDay, lastDay, now))
    run = []
  }
  for (const day of sorted) {
    const previous = run[run.length - 1]
    if (previous !== undefined && (daysBetween(previous, day) !== 1 || run.length >= WINDOW_MAX_DAYS)) close()
    run.push(day)
  }
  close()
  return windows
}

/** The call bounds of whole days `firstDay`…`lastDay`: (00:00 − 1 s, next 00:00), at most now + 1 s. */
export function windowOf(firstDay: Day, lastDay: Day, now: number = Date.now()): FetchWindow {
  const startTime = Math.floor(corpDayStart(firstDay) / 1000) - 1
  const dayEnd = Math.floor(corpDayStart(addDays(lastDay, 1)) / 1000)
  const endTime = Math.max(startTime + 1, Math.min(dayEnd, Math.floor(now / 1000) + 1))
  if (endTime - startTime > 30 * DAY_SECONDS) throw new RangeError(`window ${firstDay}…${lastDay} is over 30 days`)
  return { firstDay, lastDay, startTime, endTime }
}

/** The key of a window, for de-duplicating runs. */
export function windowKey(window: Pick<FetchWindow, 'firstDay' | 'lastDay'>): string {
  return `${window.firstDay}/${window.lastDay}`
}
