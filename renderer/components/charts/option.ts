import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components'
import { escapeHtml, type ChartTheme } from './echarts'
import type { ChartFormat, ChartSeries } from './types'

/** The option type of the parts registered in ./echarts. */
export type StatChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
>

export interface StatChartInput {
  kind: 'line' | 'bar'
  labels: string[]
  series: ChartSeries[]
  format: ChartFormat
  theme: ChartTheme
  /** Short axis labels (MM-DD) for the full labels (YYYY-MM-DD). */
  axisLabel?: (label: string) => string
  /** Bars run sideways with the labels down the side (rankings, member comparison by name). */
  horizontal?: boolean
  /** A zoom slider under the chart (long ranges). */
  zoom?: boolean
}

/** One tooltip line: a colour dot, the series, its label when it has its own, and the figure. */
function tooltipLine(
  color: string,
  series: ChartSeries,
  index: number,
  value: number | null,
  format: ChartFormat,
): string {
  const own = series.labels?.[index]
  const name = escapeHtml(series.name) + (own ? ` <span style="opacity:.7">${escapeHtml(own)}</span>` : '')
  const figure = value === null || value === undefined ? '—' : escapeHtml(format(value))
  return `<div style="display:flex;gap:12px;justify-content:space-between"><span><span style="display:inline-block;width:8px;height:8px;border-radius:50%;background:${color};margin-right:6px"></span>${name}</span><b>${figure}</b></div>`
}

/** The ECharts option of a statistics chart, themed with Element Plus's colours. */
export function buildStatChartOption(input: StatChartInput): StatChartOption {
  const { theme, format, labels } = input
  const short = input.axisLabel ?? ((label: string) => label)
  const category = {
    type: 'category' as const,
    data: labels,
    boundaryGap: input.kind === 'bar',
    axisLabel: { color: theme.muted, formatter: short, hideOverlap: true },
    axisLine: { lineStyle: { color: theme.line } },
    axisTick: { show: false },
  }
  const value = {
    type: 'value' as const,
    axisLabel: { color: theme.muted, formatter: (v: number) => format(v) },
    splitLine: { lineStyle: { color: theme.line } },
    minInterval: 1,
  }
  const palette = theme.palette
  let colorIndex = 0
  const colors = input.series.map((series) =>
    series.faint ? theme.muted : series.provisional ? theme.warning : palette[colorIndex++ % palette.length]!,
  )
  const series = input.series.map((each, index): LineSeriesOption | BarSeriesOption => {
    const color = colors[index]!
    if (input.kind === 'bar')
      return {
        type: 'bar',
        name: each.name,
        data: each.values,
        itemStyle: { color, borderRadius: input.horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
        barMaxWidth: 18,
      }
    return {
      type: 'line',
      name: each.name,
      data: each.values,
      smooth: 0.25,
      // No overshoot below 0 (or above a peak) between points.
      smoothMonotone: 'x',
      showSymbol: labels.length <= 31,
      symbolSize: 5,
      connectNulls: false,
      lineStyle: each.faint
        ? { color, width: 1.5, type: 'dashed', opacity: 0.55 }
        : each.provisional
          ? { color, width: 2, type: 'dotted' }
          : { color, width: 2.5 },
      itemStyle: { color, opacity: each.faint ? 0.55 : 1 },
      areaStyle:
        each.faint || each.provisional || input.series.filter((s) => !s.provisional).length > 2
          ? undefined
          : { color, opacity: 0.08 },
      z: each.faint ? 1 : 2,
    }
  })
  return {
    textStyle: { fontFamily: theme.font, color: theme.text },
    color: colors,
    grid: {
      left: 8,
      right: 16,
      top: input.series.length > 1 ? 36 : 16,
      bottom: input.zoom ? 44 : 8,
      containLabel: true,
    },
    legend: input.series.length > 1 ? { top: 0, textStyle: { color: theme.text }, type: 'scroll' } : { show: false },
    tooltip: {
      trigger: 'axis',
      backgroundColor: theme.background,
      borderColor: theme.line,
      textStyle: { color: theme.text },
      formatter: (params: unknown) => {
        const items = (Array.isArray(params) ? params : [params]) as Array<{
          dataIndex: number
          seriesIndex: number
          value: number | null
        }>
        const index = items[0]?.dataIndex ?? 0
        const title = `<div style="margin-bottom:4px;font-weight:600">${escapeHtml(labels[index] ?? '')}</div>`
        // Where the settled line hands over to the provisional one both carry the same figure: list it once.
        const hasSettled = (item: (typeof items)[number]) => {
          const series = input.series[item.seriesIndex]
          return !series?.faint && !series?.provisional && item.value !== null && item.value !== undefined
        }
        const shown = items.filter((item) => !(input.series[item.seriesIndex]?.provisional && items.some(hasSettled)))
        return (
          title +
          shown
            .map((item) =>
              tooltipLine(colors[item.seriesIndex]!, input.series[item.seriesIndex]!, index, item.value, format),
            )
            .join('')
        )
      },
    },
    xAxis: input.horizontal ? value : category,
    yAxis: input.horizontal ? { ...category, inverse: true, axisLabel: { color: theme.text } } : value,
    dataZoom: input.zoom
      ? [
          { type: 'inside', xAxisIndex: 0 },
          { type: 'slider', xAxisIndex: 0, height: 18, bottom: 8, labelFormatter: (_: number, v: string) => short(v) },
        ]
      : [],
    series,
    animationDuration: 300,
  }
}
