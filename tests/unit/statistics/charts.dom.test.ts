import type { DataFacts } from '@shared/statistics'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { readChartTheme } from '@/components/charts/echarts'
import { buildStatChartOption } from '@/components/charts/option'
import type { ChartSeries } from '@/components/charts/types'
import { applyLocale, i18n } from '@/i18n'
import ChartPanel from '@/views/statistics/ChartPanel.vue'
import { useDashboardFacts } from '@/views/statistics/useDashboardFacts'

afterEach(() => {
  document.body.innerHTML = ''
  applyLocale('zh-CN')
})

const facts = (provisionalDays: string[]): DataFacts => ({
  range: { from: '2026-12-01', to: '2026-12-04' },
  previousRange: { from: '2026-11-27', to: '2026-11-30' },
  clamped: false,
  grain: 'day',
  provisionalDays,
  missingDays: [],
  previousMissingDays: 0,
})

/** useDashboardFacts inside a component, as the dashboards use it. */
function withFacts(value: DataFacts) {
  let api: ReturnType<typeof useDashboardFacts> | undefined
  const Host = defineComponent({
    setup() {
      api = useDashboardFacts(ref(value))
      return () => h('div')
    },
  })
  mount(Host, { global: { plugins: [i18n, createPinia()] } })
  return api!
}

describe('days WeCom has not settled are drawn apart', () => {
  it('splits the line at the provisional days, joined to the last settled point', () => {
    const split = withFacts(facts(['2026-12-04'])).splitProvisional(
      ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'],
      {
        name: '本期',
        values: [5, 7, 6, 0],
      },
    )
    expect(split).toEqual([
      { name: '本期', values: [5, 7, 6, null] },
      { name: '待结算', provisional: true, values: [null, null, 6, 0] },
    ])
    // Weekly points: the week holding the day is provisional.
    const weekly = withFacts(facts(['2026-12-04']))
    expect([...weekly.provisionalPoints(['2026-11-16', '2026-11-23', '2026-11-30'])]).toEqual([2])
    expect(withFacts(facts([])).splitProvisional(['2026-12-01'], { name: '本期', values: [1] })).toEqual([
      { name: '本期', values: [1] },
    ])
  })

  it('the chart draws them dotted in the warning colour, and the tooltip lists a figure once', () => {
    const theme = readChartTheme()
    const series: ChartSeries[] = [
      { name: '<b>本期</b>', values: [5, 7, 6, null] },
      { name: '待结算', provisional: true, values: [null, null, 6, 0] },
      { name: '上一周期', faint: true, values: [4, 4, 4, 4], labels: ['11-27', '11-28', '11-29', '11-30'] },
    ]
    const option = buildStatChartOption({
      kind: 'line',
      labels: ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'],
      series,
      format: (v) => String(v),
      theme,
    })
    const lines = option.series as Array<{ lineStyle: { type?: string; color: string } }>
    expect(lines[1]!.lineStyle).toMatchObject({ type: 'dotted', color: theme.warning })
    expect(lines[2]!.lineStyle).toMatchObject({ type: 'dashed', color: theme.muted })
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    const joined = formatter([
      { dataIndex: 2, seriesIndex: 0, value: 6 },
      { dataIndex: 2, seriesIndex: 1, value: 6 },
      { dataIndex: 2, seriesIndex: 2, value: 4 },
    ])
    expect(joined).toContain('&lt;b&gt;本期&lt;/b&gt;')
    expect(joined).not.toContain('待结算')
    expect(joined).toContain('11-29')
    const last = formatter([
      { dataIndex: 3, seriesIndex: 0, value: null },
      { dataIndex: 3, seriesIndex: 1, value: 0 },
    ])
    expect(last).toContain('待结算')
  })
})

describe('every chart has its numbers as a table', () => {
  it('图表 / 表格 switches to a table of the same figures, marking the days not final yet', async () => {
    const w = mount(ChartPanel, {
      props: {
        title: '趋势：新增客户数',
        labels: ['2026-12-03', '2026-12-04'],
        series: [],
        tableSeries: [
          { name: '本期', values: [1200, 0] },
          { name: '上一周期', values: [1100, null], faint: true },
        ],
        provisionalRows: new Set([1]),
        text: (v: number | null) => (v === null ? '—' : v.toLocaleString('en')),
        format: (v: number) => String(v),
        labelHeading: '日期',
        testid: 'stats-trend',
      },
      global: { plugins: [i18n, ElementPlus], stubs: { StatChart: true } },
      attachTo: document.body,
    })
    expect(w.find('[data-testid="stats-trend-table"]').exists()).toBe(false)
    await w.get('[data-testid="stats-trend-view-table"] input').setValue(true)
    await flushPromises()
    const table = w.get('[data-testid="stats-trend-table"]')
    expect(table.findAll('th').map((th) => th.text())).toEqual(['日期', '本期', '上一周期'])
    const rows = table.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))
    expect(rows).toEqual([
      ['2026-12-03', '1,200', '1,100'],
      ['2026-12-04 待结算', '0', '—'],
    ])
    w.unmount()
  })
})
