import { BarChart, LineChart } from 'echarts/charts'
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

/**
 * The only ECharts parts the console uses, registered once: line and bar charts, a grid, the
 * tooltip, the legend and data zoom, drawn on canvas. Importing from `echarts/core` (not `echarts`)
 * keeps the statistics chunk to what is drawn; nothing outside components/charts imports ECharts.
 */
use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer])

/** Element Plus's colours and text sizes as an ECharts theme, read from the page's CSS variables. */
export interface ChartTheme {
  palette: string[]
  /** Figures not final yet. */
  warning: string
  text: string
  muted: string
  line: string
  background: string
  font: string
}

const FALLBACK: Record<string, string> = {
  '--el-color-primary': '#409eff',
  '--el-color-success': '#67c23a',
  '--el-color-warning': '#e6a23c',
  '--el-color-danger': '#f56c6c',
  '--el-color-info': '#909399',
  '--el-color-primary-light-3': '#79bbff',
  '--el-color-success-light-3': '#95d475',
  '--el-color-warning-light-3': '#eebe77',
  '--el-color-danger-light-3': '#f89898',
  '--el-color-primary-dark-2': '#337ecc',
  '--el-text-color-regular': '#606266',
  '--el-text-color-secondary': '#909399',
  '--el-border-color-lighter': '#ebeef5',
  '--el-bg-color-overlay': '#ffffff',
}

/** A CSS variable of the page, or Element Plus's default when the page has none (tests). */
function cssVar(name: string): string {
  const value = typeof document === 'undefined' ? '' : getComputedStyle(document.documentElement).getPropertyValue(name)
  return value.trim() || FALLBACK[name] || '#909399'
}

/** The theme of the current page; ten distinguishable colours so up to ten members share one chart. */
export function readChartTheme(): ChartTheme {
  const font = typeof document === 'undefined' ? '' : getComputedStyle(document.body).fontFamily
  return {
    palette: [
      cssVar('--el-color-primary'),
      cssVar('--el-color-success'),
      cssVar('--el-color-warning'),
      cssVar('--el-color-danger'),
      cssVar('--el-color-info'),
      cssVar('--el-color-primary-dark-2'),
      cssVar('--el-color-success-light-3'),
      cssVar('--el-color-warning-light-3'),
      cssVar('--el-color-danger-light-3'),
      cssVar('--el-color-primary-light-3'),
    ],
    warning: cssVar('--el-color-warning'),
    text: cssVar('--el-text-color-regular'),
    muted: cssVar('--el-text-color-secondary'),
    line: cssVar('--el-border-color-lighter'),
    background: cssVar('--el-bg-color-overlay'),
    font: font || 'system-ui, sans-serif',
  }
}

/** Text safe to put in the tooltip's HTML (member names come from WeCom). */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )
}
