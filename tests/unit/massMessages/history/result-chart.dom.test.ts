import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { applyLocale, i18n } from '@/i18n'
import ResultChart from '@/views/massMessages/history/ResultChart.vue'

afterEach(() => applyLocale('zh-CN'))

describe('the results bar (issue 9, item 9: one number format)', () => {
  it('reads its counts to a screen reader as every other number is written, in each language', () => {
    const counts = { sent: 2261, unsent: 1000, notFriend: 3, overCap: 0 }
    const bar = () =>
      mount(ResultChart, { props: { counts, modelValue: 'all' }, global: { plugins: [i18n] } })
        .get('[role="img"]')
        .attributes('aria-label')
    expect(bar()).toContain('2,261')
    expect(bar()).toContain('1,000')
    expect(bar()).toContain('、')
    applyLocale('en')
    expect(bar()).toContain('2,261')
    expect(bar()).not.toContain('2261')
  })
})

describe('members who have sent (issue 9, item 9: one number format)', () => {
  it('reads the same in the list and the detail', () => {
    applyLocale('en')
    const { t } = i18n.global
    expect(t('massMessages.history.statusProgress', { sent: '27', total: '28' })).toBe(
      'Members who have sent: 27 of 28',
    )
    expect(t('massMessages.history.detail.tasksSummary', { sent: '27', total: '28' })).toBe(
      'Members who have sent it: 27 of 28',
    )
  })
})
