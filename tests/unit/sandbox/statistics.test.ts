import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../electron/core/sandbox/clock'
import { smallSandbox, TestApi, TestClock } from './helpers'

const BEHAVIOR = 'externalcontact/get_user_behavior_data'
const BY_OWNER = 'externalcontact/groupchat/statistic'
const BY_DAY = 'externalcontact/groupchat/statistic_group_by_day'

async function clockedApi() {
  const clock = new TestClock()
  const api = new TestApi(await smallSandbox({ now: clock.now }))
  const today = api.sandbox.state.seededDayMs / 1000
  return { api, clock, state: api.sandbox.state, today }
}

describe('behavior data', () => {
  it('validates ids and windows', async () => {
    const { api, state, today } = await clockedApi()
    const window = { start_time: today - 7 * 86_400, end_time: today - 86_400 }
    const userid = state.members[0]!.userid
    expect((await api.post(BEHAVIOR, window)).errcode).toBe(40058)
    expect((await api.post(BEHAVIOR, { ...window, userid: Array(101).fill(userid) })).errcode).toBe(40058)
    expect((await api.post(BEHAVIOR, { ...window, partyid: Array.from({ length: 101 }, (_, i) => i) })).errcode).toBe(
      40058,
    )
    expect((await api.post(BEHAVIOR, { ...window, userid: ['ghost'] })).errcode).toBe(81013)
    expect(
      (await api.post(BEHAVIOR, { userid: [userid], start_time: today - 32 * 86_400, end_time: today - 86_400 }))
        .errcode,
    ).toBe(40058)
    expect(
      (await api.post(BEHAVIOR, { userid: [userid], start_time: today - 181 * 86_400, end_time: today - 175 * 86_400 }))
        .errcode,
    ).toBe(40058)
    expect(
      (await api.post(BEHAVIOR, { userid: [userid], start_time: today - 180 * 86_400, end_time: today - 175 * 86_400 }))
        .errcode,
    ).toBe(0)
  })

  it('returns one aggregated series of complete days, the same on every call', async () => {
    const { api, state, today } = await clockedApi()
    const [a, b] = [state.members[0]!.userid, state.members[1]!.userid]
    const window = { start_time: today - 5 * 86_400, end_time: today + 3600 }
    const one = (await api.post(BEHAVIOR, { ...window, userid: [a] })).behavior_data
    const other = (await api.post(BEHAVIOR, { ...window, userid: [b] })).behavior_data
    const both = (await api.post(BEHAVIOR, { ...window, userid: [a, b] })).behavior_data
    expect(both.map((day: { stat_time: number }) => day.stat_time)).toEqual(
      [5, 4, 3, 2, 1].map((n) => today - n * 86_400),
    )
    for (const [index, day] of both.entries()) {
      expect(day.chat_cnt).toBe(one[index].chat_cnt + other[index].chat_cnt)
      expect(day.new_contact_cnt).toBe(one[index].new_contact_cnt + other[index].new_contact_cnt)
    }
    expect((await api.post(BEHAVIOR, { ...window, userid: [a] })).behavior_data).toEqual(one)
    const byDepartment = await api.post(BEHAVIOR, { ...window, partyid: [1] })
    expect(byDepartment.behavior_data).toHaveLength(5)
  })
})

describe('group chat statistics', () => {
  it('pages owners with offset and orders them', async () => {
    const { api, state, today } = await clockedApi()
    const window = { day_begin_time: today - 3 * 86_400, day_end_time: today - 86_400 }
    const owners = new Set(state.groupChats.map((chat) => chat.owner))
    const seen: string[] = []
    let offset = 0
    for (;;) {
      const page = await api.post(BY_OWNER, { ...window, order_by: 2, offset, limit: 7 })
      expect(page.total).toBe(owners.size)
      seen.push(...page.items.map((item: { owner: string }) => item.owner))
      offset = page.next_offset
      if (offset >= page.total) break
    }
    expect(new Set(seen)).toEqual(owners)
    expect(seen).toHaveLength(owners.size)
    const ordered = await api.post(BY_OWNER, { ...window, order_by: 2, limit: 1000 })
    const totals = ordered.items.map((item: { data: { chat_total: number } }) => item.data.chat_total)
    expect(totals).toEqual([...totals].sort((x, y) => y - x))
  })

  it('validates owner filters, windows and limits', async () => {
    const { api, state, today } = await clockedApi()
    const day = today - 86_400
    const tooMany = Array.from({ length: 101 }, (_, i) => state.members[i % state.members.length]!.userid)
    expect((await api.post(BY_OWNER, { day_begin_time: day, owner_filter: { userid_list: tooMany } })).errcode).toBe(
      40058,
    )
    expect((await api.post(BY_OWNER, { day_begin_time: day, limit: 1001 })).errcode).toBe(40058)
    expect((await api.post(BY_OWNER, { day_begin_time: day - 31 * 86_400, day_end_time: day })).errcode).toBe(40058)
    expect((await api.post(BY_OWNER, { day_begin_time: today })).items).toEqual([])
    expect(
      (await api.post(BY_DAY, { day_begin_time: day - 181 * 86_400, day_end_time: day - 175 * 86_400 })).errcode,
    ).toBe(40058)
  })

  it('answers 81017 without an owner filter on corps over 1,000 members', async () => {
    const api = new TestApi(await smallSandbox({ members: 1001, customers: 1000, groups: 10 }))
    const day = api.sandbox.state.seededDayMs / 1000 - 86_400
    expect((await api.post(BY_OWNER, { day_begin_time: day })).errcode).toBe(81017)
    expect((await api.post(BY_DAY, { day_begin_time: day, day_end_time: day })).errcode).toBe(81017)
  })

  it('sums owners per day, one item per complete day', async () => {
    const { api, state, today } = await clockedApi()
    const owners = [...new Set(state.groupChats.map((chat) => chat.owner))].slice(0, 5)
    const window = { day_begin_time: today - 4 * 86_400, day_end_time: today, owner_filter: { userid_list: owners } }
    const byDay = await api.post(BY_DAY, window)
    expect(byDay.items).toHaveLength(4)
    const lastDay = byDay.items.at(-1).data
    const perOwner = await api.post(BY_OWNER, { ...window, day_begin_time: today - DAY_MS / 1000, limit: 1000 })
    const chatTotal = perOwner.items.reduce(
      (sum: number, item: { data: { chat_total: number } }) => sum + item.data.chat_total,
      0,
    )
    expect(lastDay.chat_total).toBe(chatTotal)
    expect(chatTotal).toBe(state.groupChats.filter((chat) => owners.includes(chat.owner)).length)
  })
})
