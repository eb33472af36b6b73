import {
  CONTACT_METRICS,
  CONTACT_RATIO_METRICS,
  GROUP_METRICS,
  GROUP_SNAPSHOT_METRICS,
  LOWER_IS_BETTER,
  type ContactMetric,
  type GroupMetric,
} from '@shared/statistics'

export { CONTACT_METRICS, GROUP_METRICS, type ContactMetric, type GroupMetric }

/** Any metric of either dashboard. */
export type AnyMetric = ContactMetric | GroupMetric

/**
 * How a metric reads: a count, a share in per cent (WeCom's reply_percentage, already a
 * percentage), or a time in minutes (avg_reply_time). `better` says which way is good news, so a
 * change is coloured and worded for a marketer.
 */
export type MetricUnit = 'count' | 'percent' | 'minutes'

export interface MetricInfo {
  key: AnyMetric
  unit: MetricUnit
  better: 'up' | 'down'
  /** A day snapshot (total groups / members): a range's figure is its last day's. */
  snapshot: boolean
  /** Which dashboard's text names it. */
  family: 'contact' | 'group'
}

const GROUP_KEYS: readonly string[] = GROUP_METRICS

/** The facts of a metric, from the shared metric lists. */
export function metricInfo(key: AnyMetric): MetricInfo {
  const family = GROUP_KEYS.includes(key) ? 'group' : 'contact'
  const unit: MetricUnit = key === 'reply_percentage' ? 'percent' : key === 'avg_reply_time' ? 'minutes' : 'count'
  return {
    key,
    unit,
    better: LOWER_IS_BETTER.has(key) ? 'down' : 'up',
    snapshot: (GROUP_SNAPSHOT_METRICS as readonly string[]).includes(key),
    family,
  }
}

/** True for reply rate and reply time: averages, never summed over members. */
export const isRatio = (key: AnyMetric) => (CONTACT_RATIO_METRICS as readonly string[]).includes(key)

/** A value that may be missing: WeCom gives no reply rate or reply time for a day without chats. */
export type Figure = number | null

/**
 * How a figure moved against the previous period. `delta` is in the metric's unit (customers,
 * percentage points, minutes); `relative` is the change in per cent of the previous figure, for
 * counts only, undefined when the previous figure was 0. `tone` is good, bad or no news.
 */
export interface MetricChange {
  direction: 'up' | 'down' | 'flat'
  delta: number
  relative?: number
  tone: 'good' | 'bad' | 'flat'
}

/** Smaller than this (in the metric's unit) reads as no change: the rounding of a shown figure. */
const FLAT = 0.05

/** The change from `previous` to `current`, undefined when either is missing (nothing to compare). */
export function metricChange(metric: MetricInfo, current: Figure, previous: Figure): MetricChange | undefined {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return undefined
  const delta = current - previous
  const direction = Math.abs(delta) < FLAT ? 'flat' : delta > 0 ? 'up' : 'down'
  const tone = direction === 'flat' ? 'flat' : direction === metric.better ? 'good' : 'bad'
  const relative = metric.unit === 'count' && previous !== 0 ? (delta / previous) * 100 : undefined
  return { direction, delta, relative, tone }
}

/** Sort direction of a table column, as Element Plus names it. */
export type SortOrder = 'ascending' | 'descending'

/**
 * Rows sorted by one column, rows without a figure last whichever the direction, ties in name
 * order so the table does not shuffle; text compares in the user's language.
 */
export function sortRows<R>(
  rows: readonly R[],
  value: (row: R) => number | string | null | undefined,
  order: SortOrder,
  name: (row: R) => string,
  locale = 'zh-CN',
): R[] {
  const sign = order === 'ascending' ? 1 : -1
  const collator = new Intl.Collator(locale)
  const keyed = rows.map((row) => ({ row, key: value(row), name: name(row) }))
  keyed.sort((a, b) => {
    const aMissing = a.key === null || a.key === undefined
    const bMissing = b.key === null || b.key === undefined
    if (aMissing || bMissing) return aMissing && bMissing ? collator.compare(a.name, b.name) : aMissing ? 1 : -1
    const diff =
      typeof a.key === 'number' && typeof b.key === 'number'
        ? a.key - b.key
        : collator.compare(String(a.key), String(b.key))
    return diff !== 0 ? sign * diff : collator.compare(a.name, b.name)
  })
  return keyed.map((entry) => entry.row)
}
