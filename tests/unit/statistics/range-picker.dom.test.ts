import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyLocale, i18n } from '@/i18n'
import { useStatisticsStore } from '@/stores/statistics'
import RangeBar from '@/views/statistics/RangeBar.vue'
import { correctRange, isUnavailableDay, presetOf, presetRange, previousPeriod } from '@/views/statistics/range'

/**
 * 01:30 on 5 December 2026 in China: WeCom's today is the 5th, so yesterday (the newest day it
 * answers for) is the 4th, whatever this computer's zone (New York is still on the 4th at 12:30).
 */
const NOW = Date.UTC(2026, 11, 4, 17, 30)

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
  applyLocale('zh-CN')
})

describe('range presets and corrections, in corp days', () => {
  it('presets end yesterday in China and go back 1 to 180 days', () => {
    expect(presetRange('yesterday', NOW)).toEqual({ from: '2026-12-04', to: '2026-12-04' })
    expect(presetRange('last7', NOW)).toEqual({ from: '2026-11-28', to: '2026-12-04' })
    expect(presetRange('last30', NOW)).toEqual({ from: '2026-11-05', to: '2026-12-04' })
    expect(presetRange('last180', NOW)).toEqual({ from: '2026-06-08', to: '2026-12-04' })
    expect(presetOf({ from: '2026-11-05', to: '2026-12-04' }, NOW)).toBe('last30')
    expect(presetOf({ from: '2026-11-05', to: '2026-12-03' }, NOW)).toBe('custom')
    expect(previousPeriod({ from: '2026-11-05', to: '2026-12-04' })).toEqual({ from: '2026-10-06', to: '2026-11-04' })
  })

  it('a range outside the last 180 days or ending today is corrected, and says what changed', () => {
    expect(correctRange({ from: '2026-11-01', to: '2026-11-30' }, NOW)).toEqual({
      range: { from: '2026-11-01', to: '2026-11-30' },
      corrections: [],
    })
    expect(correctRange({ from: '2026-01-01', to: '2026-12-05' }, NOW)).toEqual({
      range: { from: '2026-06-08', to: '2026-12-04' },
      corrections: ['tooEarly', 'tooLate'],
    })
    expect(correctRange({ from: '2026-12-01', to: '2026-11-20' }, NOW)).toEqual({
      range: { from: '2026-11-20', to: '2026-12-01' },
      corrections: ['reversed'],
    })
    // Wholly in the future: the newest day WeCom has.
    expect(correctRange({ from: '2027-01-01', to: '2027-01-10' }, NOW).range).toEqual({
      from: '2026-12-04',
      to: '2026-12-04',
    })
    // Wholly too old: the oldest day WeCom still keeps.
    expect(correctRange({ from: '2025-01-01', to: '2025-01-10' }, NOW).range).toEqual({
      from: '2026-06-08',
      to: '2026-06-08',
    })
    expect(isUnavailableDay('2026-12-05', NOW)).toBe(true)
    expect(isUnavailableDay('2026-12-04', NOW)).toBe(false)
    expect(isUnavailableDay('2026-06-08', NOW)).toBe(false)
    expect(isUnavailableDay('2026-06-07', NOW)).toBe(true)
  })
})

function mountBar() {
  return mount(RangeBar, {
    props: { people: 'members' },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  })
}

describe('the range bar', () => {
  it('starts on 近 30 天 and a preset click sets the range', async () => {
    const store = useStatisticsStore()
    const w = mountBar()
    const presets = w.findAll('[data-testid^="stats-preset-"]')
    expect(presets.map((p) => p.text())).toEqual(['昨天', '近 7 天', '近 30 天', '近 90 天', '近 180 天', '自定义'])
    expect(w.get('[data-testid="stats-preset-last30"]').classes()).toContain('is-active')
    await w.get('[data-testid="stats-preset-last7"] input').setValue(true)
    expect(store.range).toEqual({ from: '2026-11-28', to: '2026-12-04' })
    await w.get('[data-testid="stats-preset-yesterday"] input').setValue(true)
    expect(store.range).toEqual({ from: '2026-12-04', to: '2026-12-04' })
    expect(w.find('[data-testid="stats-range-corrected"]').exists()).toBe(false)
    // 自定义 opens the date picker; a range that is no preset lights it up.
    await w.get('[data-testid="stats-preset-custom"] input').setValue(true)
    await flushPromises()
    expect(document.querySelector('.el-date-range-picker')).not.toBeNull()
    expect(store.range).toEqual({ from: '2026-12-04', to: '2026-12-04' })
    store.setRange({ from: '2026-11-10', to: '2026-11-20' })
    await flushPromises()
    expect(w.get('[data-testid="stats-preset-custom"]').classes()).toContain('is-active')
    w.unmount()
  })

  it('greys out today and the days before the last 180 in the picker', async () => {
    const w = mountBar()
    await w.get('input').trigger('focus')
    await w.get('.el-date-editor').trigger('click')
    await flushPromises()
    const december = [...document.querySelectorAll<HTMLElement>('.el-date-range-picker__content')].find((panel) =>
      panel.querySelector('.el-date-range-picker__header')?.textContent?.includes('December'),
    )
    expect(december).toBeDefined()
    const cell = (day: number) =>
      [...december!.querySelectorAll<HTMLElement>('td:not(.prev-month):not(.next-month)')].find(
        (td) => td.textContent?.trim() === String(day),
      )
    expect(cell(4)?.classList.contains('disabled')).toBe(false)
    expect(cell(5)?.classList.contains('disabled')).toBe(true)
    w.unmount()
  })

  it('corrects a picked range instead of letting WeCom refuse it, and says so (zh-CN and en)', async () => {
    const store = useStatisticsStore()
    const w = mountBar()
    w.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', ['2026-01-01', '2026-12-05'])
    await flushPromises()
    expect(store.range).toEqual({ from: '2026-06-08', to: '2026-12-04' })
    const note = w.get('[data-testid="stats-range-corrected"]')
    expect(note.text()).toContain('企业微信只保留近 180 天的数据，开始日期已改为 2026-06-08。')
    expect(note.text()).toContain('今天的数据明天才有，结束日期已改为昨天（2026-12-04）。')
    // It is the 近 180 天 preset now.
    expect(w.get('[data-testid="stats-preset-last180"]').classes()).toContain('is-active')

    applyLocale('en')
    await flushPromises()
    expect(w.get('[data-testid="stats-range-corrected"]').text()).toContain(
      'Today’s figures arrive tomorrow, so the end date is now yesterday (2026-12-04).',
    )
    // A pick inside the window clears the note.
    w.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', ['2026-11-01', '2026-11-30'])
    await flushPromises()
    expect(store.range).toEqual({ from: '2026-11-01', to: '2026-11-30' })
    expect(w.find('[data-testid="stats-range-corrected"]').exists()).toBe(false)
    w.unmount()
  })
})
