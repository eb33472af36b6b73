/** Time units and China-time day arithmetic (WeCom statistics days start at 00:00 UTC+8). */

/** Durations in ms. */
export const SECOND_MS = 1000
export const MINUTE_MS = 60 * SECOND_MS
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS
const CHINA_OFFSET_MS = 8 * HOUR_MS

/** 00:00 China time of the day containing `ms`, in ms since epoch. */
export function chinaDayStartMs(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS
}

/** Unix seconds, as WeCom puts them on the wire. */
export function toUnixSeconds(ms: number): number {
  return Math.floor(ms / SECOND_MS)
}

/** 00:00 China time of the Monday of the week containing `ms`. */
export function chinaWeekStartMs(ms: number): number {
  const day = chinaDayStartMs(ms)
  // 1970-01-01 was a Thursday: days since a Monday are (days since epoch + 3) mod 7, in China time.
  const daysSinceMonday = (((Math.round((day + CHINA_OFFSET_MS) / DAY_MS) + 3) % 7) + 7) % 7
  return day - daysSinceMonday * DAY_MS
}

/** 00:00 China time of the first day of the month containing `ms`, and how many days that month has. */
export function chinaMonth(ms: number): { startMs: number; days: number } {
  const china = new Date(ms + CHINA_OFFSET_MS)
  const [year, month] = [china.getUTCFullYear(), china.getUTCMonth()]
  return {
    startMs: Date.UTC(year, month, 1) - CHINA_OFFSET_MS,
    days: new Date(Date.UTC(year, month + 1, 0)).getUTCDate(),
  }
}
