import { describe, expect, it } from 'vitest'
import { addDays, corpDayStart, corpToday } from '../../../../shared/date'
import {
  daysOfRange,
  daysToFetch,
  isDayFinal,
  SETTLE_MS,
  splitIntoWindows,
  windowOf,
  WINDOW_MAX_DAYS,
} from '../../../../electron/core/services/moments/browse/windows'

const DAY_S = 86_400
/** 2026-03-10 15:00 China time. */
const NOW = Date.UTC(2026, 2, 10, 7, 0, 0)

describe('moment list windows', () => {
  it('covers whole China days with the open interval: one second before 00:00 to the next 00:00', () => {
    const window = windowOf('2026-03-01', '2026-03-03', NOW)
    const firstStart = corpDayStart('2026-03-01') / 1000
    expect(window.startTime).toBe(firstStart - 1)
    expect(window.endTime).toBe(firstStart + 3 * DAY_S)
    // (start, end) holds 00:00:00 of the first day and 23:59:59 of the last, nothing of the neighbours.
    const inside = (second: number) => second > window.startTime && second < window.endTime
    expect(inside(firstStart)).toBe(true)
    expect(inside(firstStart - 1)).toBe(false)
    expect(inside(firstStart + 3 * DAY_S - 1)).toBe(true)
    expect(inside(firstStart + 3 * DAY_S)).toBe(false)
  })

  it('never asks WeCom for more than 30 days nor about the future', () => {
    const today = corpToday(NOW)
    const days = daysOfRange(NOW - 400 * DAY_S * 1000, NOW, NOW)
    expect(days).toHaveLength(180)
    expect(days[days.length - 1]).toBe(today)
    const windows = splitIntoWindows(days, NOW)
    expect(windows).toHaveLength(Math.ceil(180 / WINDOW_MAX_DAYS))
    for (const window of windows) expect(window.endTime - window.startTime).toBeLessThanOrEqual(30 * DAY_S)
    expect(windows.at(-1)!.endTime).toBe(Math.floor(NOW / 1000) + 1)
    // Neighbouring windows meet without a gap or an overlap second: end of one = start of the next + 1.
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.startTime).toBe(windows[i - 1]!.endTime - 1)
    // 30 whole days would be 30 days + 1 second: refused before any call.
    expect(() => windowOf('2026-01-01', '2026-01-30', NOW)).toThrow(RangeError)
    expect(() => windowOf('2026-01-01', '2026-01-29', NOW)).not.toThrow()
  })

  it('splits at gaps, so days already cached are not asked again', () => {
    const windows = splitIntoWindows(['2026-03-01', '2026-03-02', '2026-03-05', '2026-03-04'], NOW)
    expect(windows.map((w) => [w.firstDay, w.lastDay])).toEqual([
      ['2026-03-01', '2026-03-02'],
      ['2026-03-04', '2026-03-05'],
    ])
  })

  it('limits a range to the last 180 China days, in any time zone', () => {
    const days = daysOfRange(NOW - 10 * DAY_S * 1000, NOW + 10 * DAY_S * 1000, NOW)
    expect(days[0]).toBe(addDays(corpToday(NOW), -10))
    expect(days.at(-1)).toBe(corpToday(NOW))
  })
})

describe('the refresh plan', () => {
  const days = ['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']
  const endOf = (day: string) => corpDayStart(addDays(day, 1))

  it('opening fetches only days never fetched', () => {
    const fetched = new Map([
      ['2026-03-07', endOf('2026-03-07') + SETTLE_MS],
      ['2026-03-08', endOf('2026-03-08') + SETTLE_MS],
    ])
    expect(daysToFetch(days, fetched)).toEqual(['2026-03-09', '2026-03-10'])
    expect(daysToFetch(days, new Map(days.map((day) => [day, NOW])))).toEqual([])
  })

  it('a refresh fetches the days that could still change when fetched, not the settled ones', () => {
    const fetched = new Map([
      ['2026-03-07', endOf('2026-03-07') + SETTLE_MS], // fetched after it settled: final
      ['2026-03-08', endOf('2026-03-08') + SETTLE_MS - 1], // one ms too early: may have changed
      ['2026-03-09', endOf('2026-03-09') - 60_000], // fetched during the day
      ['2026-03-10', NOW], // today
    ])
    expect(isDayFinal('2026-03-07', fetched.get('2026-03-07')!)).toBe(true)
    expect(daysToFetch(days, fetched, { refresh: true })).toEqual(['2026-03-08', '2026-03-09', '2026-03-10'])
    expect(daysToFetch(days, fetched, { all: true })).toEqual(days)
  })
})
