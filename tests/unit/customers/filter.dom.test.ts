import { customerQuerySchema } from '@shared/customers'
import { localDaysRange } from '@shared/date'
import { describe, expect, it } from 'vitest'
import { emptyFilterForm, isFilterActive, toCustomerFilter } from '@/components/customerFilter/form'
import { addWayLabel, sortChoiceOf, toQueryInput, windowOffsets } from '@/views/customers/customerFilter'
import { formatEta } from '@/components/format'
import { toGroupSort } from '@/views/customers/groups/useGroupList'

describe('customer filter → contract input', () => {
  it('leaves out everything that is empty', () => {
    expect(toCustomerFilter(emptyFilterForm())).toEqual({})
    expect(toCustomerFilter({ ...emptyFilterForm(), search: '   ' })).toEqual({})
    expect(isFilterActive(emptyFilterForm())).toBe(false)
  })

  it('maps every field, with whole days for the date range', () => {
    const form = {
      ...emptyFilterForm(),
      search: '  王芳 ',
      members: ['zhangsan', 'lisi'],
      tagIds: ['etA', 'etB'],
      tagMode: 'and' as const,
      // What the date picker gives for 2024-05-01 (picked at 15:30) to 2024-05-31.
      addedRange: localDaysRange(new Date(2024, 4, 1, 15, 30), new Date(2024, 4, 31)),
      genders: [2 as const],
      types: [2 as const, 1 as const],
      addWays: [201, 1],
    }
    const filter = toCustomerFilter(form)
    expect(filter).toEqual({
      search: '王芳',
      members: ['zhangsan', 'lisi'],
      tags: { mode: 'and', ids: ['etA', 'etB'] },
      addedFrom: new Date(2024, 4, 1).getTime(),
      addedTo: new Date(2024, 5, 1).getTime() - 1,
      genders: [2],
      types: [1, 2],
      addWays: [1, 201],
    })
    expect(isFilterActive(form)).toBe(true)
    // The mapped input is what the core accepts.
    const input = toQueryInput(filter, { field: 'name', order: 'asc' }, 200, 100)
    expect(customerQuerySchema.safeParse(input).success).toBe(true)
    expect(input).toMatchObject({ offset: 200, limit: 100, sort: { field: 'name', order: 'asc' } })
  })

  it('copies arrays so later edits of the form do not change a sent filter', () => {
    const form = { ...emptyFilterForm(), tagIds: ['etA'] }
    const filter = toCustomerFilter(form)
    form.tagIds.push('etB')
    expect(filter.tags?.ids).toEqual(['etA'])
  })

  it('the tag mode alone restricts nothing', () => {
    expect(toCustomerFilter({ ...emptyFilterForm(), tagMode: 'and' })).toEqual({})
  })
})

describe('windows of rows', () => {
  it('lists the 100-row windows covering the rows in view, within the total', () => {
    expect(windowOffsets(0, 20, 100, 2000)).toEqual([0])
    expect(windowOffsets(95, 130, 100, 2000)).toEqual([0, 100])
    expect(windowOffsets(1950, 2050, 100, 2000)).toEqual([1900])
    expect(windowOffsets(0, 20, 100, 0)).toEqual([])
    expect(windowOffsets(250, 520, 100, 100_000)).toEqual([200, 300, 400, 500])
  })
})

describe('labels and formats', () => {
  const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`

  it('labels documented add_way codes and says "other" for new ones', () => {
    expect(addWayLabel(1, t)).toBe('customers.addWay.w1')
    expect(addWayLabel(202, t)).toBe('customers.addWay.w202')
    expect(addWayLabel(7, t)).toBe('customers.addWay.other{"code":7}')
  })

  it('rounds the time left up to seconds, minutes or hours', () => {
    expect(formatEta(400, t)).toBe('customers.sync.duration.seconds{"n":1}')
    expect(formatEta(45_000, t)).toBe('customers.sync.duration.seconds{"n":45}')
    expect(formatEta(90_000, t)).toBe('customers.sync.duration.minutes{"n":2}')
    expect(formatEta(2 * 3600_000 + 5 * 60_000, t)).toBe('customers.sync.duration.hours{"h":2,"m":5}')
  })

  it('finds the sort choice of a sort and maps table sorts for groups', () => {
    expect(sortChoiceOf({ field: 'followCount', order: 'desc' })).toBe('followCountDesc')
    expect(toGroupSort('memberCount', 'ascending')).toEqual({ field: 'memberCount', order: 'asc' })
    expect(toGroupSort('memberCount', null)).toEqual({ field: 'createTime', order: 'desc' })
  })
})
