/**
 * Dates, on dayjs, by the calendar: a day is never assumed to last 24 hours. Two kinds of day exist:
 *
 * - **corp days** are WeCom's days, in China time (`Asia/Shanghai`, UTC+8, no daylight saving):
 *   statistics rows, "data up to", receive-cap periods;
 * - **local days** are the user's calendar days in this computer's time zone: date pickers,
 *   "added between", history ranges. On a daylight-saving day a local day lasts 23 or 25 hours.
 *
 * A day is written `YYYY-MM-DD` (`Day`) and has no zone of its own; instants are epoch ms; a range
 * is `[first ms, last ms]`, both included. Arithmetic on `Day`s (`addDays`, `daysBetween`, …) is
 * pure calendar arithmetic, the same for both kinds.
 */
import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'

dayjs.extend(utc)
dayjs.extend(timezone)

/** WeCom's time zone: corp days run from 00:00 to 24:00 China time. */
export const CORP_TIME_ZONE = 'Asia/Shanghai'

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string

/** `[first ms, last ms]` of a span of time, both included. */
export type DayRange = [start: number, end: number]

const DAY_FORMAT = 'YYYY-MM-DD'
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/** A `Day` as a zone-free calendar date (UTC has no daylight saving, so every step is one day). */
function calendar(day: Day): dayjs.Dayjs {
  if (!isDay(day)) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`)
  return dayjs.utc(day)
}

// ── Calendar arithmetic on days ───────────────────────────────────────────────────────────

/** True for a real calendar day written `YYYY-MM-DD` (`2024-02-30` is not one). */
export function isDay(value: unknown): value is Day {
  return typeof value === 'string' && DAY_PATTERN.test(value) && dayjs.utc(value).format(DAY_FORMAT) === value
}

/** `day` moved by `n` calendar days (back when `n` is negative). */
export function addDays(day: Day, n: number): Day {
  return calendar(day).add(n, 'day').format(DAY_FORMAT)
}

/** Calendar days from `from` to `to`: 0 for the same day, negative when `to` comes first. */
export function daysBetween(from: Day, to: Day): number {
  return calendar(to).diff(calendar(from), 'day')
}

/** Every day from `from` to `to`, both included, oldest first; empty when `to` comes first. */
export function eachDay(from: Day, to: Day): Day[] {
  const count = daysBetween(from, to) + 1
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(from, i))
}

/** The `n` days that end with `last` (included), oldest first: `lastNDays(180, yesterday)`. */
export function lastNDays(n: number, last: Day): Day[] {
  return n > 0 ? eachDay(addDays(last, 1 - n), last) : []
}

/** Consecutive spans of at most `maxDays` days covering `from`..`to`, oldest first (e.g. 30-day API windows). */
export function daySpans(from: Day, to: Day, maxDays: number): Array<[Day, Day]> {
  if (maxDays < 1) throw new RangeError(`maxDays must be at least 1: ${maxDays}`)
  const spans: Array<[Day, Day]> = []
  for (let first = from; daysBetween(first, to) >= 0; first = addDays(first, maxDays)) {
    const last = addDays(first, maxDays - 1)
    spans.push([first, daysBetween(last, to) >= 0 ? last : to])
  }
  return spans
}

/** The Monday of the week (Monday to Sunday) that `day` falls in. */
export function weekStart(day: Day): Day {
  const sinceMonday = (calendar(day).day() + 6) % 7
  return addDays(day, -sinceMonday)
}

/** The first day of the month that `day` falls in. */
export function monthStart(day: Day): Day {
  return calendar(day).startOf('month').format(DAY_FORMAT)
}

/** How many days the month of `day` has (28 to 31). */
export function daysInMonth(day: Day): number {
  return calendar(day).daysInMonth()
}

// ── Corp days: China time ─────────────────────────────────────────────────────────────────

/** The corp day (China time) that the instant `ms` falls on. */
export function corpDay(ms: number): Day {
  return dayjs(ms).tz(CORP_TIME_ZONE).format(DAY_FORMAT)
}

/** Today as WeCom counts it (China time), whatever this computer's zone. */
export function corpToday(now: number = Date.now()): Day {
  return corpDay(now)
}

/** The instant a corp day begins: 00:00:00.000 China time. */
export function corpDayStart(day: Day): number {
  return dayjs.tz(calendar(day).format(DAY_FORMAT), CORP_TIME_ZONE).valueOf()
}

/** `[00:00:00.000, 23:59:59.999]` of a corp day, China time, in ms. */
export function corpDayRange(day: Day): DayRange {
  return [corpDayStart(day), corpDayStart(addDays(day, 1)) - 1]
}

// ── Local days: this computer's zone ──────────────────────────────────────────────────────

/** The local day that an instant (or a date picker's `Date`) falls on. */
export function localDay(date: Date | number): Day {
  return dayjs(date).format(DAY_FORMAT)
}

/** Today in this computer's zone. */
export function localToday(now: number = Date.now()): Day {
  return localDay(now)
}

/** The instant a local day begins (00:00 local, or the first existing minute where a zone skips midnight). */
export function localDayStart(date: Date | number | Day): number {
  return (typeof date === 'string' ? dayjs(calendar(date).format(DAY_FORMAT)) : dayjs(date)).startOf('day').valueOf()
}

/** `[start ms, end ms]` of the local calendar day that `date` falls on (23 or 25 hours on daylight-saving days). */
export function localDayRange(date: Date | number | Day): DayRange {
  const day = typeof date === 'string' ? calendar(date).format(DAY_FORMAT) : localDay(date)
  return [localDayStart(day), localDayStart(addDays(day, 1)) - 1]
}

/** From the first day's local 00:00 to the last day's 23:59:59.999: a date-range picker's value as ms. */
export function localDaysRange(from: Date | number | Day, to: Date | number | Day): DayRange {
  return [localDayRange(from)[0], localDayRange(to)[1]]
}

/** The `n` local days that end today (included), as one range: "the last 30 days". */
export function lastNLocalDaysRange(n: number, now: number = Date.now()): DayRange {
  const today = localToday(now)
  return localDaysRange(addDays(today, 1 - n), today)
}

/** An instant in local time with a dayjs pattern: `formatLocal(ms, 'YYYY-MM-DD HH:mm')`. */
export function formatLocal(ms: number, pattern: string): string {
  return dayjs(ms).format(pattern)
}

// ── Corp day numbers: fast paths for bulk work ────────────────────────────────────────────

/**
 * China time has had no daylight saving since 1991: every corp day is exactly 24 hours, from
 * 16:00 UTC the day before. Bulk work (a statistics fill writes ~100,000 day rows) uses these
 * integer forms instead of a time-zone conversion per value.
 */
const CORP_UTC_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** A calendar day as its number of days since 1970-01-01 (zone-free; negative before 1970). */
export function dayToNumber(day: Day): number {
  if (!isDay(day)) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`)
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS)
}

/** The calendar day of a day number (see `dayToNumber`). */
export function dayFromNumber(n: number): Day {
  return new Date(n * DAY_MS).toISOString().slice(0, 10)
}

/** The corp day (China time) of an instant, as a day number: `dayToNumber(corpDay(ms))`, without a zone lookup. */
export function corpDayNumber(ms: number): number {
  return Math.floor((ms + CORP_UTC_OFFSET_MS) / DAY_MS)
}

/** 00:00 China time of a corp day number, in ms: `corpDayStart(dayFromNumber(n))`, without a zone lookup. */
export function corpDayNumberStart(n: number): number {
  return n * DAY_MS - CORP_UTC_OFFSET_MS
}
