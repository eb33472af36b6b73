import { CONTACT_METRICS, GROUP_METRICS, GROUP_WECOM_ORDERS, type MemberRow, type OwnerRow } from '@shared/statistics'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import { applyLocale, i18n } from '@/i18n'
import { sortRows } from '@/views/statistics/metrics'
import PeopleTable from '@/views/statistics/PeopleTable.vue'

afterEach(() => {
  document.body.innerHTML = ''
  applyLocale('zh-CN')
})

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴霞']

/** 120 members: new customers 0…119 shuffled, a reply rate missing for every tenth. */
function members(count = 120): MemberRow[] {
  return Array.from({ length: count }, (_, i) => {
    const contacts = (i * 37) % count
    return {
      userid: `u${i}`,
      name: `${NAMES[i % NAMES.length]}${i}`,
      status: i === 7 ? 'left' : 'ok',
      figures: {
        new_apply_cnt: i,
        new_contact_cnt: contacts,
        chat_cnt: 10,
        message_cnt: 100 + i,
        reply_percentage: i % 10 === 0 ? null : 50 + (i % 50),
        avg_reply_time: i % 10 === 0 ? null : i / 4,
        negative_feedback_cnt: i % 3,
      },
      previous: {
        new_apply_cnt: 0,
        new_contact_cnt: 0,
        chat_cnt: 0,
        message_cnt: 0,
        reply_percentage: null,
        avg_reply_time: null,
        negative_feedback_cnt: 0,
      },
      spark: [1, 2, null, 4, 3],
    }
  })
}

async function mountTable(rows: MemberRow[] | OwnerRow[], extra: Record<string, unknown> = {}) {
  const w = mount(PeopleTable, {
    props: {
      rows,
      metrics: CONTACT_METRICS,
      sparkMetric: 'message_cnt',
      people: 'members',
      openable: true,
      testid: 'stats-members',
      ...extra,
    },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  }) as ReturnType<typeof mount>
  await flushPromises()
  return w
}

/** The visible rows' names, top to bottom. */
const names = (w: ReturnType<typeof mount>) =>
  w.findAll('tbody .people__name').map((cell) => cell.text().replace(/已离职$/, ''))
/** A column's header by its label, clicked to sort. */
async function sortBy(w: ReturnType<typeof mount>, label: string) {
  const header = w.findAll('th').find((th) => th.text() === label)
  if (!header)
    throw new Error(
      `no column ${label} in ${w
        .findAll('th')
        .map((th) => th.text())
        .join(',')}`,
    )
  await header.trigger('click')
  await flushPromises()
}

describe('the member table sorts every column over all rows', () => {
  // jsdom lays out 50 rows of Element Plus's table slowly; a browser draws them at once.
  it(
    'sorts by a metric across pages (not just the page in view), then the other way',
    { timeout: 30_000 },
    async () => {
      const rows = members()
      const w = await mountTable(rows)
      expect(w.text()).toContain('共 120 人')
      expect(w.findAll('tbody tr')).toHaveLength(50)
      expect(w.findAll('[data-testid="sparkline"]')).toHaveLength(50)

      await sortBy(w, '新增客户数')
      const byContacts = sortRows(
        rows,
        (r) => r.figures.new_contact_cnt,
        'descending',
        (r) => r.name,
      )
      expect(names(w).slice(0, 3)).toEqual(byContacts.slice(0, 3).map((r) => r.name))
      expect(w.findAll('tbody tr')[0]!.text()).toContain('119')

      await sortBy(w, '新增客户数')
      expect(w.findAll('tbody tr')[0]!.text()).toContain(`${NAMES[0]}0`)
      expect(w.findAll('tbody tr')[0]!.findAll('td')[2]!.text()).toBe('0')
      w.unmount()
    },
  )

  it('keeps members without a figure last in both directions, and shows them as —', async () => {
    const w = await mountTable(members(20))
    await sortBy(w, '已回复聊天占比')
    const cells = () => w.findAll('tbody tr').map((tr) => tr.findAll('td')[5]!.text())
    expect(cells().slice(-2)).toEqual(['—', '—'])
    expect(cells()[0]).toBe('69%')
    await sortBy(w, '已回复聊天占比')
    expect(cells()[0]).toBe('51%')
    expect(cells().slice(-2)).toEqual(['—', '—'])
    w.unmount()
  })

  it('sorts names in the language’s order, finds by name, marks who left and opens a member', async () => {
    const w = await mountTable(members(12))
    await sortBy(w, '成员')
    const sorted = [...members(12)].map((r) => r.name).sort(new Intl.Collator('zh-CN').compare)
    expect(names(w)).toEqual(sorted)
    expect(w.text()).toContain('已离职')

    await w.get('.people__search input').setValue('王芳')
    expect(names(w)).toEqual(['王芳1', '王芳11'])
    expect(w.text()).toContain('共 2 人')
    await w.get('[data-testid="stats-member-link"]').trigger('click')
    expect(w.emitted('open')).toEqual([['u1']])
    w.unmount()
  })
})

describe('the owner table offers WeCom’s four orders', () => {
  const owners: OwnerRow[] = Array.from({ length: 6 }, (_, i) => ({
    userid: `o${i}`,
    name: `群主${i}`,
    status: 'ok',
    figures: {
      new_chat_cnt: i,
      chat_total: 60 - i * 7,
      chat_has_msg: 3,
      new_member_cnt: (i * 5) % 6,
      member_total: 100 + i,
      member_has_msg: 2,
      msg_total: 9,
    },
    previous: {
      new_chat_cnt: 0,
      chat_total: 0,
      chat_has_msg: 0,
      new_member_cnt: 0,
      member_total: 0,
      member_has_msg: 0,
      msg_total: 0,
    },
    spark: [],
  }))

  it('sorts by new groups first, and by any of the four orders picked above the table', async () => {
    applyLocale('en')
    const w = await mountTable(owners, {
      metrics: GROUP_METRICS,
      orders: GROUP_WECOM_ORDERS,
      people: 'owners',
      openable: false,
    })
    expect(names(w)).toEqual(['群主5', '群主4', '群主3', '群主2', '群主1', '群主0'])
    const order = w.findComponent({ name: 'ElSelect' })
    order.vm.$emit('update:modelValue', 'chat_total')
    await flushPromises()
    expect(names(w)).toEqual(['群主0', '群主1', '群主2', '群主3', '群主4', '群主5'])
    await sortBy(w, 'New group members')
    expect(w.findAll('tbody tr').map((tr) => tr.findAll('td')[4]!.text())).toEqual(['5', '4', '3', '2', '1', '0'])
    expect(w.find('[data-testid="stats-member-link"]').exists()).toBe(false)
    w.unmount()
  })
})
