import { flushPromises, mount } from '@vue/test-utils'
import type { DayRange } from '@shared/date'
import ElementPlus from 'element-plus'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import AddedDatesPicker from '@/components/customerFilter/AddedDatesPicker.vue'
import { quickAddedRange } from '@/components/customerFilter/form'
import { applyLocale, i18n } from '@/i18n'

const day = (y: number, m: number, d: number) => new Date(y, m - 1, d).getTime()
/** 15 March 2025, 10:00 local time. */
const NOW = new Date(2025, 2, 15, 10).getTime()

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
  applyLocale('zh-CN')
})

describe('quick added-at ranges', () => {
  it('are whole local calendar days ending today', () => {
    expect(quickAddedRange('last7', NOW)).toEqual([day(2025, 3, 9), day(2025, 3, 16) - 1])
    expect(quickAddedRange('last30', NOW)).toEqual([day(2025, 2, 14), day(2025, 3, 16) - 1])
    expect(quickAddedRange('thisMonth', NOW)).toEqual([day(2025, 3, 1), day(2025, 3, 16) - 1])
    // On the 1st, "this month" is today alone.
    expect(quickAddedRange('thisMonth', day(2025, 4, 1) + 3_600_000)).toEqual([day(2025, 4, 1), day(2025, 4, 2) - 1])
  })

  it('the date picker offers them, and one click sets the filter', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
    const model = ref<DayRange | null>(null)
    const Host = defineComponent({
      setup: () => () =>
        h(AddedDatesPicker, {
          modelValue: model.value,
          'onUpdate:modelValue': (v: DayRange | null) => (model.value = v),
        }),
    })
    const w = mount(Host, { global: { plugins: [i18n, ElementPlus] }, attachTo: document.body })
    await w.get('input').trigger('focus')
    await w.get('.el-date-editor').trigger('click')
    await flushPromises()
    const shortcuts = [...document.querySelectorAll<HTMLElement>('.el-picker-panel__shortcut')]
    expect(shortcuts.map((s) => s.textContent?.trim())).toEqual(['近 7 天', '近 30 天', '本月'])
    shortcuts[0]!.click()
    await flushPromises()
    expect(model.value).toEqual([day(2025, 3, 9), day(2025, 3, 16) - 1])
    shortcuts[2]!.click()
    await flushPromises()
    expect(model.value).toEqual([day(2025, 3, 1), day(2025, 3, 16) - 1])
    w.unmount()
  })

  it('speaks English', async () => {
    applyLocale('en')
    const w = mount(AddedDatesPicker, {
      props: { modelValue: null },
      global: { plugins: [i18n, ElementPlus] },
      attachTo: document.body,
    })
    await w.get('input').trigger('focus')
    await w.get('.el-date-editor').trigger('click')
    await flushPromises()
    const shortcuts = [...document.querySelectorAll('.el-picker-panel__shortcut')].map((s) => s.textContent?.trim())
    expect(shortcuts).toEqual(['Last 7 days', 'Last 30 days', 'This month'])
    w.unmount()
  })
})
