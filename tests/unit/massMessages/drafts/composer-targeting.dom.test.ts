import { customerFilterSchema } from '@shared/customers'
import { localDaysRange } from '@shared/date'
import { targetingMatches, targetingSchema } from '@shared/massMessages'
import { describe, expect, it } from 'vitest'
import { toCustomerFilter } from '@/components/customerFilter/form'
import { toDraftContent } from '@/views/massMessages/drafts/useComposer'
import {
  emptyTargetingForm,
  fromTargeting,
  parsePastedIds,
  toTargeting,
  type TargetingForm,
} from '@/views/massMessages/drafts/targeting'

const form = (patch: Partial<TargetingForm>): TargetingForm => ({ ...emptyTargetingForm(), ...patch })

describe('targeting → contract input', () => {
  it('an untouched filter reaches everyone (empty filter, no restriction)', () => {
    const targeting = toTargeting('single', emptyTargetingForm())
    expect(targeting).toEqual({ mode: 'filter', filter: {} })
    expect(targetingSchema.parse(targeting)).toEqual(targeting)
  })

  it('maps members, tags with AND/OR, excluded tags, the added range and genders to the customer filter', () => {
    const range = localDaysRange(new Date(2024, 4, 1), new Date(2024, 4, 31))
    const filter = toCustomerFilter(
      form({
        members: ['zhangsan', 'lisi'],
        tagIds: ['et1', 'et2'],
        tagMode: 'and',
        excludeTagIds: ['et9'],
        addedRange: range,
        genders: [2, 1],
      }),
    )
    expect(filter).toEqual({
      members: ['zhangsan', 'lisi'],
      tags: { mode: 'and', ids: ['et1', 'et2'] },
      excludeTags: ['et9'],
      addedFrom: new Date(2024, 4, 1).getTime(),
      addedTo: new Date(2024, 5, 1).getTime() - 1,
      genders: [1, 2],
    })
    expect(customerFilterSchema.safeParse(filter).success).toBe(true)
    const targeting = toTargeting('single', form({ tagIds: ['et1'] }))
    expect(targeting).toEqual({ mode: 'filter', filter: { tags: { mode: 'or', ids: ['et1'] } } })
    expect(targetingSchema.safeParse(targeting).success).toBe(true)
  })

  it('a tag mode alone is no restriction', () => {
    expect(toCustomerFilter(form({ tagMode: 'and' }))).toEqual({})
  })

  it('picks the part that matches the chat type', () => {
    const both = form({
      customerMode: 'customers',
      externalUserids: ['wmA', 'wmB'],
      groupMode: 'groups',
      chatIds: ['wrX'],
      senders: ['zhangsan'],
    })
    const single = toTargeting('single', both)
    const group = toTargeting('group', both)
    expect(single).toEqual({ mode: 'customers', externalUserids: ['wmA', 'wmB'] })
    expect(group).toEqual({ mode: 'groups', chatIds: ['wrX'] })
    expect(targetingMatches('single', targetingSchema.parse(single))).toBe(true)
    expect(targetingMatches('group', targetingSchema.parse(group))).toBe(true)
    expect(toTargeting('group', { ...both, groupMode: 'groupsByOwner' })).toEqual({
      mode: 'groupsByOwner',
      senders: ['zhangsan'],
    })
  })

  it('keeps unfinished targeting as it is, for the send preview to name (drafts are lenient)', () => {
    const unfinished = toTargeting('group', form({ groupMode: 'groupsByOwner', senders: [] }))
    expect(unfinished).toEqual({ mode: 'groupsByOwner', senders: [] })
    expect(targetingSchema.safeParse(unfinished).success).toBe(false)
    expect(targetingSchema.safeParse(toTargeting('single', form({ customerMode: 'customers' }))).success).toBe(false)
  })

  it('reads every stored mode back into the form (round trip)', () => {
    const cases: TargetingForm[] = [
      form({
        members: ['a'],
        tagIds: ['t1', 't2'],
        tagMode: 'and',
        excludeTagIds: ['t3'],
        addedRange: [1, 2],
        genders: [0],
        // Not shown in the composer, but part of the shared filter form: kept, not dropped.
        search: '王',
        types: [1],
        addWays: [201],
      }),
      form({ customerMode: 'customers', externalUserids: ['wm1'] }),
      form({ groupMode: 'groupsByOwner', senders: ['lisi', 'wangwu'] }),
      form({ groupMode: 'groups', chatIds: ['wr1', 'wr2'] }),
    ]
    for (const [i, original] of cases.entries()) {
      const chatType = i >= 2 ? 'group' : 'single'
      const stored = toTargeting(chatType, original)
      expect(toTargeting(chatType, fromTargeting(stored))).toEqual(stored)
    }
    expect(fromTargeting(undefined)).toEqual(emptyTargetingForm())
    // A draft saved when one owner could be chosen loads as a one-owner list, and sends as one.
    const legacy = { mode: 'groupsByOwner', sender: 'lisi' }
    expect(fromTargeting(legacy)).toMatchObject({ groupMode: 'groupsByOwner', senders: ['lisi'] })
    expect(fromTargeting({ mode: 'groupsByOwner', sender: '' }).senders).toEqual([])
    expect(targetingSchema.parse(legacy)).toEqual({ mode: 'groupsByOwner', senders: ['lisi'] })
    expect(fromTargeting({ mode: 'filter', filter: { genders: [1, 7, 'x'] } }).genders).toEqual([1])
  })

  it('builds the whole draft input as plain JSON', () => {
    const input = toDraftContent(
      {
        title: '五一活动',
        chatType: 'single',
        text: '你好',
        attachments: [
          { msgtype: 'image' },
          { msgtype: 'link', link: { title: 't', desc: '', url: 'https://a.cn', picurl: '' } },
        ],
      },
      form({ tagIds: ['et1'] }),
    )
    expect(input).toEqual({
      title: '五一活动',
      chatType: 'single',
      content: {
        text: '你好',
        attachments: [
          { msgtype: 'image' },
          { msgtype: 'link', link: { title: 't', desc: '', url: 'https://a.cn', picurl: '' } },
        ],
      },
      targeting: { mode: 'filter', filter: { tags: { mode: 'or', ids: ['et1'] } } },
    })
  })
})

describe('pasted external_userids', () => {
  it('splits on lines, spaces, commas and semicolons (also full-width), drops blanks and repeats', () => {
    expect(parsePastedIds('wmA\nwmB, wmC；wmA\r\n\t wmD，wmE;wmF  ')).toEqual([
      'wmA',
      'wmB',
      'wmC',
      'wmD',
      'wmE',
      'wmF',
    ])
    expect(parsePastedIds('   ')).toEqual([])
    expect(parsePastedIds('x'.repeat(129))).toEqual([])
  })
})
