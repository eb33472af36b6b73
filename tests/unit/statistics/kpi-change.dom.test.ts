import type { Kpi } from '@shared/statistics'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import { applyLocale, i18n } from '@/i18n'
import KpiCard from '@/views/statistics/KpiCard.vue'
import type { AnyMetric } from '@/views/statistics/metrics'

afterEach(() => applyLocale('zh-CN'))

const kpi = (value: number | null, previous: number | null): Kpi => ({
  value,
  previous,
  change: value !== null && previous !== null ? value - previous : null,
  changePercent: value !== null && previous ? ((value - previous) / previous) * 100 : null,
})

/** The card's figure, its change line and the change's tone (good / bad / flat). */
function card(metric: AnyMetric, figures: Kpi, compare = true) {
  const w = mount(KpiCard, { props: { metric, kpi: figures, compare }, global: { plugins: [i18n, ElementPlus] } })
  const change = w.find('[data-testid="kpi-change"]')
  const read = {
    label: w.get('.kpi__label').text(),
    value: w.get('[data-testid="kpi-value"]').text(),
    change: change.exists() ? change.text() : undefined,
    tone: change.exists() ? change.attributes('data-tone') : undefined,
    arrow: w.find('.kpi__arrow svg').exists(),
    previous: w.find('.kpi__previous').exists() ? w.get('.kpi__previous').text() : undefined,
  }
  w.unmount()
  return read
}

describe('KPI cards: the change against the previous period, in words a marketer reads', () => {
  it('counts: up or down by how many and by what share, green when it is good news', () => {
    expect(card('new_contact_cnt', kpi(1530, 1360))).toEqual({
      label: '新增客户数',
      value: '1,530',
      change: '较上一周期增加 170（12.5%）',
      tone: 'good',
      arrow: true,
      previous: '上一周期：1,360',
    })
    expect(card('message_cnt', kpi(900, 1200))).toMatchObject({
      change: '较上一周期减少 300（25%）',
      tone: 'bad',
    })
    // Fewer customers deleting the member is good news.
    expect(card('negative_feedback_cnt', kpi(3, 6))).toMatchObject({ change: '较上一周期减少 3（50%）', tone: 'good' })
    expect(card('new_apply_cnt', kpi(12, 0))).toMatchObject({
      change: '较上一周期增加 12（上一周期为 0）',
      tone: 'good',
    })
    expect(card('chat_cnt', kpi(40, 40))).toMatchObject({ change: '与上一周期持平', tone: 'flat' })
  })

  it('reply rate moves in percentage points; reply time in minutes, faster is good', () => {
    expect(card('reply_percentage', kpi(62.5, 84.75))).toMatchObject({
      value: '62.5%',
      change: '较上一周期降低 22.3 个百分点',
      tone: 'bad',
      previous: '上一周期：84.8%',
    })
    expect(card('avg_reply_time', kpi(4.5, 7))).toMatchObject({
      value: '4.5 分钟',
      change: '较上一周期快了 2.5 分钟',
      tone: 'good',
    })
    // Under a minute of change reads in tenths, not "不到 1 分钟".
    expect(card('avg_reply_time', kpi(23.2, 22.8))).toMatchObject({
      value: '23 分钟',
      change: '较上一周期慢了 0.4 分钟',
      tone: 'bad',
    })
    expect(card('avg_reply_time', kpi(125, 50))).toMatchObject({
      value: '2 小时 5 分钟',
      change: '较上一周期慢了 1 小时 15 分钟',
      tone: 'bad',
    })
  })

  it('says when there is nothing to compare, and shows no change without a previous period', () => {
    expect(card('reply_percentage', kpi(null, 80))).toMatchObject({
      value: '—',
      change: '上一周期没有可对比的数据',
      tone: 'flat',
      arrow: true,
    })
    expect(card('new_contact_cnt', kpi(30, 20), false)).toMatchObject({
      value: '30',
      change: undefined,
      previous: undefined,
    })
  })

  it('a day snapshot read on a day WeCom has not settled says so instead of calling a drop bad news', () => {
    const w = mount(KpiCard, {
      props: { metric: 'chat_total', kpi: kpi(0, 57), compare: true, provisionalDay: '2026-12-04' },
      global: { plugins: [i18n, ElementPlus] },
    })
    expect(w.get('[data-testid="kpi-change"]').attributes('data-tone')).toBe('flat')
    expect(w.get('[data-testid="kpi-unsettled"]').text()).toBe(
      '企业微信还没结算 2026-12-04，这里是最近一个已结算日的数字',
    )
    w.unmount()
    // Counts over the range are not snapshots: their change stands.
    const count = mount(KpiCard, {
      props: { metric: 'msg_total', kpi: kpi(10, 20), compare: true, provisionalDay: '2026-12-04' },
      global: { plugins: [i18n, ElementPlus] },
    })
    expect(count.find('[data-testid="kpi-unsettled"]').exists()).toBe(false)
    expect(count.get('[data-testid="kpi-change"]').attributes('data-tone')).toBe('bad')
    count.unmount()
  })

  it('speaks English', () => {
    applyLocale('en')
    expect(card('new_contact_cnt', kpi(1530, 1360))).toMatchObject({
      label: 'New customers',
      change: 'Up 170 (12.5%) on the previous period',
      previous: 'Previous period: 1,360',
    })
    expect(card('reply_percentage', kpi(62.5, 84.75))).toMatchObject({
      change: 'Down 22.3 points on the previous period',
    })
    expect(card('avg_reply_time', kpi(0.5, 3))).toMatchObject({
      value: 'under 1 min',
      change: '2.5 min faster than the previous period',
    })
    expect(card('chat_total', kpi(1200, 1200))).toMatchObject({
      label: 'Total groups',
      change: 'Same as the previous period',
    })
  })
})
