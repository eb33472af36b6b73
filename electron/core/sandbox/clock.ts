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
