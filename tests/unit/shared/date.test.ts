import { afterEach, describe, expect, it } from 'vitest'
import {
  addDays,
  corpDay,
  corpDayRange,
  corpDayStart,
  corpToday,
  daySpans,
  daysBetween,
  daysInMonth,
  eachDay,
  formatLocal,
  isDay,
  lastNDays,
  lastNLocalDaysRange,
  localDay,
  localDayRange,
  localDaysRange,
  localToday,
  monthStart,
  weekStart,
} from '../../../shared/date'

/**
 * The suite also runs whole under `TZ=America/New_York` and `TZ=Asia/Shanghai` (`npm run test:unit:tz`);
 * these tests pin zones themselves so that the daylight-saving days are checked in every run.
 * Node applies a new `process.env.TZ` at once; the first test proves it did.
 */
const processZone = process.env['TZ']
function inZone<T>(zone: string, run: () => T): T {
  process.env['TZ'] = zone
  try {
    return run()
  } finally {
    if (processZone === undefined) delete process.env['TZ']
    else process.env['TZ'] = processZone
  }
}
afterEach(() => {
  expect(process.env['TZ']).toBe(processZone)
})

const HOUR = 3600_000
/** A wall-clock time in New York, written with its offset. */
const newYork = (iso: string) => Date.parse(iso)

describe('switching zones in this process', () => {
  it('takes effect at once (otherwise the zone-pinned tests below would prove nothing)', () => {
    expect(inZone('America/New_York', () => new Date(2024, 6, 1).getTimezoneOffset())).toBe(240)
    expect(inZone('Asia/Shanghai', () => new Date(2024, 6, 1).getTimezoneOffset())).toBe(-480)
  })
})

describe('local days on daylight-saving days (America/New_York)', () => {
  it('2024-03-10 (clocks go forward) lasts 23 hours and ends that same day', () => {
    inZone('America/New_York', () => {
      const [start, end] = localDayRange('2024-03-10')
      expect(start).toBe(newYork('2024-03-10T00:00:00-05:00'))
      expect(end).toBe(newYork('2024-03-10T23:59:59.999-04:00'))
      expect(end + 1 - start).toBe(23 * HOUR)
      expect(localDay(end)).toBe('2024-03-10')
      expect(localDay(end + 1)).toBe('2024-03-11')
    })
  })

  it('2024-11-03 (clocks go back) lasts 25 hours and ends at 23:59:59.999 local', () => {
    inZone('America/New_York', () => {
      const [start, end] = localDayRange(new Date(2024, 10, 3, 15, 30))
      expect(start).toBe(newYork('2024-11-03T00:00:00-04:00'))
      expect(end).toBe(newYork('2024-11-03T23:59:59.999-05:00'))
      expect(end + 1 - start).toBe(25 * HOUR)
      const last = new Date(end)
      expect([last.getHours(), last.getMinutes(), last.getSeconds(), last.getMilliseconds()]).toEqual([23, 59, 59, 999])
    })
  })

  it('a picked range covers both days completely, across a change', () => {
    inZone('America/New_York', () => {
      const [from, to] = localDaysRange(new Date(2024, 10, 1, 9), new Date(2024, 10, 3))
      expect(from).toBe(newYork('2024-11-01T00:00:00-04:00'))
      expect(to).toBe(newYork('2024-11-03T23:59:59.999-05:00'))
      expect(localDaysRange('2024-03-09', '2024-03-10')[1]).toBe(newYork('2024-03-10T23:59:59.999-04:00'))
    })
  })

  it('"the last 30 days" starts at local midnight 29 calendar days back, across a change', () => {
    inZone('America/New_York', () => {
      const now = newYork('2024-11-20T10:00:00-05:00')
      const [from, to] = lastNLocalDaysRange(30, now)
      expect(from).toBe(newYork('2024-10-22T00:00:00-04:00'))
      expect(to).toBe(newYork('2024-11-20T23:59:59.999-05:00'))
      expect(localToday(now)).toBe('2024-11-20')
    })
  })
})

describe('local days elsewhere', () => {
  it('in Shanghai a local day is a corp day', () => {
    inZone('Asia/Shanghai', () => {
      expect(localDayRange('2024-11-03')).toEqual(corpDayRange('2024-11-03'))
      expect(localDay(Date.parse('2024-11-02T16:00:00Z'))).toBe('2024-11-03')
    })
  })

  it('formats an instant in local time', () => {
    const at = Date.parse('2024-05-01T06:03:27Z')
    expect(inZone('Asia/Shanghai', () => formatLocal(at, 'YYYY-MM-DD HH:mm:ss'))).toBe('2024-05-01 14:03:27')
    expect(inZone('America/New_York', () => formatLocal(at, 'YYYY-MM-DD HH:mm'))).toBe('2024-05-01 02:03')
  })
})

describe('corp days (China time) are the same in every zone', () => {
  const zones = ['America/New_York', 'Asia/Shanghai', 'UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']

  it.each(zones)('in %s', (zone) => {
    inZone(zone, () => {
      expect(corpDay(Date.parse('2024-11-02T15:59:59.999Z'))).toBe('2024-11-02')
      expect(corpDay(Date.parse('2024-11-02T16:00:00Z'))).toBe('2024-11-03')
      // 2025-01-31 20:00 UTC is already February in China.
      expect(corpToday(Date.parse('2025-01-31T20:00:00Z'))).toBe('2025-02-01')
      expect(corpDayStart('2024-03-10')).toBe(Date.parse('2024-03-10T00:00:00+08:00'))
      expect(corpDayRange('2024-11-03')).toEqual([
        Date.parse('2024-11-03T00:00:00+08:00'),
        Date.parse('2024-11-03T23:59:59.999+08:00'),
      ])
    })
  })
})

describe('calendar arithmetic on days', () => {
  it('checks the YYYY-MM-DD form and the calendar', () => {
    expect(isDay('2024-02-29')).toBe(true)
    expect(isDay('2023-02-29')).toBe(false)
    expect(isDay('2024-2-1')).toBe(false)
    expect(isDay(20240201)).toBe(false)
    expect(() => addDays('2024-13-01', 1)).toThrow(RangeError)
  })

  it('adds and counts calendar days, whatever the zone', () => {
    for (const zone of ['America/New_York', 'Asia/Shanghai']) {
      inZone(zone, () => {
        expect(addDays('2024-03-09', 1)).toBe('2024-03-10')
        expect(addDays('2024-03-10', 1)).toBe('2024-03-11')
        expect(addDays('2024-11-03', -1)).toBe('2024-11-02')
        expect(addDays('2024-12-31', 1)).toBe('2025-01-01')
        expect(daysBetween('2024-03-01', '2024-03-31')).toBe(30)
        expect(daysBetween('2024-11-04', '2024-11-01')).toBe(-3)
        expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366)
      })
    }
  })

  it('lists days: 180 corp days up to yesterday, spans of at most 30 days', () => {
    const today = '2026-12-05'
    const days = lastNDays(180, addDays(today, -1))
    expect(days).toHaveLength(180)
    expect(days[0]).toBe('2026-06-08')
    expect(days.at(-1)).toBe('2026-12-04')
    expect(eachDay('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01'])
    expect(eachDay('2024-03-02', '2024-03-01')).toEqual([])
    expect(daySpans('2024-01-01', '2024-03-05', 30)).toEqual([
      ['2024-01-01', '2024-01-30'],
      ['2024-01-31', '2024-02-29'],
      ['2024-03-01', '2024-03-05'],
    ])
    expect(daySpans('2024-01-01', '2024-01-01', 30)).toEqual([['2024-01-01', '2024-01-01']])
  })

  it('finds the week (Monday first) and the month of a day', () => {
    expect(weekStart('2025-06-08')).toBe('2025-06-02') // a Sunday
    expect(weekStart('2025-06-02')).toBe('2025-06-02') // a Monday
    expect(monthStart('2024-02-29')).toBe('2024-02-01')
    expect(daysInMonth('2024-02-10')).toBe(29)
    expect(daysInMonth('2025-02-10')).toBe(28)
    expect(daysInMonth('2025-06-30')).toBe(30)
  })
})
