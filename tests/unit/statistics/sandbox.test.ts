import { describe, expect, it } from 'vitest'
import { membersOfDepartments } from '../../../electron/core/sandbox/handlers/members'
import { statisticsGroundTruth } from '../../../electron/core/sandbox/handlers/statistics'
import { smallSandbox, TestApi } from '../sandbox/helpers'
import { Clock } from './support'

const BEHAVIOR = 'externalcontact/get_user_behavior_data'
const BY_DAY = 'externalcontact/groupchat/statistic_group_by_day'
const DAY_S = 86_400
const COUNTS = ['new_apply_cnt', 'new_contact_cnt', 'chat_cnt', 'message_cnt', 'negative_feedback_cnt'] as const

type BehaviorDay = Record<(typeof COUNTS)[number], number> & {
  stat_time: number
  reply_percentage?: number
  avg_reply_time?: number
}

async function corpAt(iso: string) {
  const clock = new Clock(Date.parse(iso))
  const api = new TestApi(await smallSandbox({ now: clock.now }))
  // 00:00 China time today, in unix seconds.
  const today = Date.parse(`${iso.slice(0, 10)}T00:00:00+08:00`) / 1000
  return { api, clock, state: api.sandbox.state, today }
}

describe('the sandbox’s statistics stay consistent', () => {
  it('an aggregated call is the sum of its members for every count; ratios are weighted by chats', async () => {
    const { api, state, today } = await corpAt('2026-12-05T10:00:00+08:00')
    const window = { start_time: today - 30 * DAY_S, end_time: today - DAY_S }
    const ids = state.members.slice(0, 6).map((member) => member.userid)
    const each = await Promise.all(
      ids.map(
        async (userid) => (await api.post(BEHAVIOR, { ...window, userid: [userid] })).behavior_data as BehaviorDay[],
      ),
    )
    const all = (await api.post(BEHAVIOR, { ...window, userid: ids })).behavior_data as BehaviorDay[]
    expect(all).toHaveLength(30)
    for (const [index, day] of all.entries()) {
      for (const field of COUNTS) expect(day[field]).toBe(each.reduce((sum, member) => sum + member[index]![field], 0))
      const chats = each.reduce(
        (sum, member) => sum + (member[index]!.reply_percentage === undefined ? 0 : member[index]!.chat_cnt),
        0,
      )
      if (chats > 0) {
        const weighted =
          each.reduce((sum, member) => sum + (member[index]!.reply_percentage ?? 0) * member[index]!.chat_cnt, 0) /
          chats
        // Each member's figure is rounded to 2 decimals by the sandbox, as WeCom does.
        expect(Math.abs(day.reply_percentage! - weighted)).toBeLessThan(0.02)
      }
    }
  })

  it('a partyid call covers the department’s members (and its sub-departments)', async () => {
    const { api, state, today } = await corpAt('2026-12-05T10:00:00+08:00')
    const window = { start_time: today - 10 * DAY_S, end_time: today - DAY_S }
    const department = state.departments.find((candidate) =>
      state.departments.some((child) => child.parentId === candidate.id && candidate.parentId !== 0),
    )!
    const members = membersOfDepartments(state, [department.id], true).map((member) => member.userid)
    expect(members.length).toBeGreaterThan(0)
    const byParty = (await api.post(BEHAVIOR, { ...window, partyid: [department.id] })).behavior_data
    const byMembers = (await api.post(BEHAVIOR, { ...window, userid: members })).behavior_data
    expect(byParty).toEqual(byMembers)
    const root = (await api.post(BEHAVIOR, { ...window, partyid: [1] })).behavior_data
    const everyone = (await api.post(BEHAVIOR, { ...window, userid: state.members.map((m) => m.userid) })).behavior_data
    expect(root).toEqual(everyone)
  })

  it('enforces the windows and limits: ≤ 30 days, the last 180 days, ≤ 100 ids, 81017 for too many owners', async () => {
    const { api, state, today } = await corpAt('2026-12-05T10:00:00+08:00')
    const userid = [state.members[0]!.userid]
    const post = async (body: object) => (await api.post(BEHAVIOR, { userid, ...body })).errcode
    expect(await post({ start_time: today - 30 * DAY_S, end_time: today - DAY_S })).toBe(0)
    expect(await post({ start_time: today - 31 * DAY_S, end_time: today - DAY_S })).toBe(40058)
    expect(await post({ start_time: today - 180 * DAY_S, end_time: today - 151 * DAY_S })).toBe(0)
    expect(await post({ start_time: today - 181 * DAY_S, end_time: today - 152 * DAY_S })).toBe(40058)
    expect(
      (
        await api.post(BEHAVIOR, {
          userid: Array(101).fill(userid[0]),
          start_time: today - DAY_S,
          end_time: today - DAY_S,
        })
      ).errcode,
    ).toBe(40058)
    // Today is never answered: a window ending today gives the complete days only.
    const withToday = await api.post(BEHAVIOR, { userid, start_time: today - 2 * DAY_S, end_time: today })
    expect(withToday.behavior_data.map((day: BehaviorDay) => day.stat_time)).toEqual([today - 2 * DAY_S, today - DAY_S])
    const big = new TestApi(await smallSandbox({ members: 1001, customers: 1000, groups: 10 }))
    const seeded = big.sandbox.state.seededDayMs / 1000
    expect((await big.post(BY_DAY, { day_begin_time: seeded - DAY_S })).errcode).toBe(81017)
  })

  it('answers yesterday with zeros until 08:00 China time, then with the settled figures', async () => {
    const { api, clock, state, today } = await corpAt('2026-12-05T07:59:00+08:00')
    const userid = state.members.map((member) => member.userid)
    const window = { userid, start_time: today - 2 * DAY_S, end_time: today - DAY_S }
    const early = (await api.post(BEHAVIOR, window)).behavior_data as BehaviorDay[]
    expect(early[0]!.message_cnt).toBeGreaterThan(0)
    for (const field of COUNTS) expect(early[1]![field]).toBe(0)
    expect(early[1]!.reply_percentage).toBeUndefined()
    const owners = [...new Set(state.groupChats.map((chat) => chat.owner))].slice(0, 5)
    const groupWindow = {
      day_begin_time: today - DAY_S,
      day_end_time: today - DAY_S,
      owner_filter: { userid_list: owners },
    }
    expect((await api.post(BY_DAY, groupWindow)).items[0].data.chat_total).toBe(0)
    clock.advance(60_000)
    const settled = (await api.post(BEHAVIOR, window)).behavior_data as BehaviorDay[]
    expect(settled[0]).toEqual(early[0])
    expect(settled[1]!.message_cnt).toBeGreaterThan(0)
    expect((await api.post(BY_DAY, groupWindow)).items[0].data.chat_total).toBeGreaterThan(0)
  })

  it('gives the fewest calls for a full cache as ground truth', async () => {
    const { state } = await corpAt('2026-12-05T10:00:00+08:00')
    const truth = statisticsGroundTruth(state)
    const owners = new Set(state.groupChats.map((chat) => chat.owner)).size
    expect(truth).toEqual({
      members: state.members.length,
      owners,
      windows: 6,
      minCalls: 6 * (state.members.length + owners + 1),
    })
  })
})
