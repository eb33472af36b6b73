import { describe, expect, it } from 'vitest'
import { capPeriod } from '../../../../electron/core/services/massMessages/sending/receive-cap'

const china = (iso: string) => Date.parse(`${iso}+08:00`)

describe('receive-cap periods (China time)', () => {
  const sundayNight = china('2025-06-08T23:30:00')

  it('counts one natural day for daily-1', () => {
    expect(capPeriod('daily-1', sundayNight)).toEqual({
      from: china('2025-06-08T00:00:00'),
      to: china('2025-06-09T00:00:00'),
      cap: 1,
    })
  })

  it('counts a Monday-to-Sunday week for weekly-7', () => {
    expect(capPeriod('weekly-7', sundayNight)).toEqual({
      from: china('2025-06-02T00:00:00'),
      to: china('2025-06-09T00:00:00'),
      cap: 7,
    })
  })

  it('allows as many as the month has days for days-in-month', () => {
    expect(capPeriod('days-in-month', sundayNight)).toMatchObject({ from: china('2025-06-01T00:00:00'), cap: 30 })
    expect(capPeriod('days-in-month', china('2024-02-29T23:59:00'))).toEqual({
      from: china('2024-02-01T00:00:00'),
      to: china('2024-03-01T00:00:00'),
      cap: 29,
    })
    // 2025-01-31 20:00 UTC is already February in China.
    expect(capPeriod('days-in-month', Date.parse('2025-01-31T20:00:00Z'))).toMatchObject({ cap: 28 })
  })
})
