import type { DataFacts, Kpi } from '@shared/statistics'
import { ElMessage } from 'element-plus'
import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { api, unwrap } from '../../api'
import type { ExportFormat } from '../../components/ExportMenu.vue'
import type { ChartSeries } from '../../components/charts/types'
import { showApiError } from '../../composables/useApiError'
import { plain, useStatisticsStore } from '../../stores/statistics'
import { downloadBase64 } from '../massMessages/history/download'
import { shortDay } from './useStatFormat'

/**
 * What a dashboard's figures stand on, in words: the previous period it compares with (or why it
 * cannot), the days in range not settled yet; and its export of what is on screen.
 */
export function useDashboardFacts(facts: Ref<DataFacts | undefined>) {
  const { t } = useI18n()
  const store = useStatisticsStore()

  /** The previous period lies wholly in the cache: the cards show a change. */
  const compare = computed(() => facts.value !== undefined && facts.value.previousMissingDays === 0)
  const compareText = computed(() => {
    if (!facts.value) return ''
    if (!compare.value) return t('statistics.range.noCompare')
    return t('statistics.range.compareWith', { from: facts.value.previousRange.from, to: facts.value.previousRange.to })
  })
  const provisionalText = computed(() =>
    facts.value?.provisionalDays.length
      ? t('statistics.cache.provisional', {
          days: facts.value.provisionalDays.map(shortDay).join(t('statistics.cache.daySeparator')),
        })
      : '',
  )
  /** The trend's first column heading: 日期, or 周（起始日） for weekly points. */
  const labelHeading = computed(() =>
    facts.value?.grain === 'week' ? t('statistics.chart.week') : t('statistics.chart.day'),
  )

  /** Indexes of the trend points that hold a day WeCom has not settled (a week holds one when any of its days does). */
  function provisionalPoints(labels: string[]): Set<number> {
    const days = facts.value?.provisionalDays ?? []
    const points = new Set<number>()
    labels.forEach((label, index) => {
      const next = labels[index + 1]
      if (days.some((day) => day >= label && (next === undefined || day < next))) points.add(index)
    })
    return points
  }

  /**
   * A trend line split where WeCom has not settled the figures yet: the settled days solid, the
   * provisional ones dotted in the warning colour (joined to the last settled point), so an early
   * morning's zeros never pass for data.
   */
  function splitProvisional(labels: string[], series: ChartSeries): ChartSeries[] {
    const points = provisionalPoints(labels)
    if (points.size === 0) return [series]
    const first = Math.min(...points)
    return [
      { ...series, values: series.values.map((value, index) => (points.has(index) ? null : value)) },
      {
        name: t('statistics.chart.provisional'),
        provisional: true,
        values: series.values.map((value, index) => (points.has(index) || index === first - 1 ? value : null)),
      },
    ]
  }

  /** Which format is being exported. */
  const exporting = ref<ExportFormat>()
  async function exportAs(dashboard: 'contact' | 'group', format: ExportFormat): Promise<void> {
    exporting.value = format
    try {
      const input =
        dashboard === 'contact'
          ? { dashboard, range: { ...store.range }, scope: plain(store.contactScope), format }
          : { dashboard, range: { ...store.range }, scope: plain(store.groupScope), format }
      const file = await unwrap(api().statistics.export(input))
      downloadBase64(file.filename, file.contentType, file.dataBase64)
      ElMessage.success(t('statistics.export.done', { filename: file.filename }))
    } catch (failure) {
      showApiError(failure, t('statistics.export.failed'))
    } finally {
      exporting.value = undefined
    }
  }

  return {
    compare,
    compareText,
    provisionalText,
    labelHeading,
    provisionalPoints,
    splitProvisional,
    exporting,
    exportAs,
  }
}

/** A KPI with nothing in it, while the first answer is on its way. */
export const EMPTY_KPI: Kpi = { value: null, previous: null, change: null, changePercent: null }

/** A dashboard's trend points (contact or group figures per day or week). */
interface Trend<M extends string> {
  trend: ReadonlyArray<{ day: string; figures: Record<M, number | null> }>
  previousTrend: ReadonlyArray<{ day: string; figures: Record<M, number | null> }>
}

/**
 * The trend chart of the picked metric: its labels, the table's series (this period, and the
 * previous one when it can be compared), the chart's lines (split where days are not settled) and
 * the table rows to mark as not settled.
 */
export function useTrend<M extends string>(
  facts: ReturnType<typeof useDashboardFacts>,
  data: Ref<Trend<M> | undefined>,
  metric: Ref<M>,
) {
  const { t } = useI18n()
  const labels = computed(() => data.value?.trend.map((point) => point.day) ?? [])
  /** This period and the previous one, as the table lists them. */
  const table = computed<ChartSeries[]>(() => {
    if (!data.value) return []
    const current: ChartSeries = {
      name: t('statistics.chart.current'),
      values: data.value.trend.map((point) => point.figures[metric.value]),
    }
    if (!facts.compare.value) return [current]
    return [
      current,
      {
        name: t('statistics.chart.previous'),
        values: data.value.previousTrend.map((point) => point.figures[metric.value]),
        labels: data.value.previousTrend.map((point) => point.day),
        faint: true,
      },
    ]
  })
  /** The chart's lines: this period split where WeCom has not settled the days yet. */
  const series = computed<ChartSeries[]>(() => {
    const [current, ...rest] = table.value
    return current ? [...facts.splitProvisional(labels.value, current), ...rest] : []
  })
  const provisional = computed(() => facts.provisionalPoints(labels.value))
  return { labels, table, series, provisional }
}
