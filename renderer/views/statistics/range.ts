import { daysBetween, isDay, type Day } from '@shared/date'
import {
  availableDays,
  presetRange,
  previousPeriod,
  RANGE_PRESETS,
  rangeDays,
  type RangePreset,
  type StatsRange,
} from '@shared/statistics'

export { presetRange, previousPeriod, RANGE_PRESETS, rangeDays, type RangePreset, type StatsRange }

/** A preset, or any range picked inside the last 180 days. */
export type RangeChoice = RangePreset | 'custom'

/** The preset a range is at `now`, or `custom`. */
export function presetOf(range: StatsRange, now: number = Date.now()): RangeChoice {
  return (
    RANGE_PRESETS.find((preset) => {
      const candidate = presetRange(preset, now)
      return candidate.from === range.from && candidate.to === range.to
    }) ?? 'custom'
  )
}

/** What was changed in a picked range: a start too early, an end on today or later, ends reversed. */
export type RangeCorrection = 'tooEarly' | 'tooLate' | 'reversed'

/**
 * A picked range moved inside the days WeCom answers for (180 days ending yesterday, China time), so
 * WeCom never refuses it: reversed ends are swapped, a start before the oldest day is moved up, an end
 * on today or later is moved back to yesterday. `corrections` lists what changed, for the note under
 * the picker (empty when nothing did). A range wholly outside becomes the nearest day.
 */
export function correctRange(
  picked: StatsRange,
  now: number = Date.now(),
): { range: StatsRange; corrections: RangeCorrection[] } {
  const available = availableDays(now)
  const corrections: RangeCorrection[] = []
  let from = isDay(picked.from) ? picked.from : available.to
  let to = isDay(picked.to) ? picked.to : available.to
  if (daysBetween(from, to) < 0) {
    ;[from, to] = [to, from]
    corrections.push('reversed')
  }
  if (daysBetween(available.from, from) < 0) {
    from = available.from
    corrections.push('tooEarly')
  }
  if (daysBetween(to, available.to) < 0) {
    to = available.to
    corrections.push('tooLate')
  }
  if (daysBetween(from, available.to) < 0) from = available.to
  if (daysBetween(available.from, to) < 0) to = available.from
  return { range: { from, to }, corrections }
}

/** True for a day the date picker greys out: before the oldest day WeCom keeps, or today and later. */
export function isUnavailableDay(day: Day, now: number = Date.now()): boolean {
  const available = availableDays(now)
  return daysBetween(available.from, day) < 0 || daysBetween(day, available.to) < 0
}
