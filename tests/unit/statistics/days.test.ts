import { describe, expect, it } from 'vitest'
import {
  fillableDays,
  isFinal,
  planWindows,
  planWindowsWhere,
  settledAt,
} from '../../../electron/core/services/statistics/days'
import {
  corpDay,
  corpDayNumber,
  corpDayNumberStart,
  corpDayStart,
  dayFromNumber,
  dayToNumber,
} from '../../../shared/date'
import { availableDays, clampRange, presetRange, previousPeriod, trendGrain } from '../../../shared/statistics'

const at = (iso: string) => Date.parse(iso)
const n = dayToNumber

describe('corp days, whatever the computer’s zone', () => {
  it('the fillable days end yesterday in China, also when it is still the day before in New York', () => {
    // 00:30 on 5 Dec in China is 11:30 on 4 Dec in New York and 16:30 on 4 Dec UTC.
    const now = at('2026-12-05T00:30:00+08:00')
    const { first, last } = fillableDays(now)
    expect(dayFromNumber(last)).toBe('2026-12-04')
    expect(last - first + 1).toBe(180)
    expect(dayFromNumber(first)).toBe('2026-06-08')
    // 23:59 on 4 Dec China time: yesterday is 3 Dec.
    expect(dayFromNumber(fillableDays(at('2026-12-04T23:59:59+08:00')).last)).toBe('2026-12-03')
  })

  it('the fast day numbers agree with the zone conversion, across New York’s daylight-saving changes', () => {
    const instants = [
      '2026-03-08T01:59:59-05:00',
      '2026-03-08T03:00:00-04:00',
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T01:30:00-05:00',
      '2026-12-04T15:59:59.999Z',
      '2026-12-04T16:00:00.000Z',
      '1999-12-31T23:59:59+08:00',
    ].map(at)
    for (const ms of instants) {
      expect(dayFromNumber(corpDayNumber(ms))).toBe(corpDay(ms))
      expect(corpDayNumberStart(corpDayNumber(ms))).toBe(corpDayStart(corpDay(ms)))
    }
    expect(dayToNumber('1970-01-01')).toBe(0)
    expect(dayFromNumber(dayToNumber('2024-02-29'))).toBe('2024-02-29')
    expect(() => dayToNumber('2024-02-30')).toThrow(RangeError)
  })

  it('settles a day at 08:00 China time the next day', () => {
    expect(settledAt(n('2026-12-04'))).toBe(at('2026-12-05T08:00:00+08:00'))
    // Across New York's daylight-saving change (1 Nov 2026) nothing moves: China has none.
    expect(settledAt(n('2026-11-01'))).toBe(at('2026-11-02T08:00:00+08:00'))
  })

  it('the range picker’s helpers: presets end yesterday, ranges are clamped into the last 180 days', () => {
    const now = at('2026-12-05T07:00:00+08:00')
    expect(availableDays(now)).toEqual({ from: '2026-06-08', to: '2026-12-04' })
    expect(presetRange('yesterday', now)).toEqual({ from: '2026-12-04', to: '2026-12-04' })
    expect(presetRange('last7', now)).toEqual({ from: '2026-11-28', to: '2026-12-04' })
    expect(presetRange('last180', now)).toEqual(availableDays(now))
    expect(clampRange({ from: '2026-11-01', to: '2026-12-05' }, now)).toEqual({
      from: '2026-11-01',
      to: '2026-12-04',
      clamped: true,
    })
    expect(clampRange({ from: '2026-01-01', to: '2026-06-20' }, now)).toEqual({
      from: '2026-06-08',
      to: '2026-06-20',
      clamped: true,
    })
    expect(clampRange({ from: '2026-12-01', to: '2026-11-20' }, now)).toEqual({
      from: '2026-11-20',
      to: '2026-12-01',
      clamped: true,
    })
    expect(clampRange({ from: '2027-01-01', to: '2027-02-01' }, now)).toEqual({
      from: '2026-12-04',
      to: '2026-12-04',
      clamped: true,
    })
    expect(clampRange({ from: '2026-11-01', to: '2026-11-30' }, now).clamped).toBe(false)
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-02', to: '2026-10-31' })
    expect(trendGrain({ from: '2026-10-01', to: '2026-12-01' })).toBe('day')
    expect(trendGrain({ from: '2026-09-01', to: '2026-12-01' })).toBe('week')
  })
})

describe('finality', () => {
  const day = n('2026-12-04')
  it('a day fetched before 08:00 China time the next day is provisional; after, final', () => {
    expect(isFinal(day, at('2026-12-05T07:59:59+08:00'), false, true)).toBe(false)
    expect(isFinal(day, at('2026-12-05T08:00:00+08:00'), false, true)).toBe(true)
  })

  it('all zeros for someone with contacts stays provisional while the day is yesterday or the day before', () => {
    expect(isFinal(day, at('2026-12-05T10:00:00+08:00'), true, true)).toBe(false)
    expect(isFinal(day, at('2026-12-06T10:00:00+08:00'), true, true)).toBe(false)
    // Asked again later and still zeros: taken as true.
    expect(isFinal(day, at('2026-12-07T10:00:00+08:00'), true, true)).toBe(true)
    // Zeros from someone with no contacts are just zeros.
    expect(isFinal(day, at('2026-12-05T10:00:00+08:00'), true, false)).toBe(true)
  })
})

describe('the incremental plan', () => {
  const first = n('2026-06-08')
  const last = n('2026-12-04')

  it('a first fill: six 30-day windows, oldest first', () => {
    const windows = planWindows(first, last, [])
    expect(windows).toHaveLength(6)
    expect(windows.map((w) => w.last - w.first + 1)).toEqual([30, 30, 30, 30, 30, 30])
    expect(windows[0]!.first).toBe(first)
    expect(windows.at(-1)!.last).toBe(last)
  })

  it('fetches runs of non-final days only, each ≤ 30 days', () => {
    const finals = Array.from({ length: 178 }, (_, i) => first + i) // all but the last two days
    expect(planWindows(first, last, finals)).toEqual([{ first: last - 1, last }])
    // A provisional day in the middle and the newest day: two windows, the final day between never asked.
    const withHole = Array.from({ length: 180 }, (_, i) => first + i).filter((d) => d !== last - 2 && d !== last)
    expect(planWindows(first, last, withHole)).toEqual([
      { first: last - 2, last: last - 2 },
      { first: last, last },
    ])
    expect(
      planWindows(
        first,
        last,
        Array.from({ length: 180 }, (_, i) => first + i),
      ),
    ).toEqual([])
    // 45 missing days at the start: 30 + 15.
    const tail = Array.from({ length: 135 }, (_, i) => first + 45 + i)
    expect(planWindows(first, last, tail)).toEqual([
      { first, last: first + 29 },
      { first: first + 30, last: first + 44 },
    ])
  })

  it('the same plan from a test, as the planner uses it for a run of cached days', () => {
    // The next day: the window moved by one, the oldest cached day fell out, 2 Dec is provisional and due.
    const due = n('2026-12-02')
    expect(planWindowsWhere(first + 1, last + 1, (day) => day <= last && day !== due)).toEqual([
      { first: due, last: due },
      { first: last + 1, last: last + 1 },
    ])
    expect(planWindowsWhere(first, last, () => false)).toEqual(planWindows(first, last, []))
  })
})
