import { customerFilterSchema } from '@shared/customers'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import AddedDatesPicker from '@/components/customerFilter/AddedDatesPicker.vue'
import MemberSelect from '@/components/customerFilter/MemberSelect.vue'
import TagSelect from '@/components/customerFilter/TagSelect.vue'
import {
  emptyFilterForm,
  fromCustomerFilter,
  toCustomerFilter,
  type CustomerFilterForm,
} from '@/components/customerFilter/form'
import { applyLocale, i18n } from '@/i18n'
import { useCustomersStore } from '@/stores/customers'
import { useTagsStore } from '@/stores/customers/tags'

/**
 * Node applies a new `process.env.TZ` at once (tests/unit/shared/date.test.ts proves it); the suite
 * also runs whole under two zones (`npm run test:unit:tz`). The web tsconfig has no Node types.
 */
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env
const processZone = env['TZ']
function inZone<T>(zone: string, run: () => T): T {
  env['TZ'] = zone
  try {
    return run()
  } finally {
    if (processZone === undefined) delete env['TZ']
    else env['TZ'] = processZone
  }
}
afterEach(() => expect(env['TZ']).toBe(processZone))

const HOUR = 3600_000
const passThrough = { template: '<div><slot /></div>' }

/** The "added" filter a user gets by picking `from`..`to` in the date picker. */
function pickAddedDays(from: Date, to: Date): CustomerFilterForm['addedRange'] {
  const wrapper = mount(AddedDatesPicker, {
    props: { modelValue: null },
    global: { plugins: [i18n], stubs: { 'el-date-picker': true } },
  })
  wrapper.findComponent({ name: 'el-date-picker' }).vm.$emit('update:modelValue', [from, to])
  const emitted = wrapper.emitted('update:modelValue')
  return (emitted?.at(-1)?.[0] ?? null) as CustomerFilterForm['addedRange']
}

describe('the added-dates picker gives whole local days (America/New_York)', () => {
  it('2024-11-03 (25 hours) ends at 23:59:59.999 local, and the filter keeps every hour of it', () => {
    inZone('America/New_York', () => {
      const range = pickAddedDays(new Date(2024, 10, 3), new Date(2024, 10, 3))
      const filter = toCustomerFilter({ ...emptyFilterForm(), addedRange: range })
      expect(filter.addedFrom).toBe(Date.parse('2024-11-03T00:00:00-04:00'))
      expect(filter.addedTo).toBe(Date.parse('2024-11-03T23:59:59.999-05:00'))
      const end = new Date(filter.addedTo!)
      expect([end.getDate(), end.getHours(), end.getMinutes(), end.getSeconds(), end.getMilliseconds()]).toEqual([
        3, 23, 59, 59, 999,
      ])
      expect(filter.addedTo! + 1 - filter.addedFrom!).toBe(25 * HOUR)
    })
  })

  it('2024-03-10 (23 hours) ends on that same day', () => {
    inZone('America/New_York', () => {
      const [from, to] = pickAddedDays(new Date(2024, 2, 10), new Date(2024, 2, 10))!
      expect(new Date(to).getDate()).toBe(10)
      expect(to).toBe(Date.parse('2024-03-10T23:59:59.999-04:00'))
      expect(to + 1 - from).toBe(23 * HOUR)
    })
  })

  it('shows the stored range back as the picked days, and clearing means any time', () => {
    const wrapper = mount(AddedDatesPicker, {
      props: { modelValue: [new Date(2024, 4, 1).getTime(), new Date(2024, 4, 2).getTime() - 1] },
      global: { plugins: [i18n], stubs: { 'el-date-picker': true } },
    })
    const picker = wrapper.findComponent({ name: 'el-date-picker' })
    expect(picker.vm.$attrs['modelValue']).toEqual([new Date(2024, 4, 1), new Date(2024, 4, 1, 23, 59, 59, 999)])
    picker.vm.$emit('update:modelValue', null)
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([null])
  })
})

describe('one filter form for the Customers page and the composer', () => {
  it('reads a stored filter back field for field, and skips what it cannot read', () => {
    const form: CustomerFilterForm = {
      search: '王',
      members: ['zhangsan'],
      tagIds: ['et1', 'et2'],
      tagMode: 'and',
      excludeTagIds: ['et9'],
      addedRange: [1_700_000_000_000, 1_700_086_399_999],
      genders: [1, 2],
      types: [2],
      addWays: [1, 201],
    }
    const filter = toCustomerFilter(form)
    expect(customerFilterSchema.safeParse(filter).success).toBe(true)
    expect(fromCustomerFilter(filter)).toEqual(form)
    expect(fromCustomerFilter({ genders: [1, 7, 'x'], types: [3, 1], addWays: [-1, 2.5, 6], tags: 'x' })).toEqual({
      ...emptyFilterForm(),
      genders: [1],
      types: [1],
      addWays: [6],
    })
    expect(fromCustomerFilter('nonsense')).toEqual(emptyFilterForm())
  })
})

describe('member and tag selects write counts as n() does, the same in both languages', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useCustomersStore().members = [{ userid: 'zhangsan', name: '张三', customerCount: 2000 }]
    useTagsStore().groups = [
      {
        groupId: 'g1',
        name: '客户等级',
        order: 1,
        tags: [{ id: 'et1', name: '重要', order: 1, customerCount: 12_345 }],
      },
    ]
  })

  const stubs = { 'el-select': passThrough, 'el-option': passThrough, 'el-option-group': passThrough }

  it.each(['zh-CN', 'en'] as const)('in %s', (locale) => {
    applyLocale(locale)
    try {
      const members = mount(MemberSelect, { props: { modelValue: [] }, global: { plugins: [i18n], stubs } })
      expect(members.text()).toContain('2,000')
      const tags = mount(TagSelect, { props: { modelValue: [], counts: true }, global: { plugins: [i18n], stubs } })
      expect(tags.text()).toContain('12,345')
      const plain = mount(TagSelect, { props: { modelValue: [] }, global: { plugins: [i18n], stubs } })
      expect(plain.text()).not.toContain('12,345')
    } finally {
      applyLocale('zh-CN')
    }
  })
})
