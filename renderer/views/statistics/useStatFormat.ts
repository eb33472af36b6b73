import { useI18n } from 'vue-i18n'
import { metricChange, metricInfo, type AnyMetric, type Figure, type MetricChange, type MetricInfo } from './metrics'

/** A change against the previous period, as the KPI cards show it: arrow, tone and words. */
export interface ChangeText {
  change?: MetricChange
  text: string
}

/**
 * Figures as the statistics pages write them, through `n()` in the page's language: counts grouped
 * by thousands, shares with one decimal and a per-cent sign, reply times in minutes (hours and
 * minutes past an hour), and the change against the previous period in words a marketer reads.
 */
export function useStatFormat() {
  const { t, n } = useI18n()

  const integer = (value: number) => n(Math.round(value), 'integer')
  const decimal = (value: number) => n(value, { key: 'integer', maximumFractionDigits: 1, minimumFractionDigits: 0 })

  /** "12.5%". */
  const percent = (value: number) => t('statistics.units.percent', { value: decimal(value) })

  /** "不到 1 分钟", "8.5 分钟", "2 小时 5 分钟". */
  function minutes(value: number): string {
    const safe = Math.max(0, value)
    if (safe < 1 && safe > 0) return t('statistics.units.underMinute')
    if (safe < 60) return t('statistics.units.minutes', { value: decimal(safe < 10 ? safe : Math.round(safe)) })
    const whole = Math.round(safe)
    return t('statistics.units.hours', { h: integer(Math.floor(whole / 60)), m: integer(whole % 60) })
  }

  /** One figure of a metric, or "—" when there is none (no chats that day: no reply rate). */
  function figure(metric: AnyMetric | MetricInfo, value: Figure | undefined): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—'
    const info = typeof metric === 'string' ? metricInfo(metric) : metric
    if (info.unit === 'percent') return percent(value)
    if (info.unit === 'minutes') return minutes(value)
    return integer(value)
  }

  /** The axis formatter of a metric's chart (short: no words, one decimal at most). */
  function axis(metric: AnyMetric): (value: number) => string {
    const info = metricInfo(metric)
    if (info.unit === 'percent') return (value) => `${decimal(value)}%`
    if (info.unit === 'minutes') return (value) => decimal(value)
    return (value) => integer(value)
  }

  /** A signed whole number: "+30", "−12" (a real minus sign). */
  const signed = (value: number) => (value > 0 ? `+${integer(value)}` : value < 0 ? `−${integer(-value)}` : '0')

  /** The change from the previous period in words, for a KPI card and its screen-reader label. */
  function change(metric: AnyMetric, current: Figure | undefined, previous: Figure | undefined): ChangeText {
    const info = metricInfo(metric)
    const found = metricChange(info, current ?? null, previous ?? null)
    if (!found) return { text: t('statistics.change.none') }
    if (found.direction === 'flat') return { change: found, text: t('statistics.change.flat') }
    const size = Math.abs(found.delta)
    if (info.unit === 'percent') {
      const delta = t('statistics.units.points', { value: decimal(size) })
      return {
        change: found,
        text: t(found.direction === 'up' ? 'statistics.change.pointsUp' : 'statistics.change.pointsDown', { delta }),
      }
    }
    if (info.unit === 'minutes') {
      // A change under a minute reads in tenths ("0.4 分钟"), not "不到 1 分钟".
      const delta = size < 1 ? t('statistics.units.minutes', { value: decimal(size) }) : minutes(size)
      return {
        change: found,
        text: t(found.direction === 'down' ? 'statistics.change.faster' : 'statistics.change.slower', { delta }),
      }
    }
    const delta = integer(size)
    if (found.relative === undefined) return { change: found, text: t('statistics.change.upFromZero', { delta }) }
    const share = `${decimal(Math.abs(found.relative))}%`
    return {
      change: found,
      text: t(found.direction === 'up' ? 'statistics.change.up' : 'statistics.change.down', { delta, percent: share }),
    }
  }

  /** A metric's name in the page's language. */
  const label = (metric: AnyMetric) => t(`statistics.metrics.${metricInfo(metric).family}.${metric}`)

  /** A metric's one-line explanation. */
  const help = (metric: AnyMetric) => t(`statistics.metrics.${metricInfo(metric).family}Help.${metric}`)

  return { integer, decimal, percent, minutes, figure, axis, signed, change, label, help }
}

/** `2026-12-04` → `12-04` for chart axes. */
export const shortDay = (day: string) => day.slice(5)
