import { describe, expect, it } from 'vitest'
import { DAY_MS, HOUR_MS, SECOND_MS } from '../../../electron/core/sandbox/clock'
import { receiveCapPeriod } from '../../../electron/core/sandbox/deliveries'
import { deletedByCustomer } from '../../../electron/core/sandbox/progress'
import { cjkText, collectPages, smallSandbox, TestApi, TestClock } from './helpers'

const ADD = 'externalcontact/add_msg_template'
const PNG = new Uint8Array(64)

async function clockedApi(taskSpeed = 1) {
  const clock = new TestClock()
  const api = new TestApi(await smallSandbox({ now: clock.now, taskSpeed }))
  return { api, clock, state: api.sandbox.state }
}

async function uploadImage(api: TestApi): Promise<string> {
  return (await api.upload('media/upload', { type: 'image' }, 'cover.png', PNG)).media_id as string
}

describe('add_msg_template validation', () => {
  it('enforces text bytes, attachment count and type, and non-empty content', async () => {
    const { api, state } = await clockedApi()
    const base = { external_userid: [state.customers[0]!.externalUserid] }
    expect((await api.post(ADD, { ...base, text: { content: cjkText(1333, 1) } })).errcode).toBe(0)
    expect((await api.post(ADD, { ...base, text: { content: cjkText(1333, 2) } })).errcode).toBe(40058)
    const link = { msgtype: 'link', link: { title: '活动', url: 'https://example.com' } }
    expect((await api.post(ADD, { ...base, attachments: Array(9).fill(link) })).errcode).toBe(0)
    expect((await api.post(ADD, { ...base, attachments: Array(10).fill(link) })).errcode).toBe(41064)
    expect((await api.post(ADD, { ...base, attachments: [{ msgtype: 'music', music: {} }] })).errcode).toBe(41065)
    expect(
      (
        await api.post(ADD, {
          ...base,
          attachments: [{ msgtype: 'link', link: { title: 'a'.repeat(129), url: 'https://x' } }],
        })
      ).errcode,
    ).toBe(40058)
    expect((await api.post(ADD, { ...base, attachments: [{ msgtype: 'link', link: { title: 'a' } }] })).errcode).toBe(
      40058,
    )
    expect((await api.post(ADD, base)).errcode).toBe(40058)
  })

  it('enforces recipient counts and the sender rule for groups', async () => {
    const { api, state } = await clockedApi()
    const ids = Array.from({ length: 10_001 }, (_, i) => `wm${i}`)
    expect((await api.post(ADD, { external_userid: ids, text: { content: 'hi' } })).errcode).toBe(40058)
    const owner = state.groupChats[0]!.owner
    const chats = Array.from({ length: 2001 }, (_, i) => `wr${i}`)
    expect(
      (await api.post(ADD, { chat_type: 'group', sender: owner, chat_id_list: chats, text: { content: 'hi' } }))
        .errcode,
    ).toBe(40058)
    expect((await api.post(ADD, { chat_type: 'group', text: { content: 'hi' } })).errcode).toBe(40058)
    expect((await api.post(ADD, { text: { content: 'hi' } })).errcode).toBe(40058)
  })

  it('checks media_ids: unknown, expired after 3 days, or from upload_attachment → 40007', async () => {
    const { api, clock, state } = await clockedApi()
    const base = { external_userid: [state.customers[0]!.externalUserid] }
    const image = (mediaId: string) => ({ ...base, attachments: [{ msgtype: 'image', image: { media_id: mediaId } }] })
    const mediaId = await uploadImage(api)
    expect((await api.post(ADD, image(mediaId))).errcode).toBe(0)
    expect((await api.post(ADD, image('3unknown'))).errcode).toBe(40007)
    const momentImage = await api.upload(
      'media/upload_attachment',
      { media_type: 'image', attachment_type: 1 },
      'm.png',
      PNG,
    )
    expect((await api.post(ADD, image(momentImage.media_id))).errcode).toBe(40007)
    clock.advance(3 * DAY_MS)
    expect((await api.post(ADD, image(mediaId))).errcode).toBe(40007)
  })
})

describe('mass message lifecycle', () => {
  it('routes listed customers to their latest follower and reports invalid ids in fail_list', async () => {
    const { api, state } = await clockedApi()
    const shared = state.customers.find((customer) => customer.follows.length > 1)!
    const latest = shared.follows.reduce((a, b) => (b.createTime > a.createTime ? b : a))
    const added = await api.post(ADD, {
      external_userid: [shared.externalUserid, 'wmghost'],
      text: { content: '你好' },
    })
    expect(added).toMatchObject({ errcode: 0, fail_list: ['wmghost'] })
    const message = state.massMessages.find((candidate) => candidate.msgid === added.msgid)!
    expect(message.tasks).toEqual([
      expect.objectContaining({ userid: latest.userid, recipients: [shared.externalUserid] }),
    ])
  })

  it('with a sender, targets the sender’s customers matching tag_filter (OR within a group, AND across)', async () => {
    const { api, state } = await clockedApi()
    const sender = state.members[0]!.userid
    const [levels, intents] = [state.tagGroups[0]!, state.tagGroups[1]!]
    const filter = [levels.tags.slice(0, 2).map((tag) => tag.id), intents.tags.slice(0, 1).map((tag) => tag.id)]
    const added = await api.post(ADD, {
      sender,
      tag_filter: { group_list: filter.map((tag_list) => ({ tag_list })) },
      text: { content: 'hi' },
    })
    const recipients = state.massMessages.find((message) => message.msgid === added.msgid)!.tasks[0]!.recipients
    const expected = (state.customersByMember.get(sender) ?? []).filter((customer) => {
      const tags = customer.follows.find((follow) => follow.userid === sender)!.tagIds
      return filter.every((group) => group.some((tagId) => tags.includes(tagId)))
    })
    expect(recipients).toEqual(expected.map((customer) => customer.externalUserid))
  })

  it('lists created messages, answers 41063 while dispatching, then progresses tasks and results', async () => {
    const { api, clock, state } = await clockedApi()
    const customers = state.customers.slice(0, 300).map((customer) => customer.externalUserid)
    const added = await api.post(ADD, { external_userid: customers, text: { content: '会员日' } })
    const nowSeconds = Math.floor(clock.ms / 1000)
    const listed = await api.post('externalcontact/get_groupmsg_list_v2', {
      chat_type: 'single',
      start_time: nowSeconds - 60,
      end_time: nowSeconds + 60,
    })
    expect(listed.group_msg_list).toEqual([
      expect.objectContaining({ msgid: added.msgid, create_type: 0, text: { content: '会员日' } }),
    ])
    expect(listed.group_msg_list[0].creator).toBeUndefined()
    expect((await api.post('externalcontact/get_groupmsg_task', { msgid: added.msgid })).errcode).toBe(41063)
    clock.advance(2 * SECOND_MS)
    const pending = await api.post('externalcontact/get_groupmsg_task', { msgid: added.msgid })
    expect(pending.task_list.every((task: { status: number }) => task.status === 0)).toBe(true)
    clock.advance(7 * HOUR_MS)
    const done = await api.post('externalcontact/get_groupmsg_task', { msgid: added.msgid })
    expect(
      done.task_list.every((task: { status: number; send_time?: number }) => task.status === 2 && task.send_time),
    ).toBe(true)
    const statuses: number[] = []
    for (const task of done.task_list as Array<{ userid: string }>) {
      const results = await collectPages<{ status: number }>(
        (cursor) =>
          api.post('externalcontact/get_groupmsg_send_result', {
            msgid: added.msgid,
            userid: task.userid,
            cursor,
            limit: 3,
          }),
        'send_list',
      )
      statuses.push(...results.map((result) => result.status))
    }
    expect(statuses).toHaveLength(300)
    expect(statuses.filter((status) => status === 1).length).toBeGreaterThan(250)
    expect(statuses.every((status) => status >= 1 && status <= 3)).toBe(true)
  })

  it('progresses within milliseconds at a high taskSpeed', async () => {
    const api = new TestApi(await smallSandbox({ taskSpeed: 1_000_000 }))
    const added = await api.post(ADD, {
      external_userid: [api.sandbox.state.customers[0]!.externalUserid],
      text: { content: 'x' },
    })
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect((await api.post('externalcontact/get_groupmsg_task', { msgid: added.msgid })).task_list[0].status).toBe(2)
  })

  it('stops progress on cancel', async () => {
    const { api, clock, state } = await clockedApi()
    const added = await api.post(ADD, {
      external_userid: state.customers.slice(0, 50).map((c) => c.externalUserid),
      text: { content: 'x' },
    })
    clock.advance(2 * SECOND_MS)
    expect((await api.post('externalcontact/cancel_groupmsg_send', { msgid: added.msgid })).errcode).toBe(0)
    clock.advance(DAY_MS)
    const tasks = await api.post('externalcontact/get_groupmsg_task', { msgid: added.msgid })
    expect(tasks.task_list.every((task: { status: number }) => task.status === 0)).toBe(true)
  })

  it('allows 3 reminders per msgid in 24 hours', async () => {
    const { api, clock, state } = await clockedApi()
    const added = await api.post(ADD, { external_userid: [state.customers[0]!.externalUserid], text: { content: 'x' } })
    const remind = () => api.post('externalcontact/remind_groupmsg_send', { msgid: added.msgid })
    const codes = [
      (await remind()).errcode,
      (await remind()).errcode,
      (await remind()).errcode,
      (await remind()).errcode,
    ]
    expect(codes).toEqual([0, 0, 0, 40058])
    clock.advance(DAY_MS)
    expect((await remind()).errcode).toBe(0)
  })

  it('validates list_v2 windows and limits, and pages it exactly once', async () => {
    const { api, state } = await clockedApi()
    const end = Math.floor(state.seededDayMs / 1000)
    const window = { chat_type: 'single', start_time: end - 31 * 86_400, end_time: end }
    expect(
      (await api.post('externalcontact/get_groupmsg_list_v2', { ...window, start_time: end - 32 * 86_400 })).errcode,
    ).toBe(40058)
    expect(
      (await api.post('externalcontact/get_groupmsg_list_v2', { start_time: end - 86_400, end_time: end })).errcode,
    ).toBe(40058)
    const all = await api.post('externalcontact/get_groupmsg_list_v2', { ...window, limit: 100 })
    const paged = await collectPages<{ msgid: string }>(
      (cursor) => api.post('externalcontact/get_groupmsg_list_v2', { ...window, cursor, limit: 2 }),
      'group_msg_list',
    )
    expect(paged.map((message) => message.msgid)).toEqual(
      all.group_msg_list.map((message: { msgid: string }) => message.msgid),
    )
    expect(paged.length).toBeGreaterThan(2)
    const personal = await api.post('externalcontact/get_groupmsg_list_v2', { ...window, filter_type: 1 })
    expect(personal.group_msg_list.every((message: { create_type: number }) => message.create_type === 1)).toBe(true)
  })

  it('answers the default page of 50 when list_v2 limit is over 100', async () => {
    const { api, clock, state } = await clockedApi()
    for (let i = 0; i < 55; i++)
      await api.post(ADD, { external_userid: [state.customers[i]!.externalUserid], text: { content: `${i}` } })
    const now = Math.floor(clock.ms / 1000)
    const page = await api.post('externalcontact/get_groupmsg_list_v2', {
      chat_type: 'single',
      start_time: now - 60,
      end_time: now,
      limit: 101,
    })
    expect(page.group_msg_list).toHaveLength(50)
    expect(page.next_cursor).not.toBe('')
  })

  it('answers the default page of 500 when a task or result limit is over 1,000, as documented', async () => {
    const clock = new TestClock()
    const api = new TestApi(await smallSandbox({ now: clock.now, members: 2 }))
    const state = api.sandbox.state
    const follower = [...state.customersByMember].sort((a, b) => b[1].length - a[1].length)[0]![0]
    const added = await api.post(ADD, { sender: follower, text: { content: 'x' } })
    clock.advance(2 * SECOND_MS)
    const body = { msgid: added.msgid, userid: follower }
    const mine = state.customersByMember.get(follower)!.length
    expect(mine).toBeGreaterThan(1000)
    const over = await api.post('externalcontact/get_groupmsg_send_result', { ...body, limit: 1001 })
    const max = await api.post('externalcontact/get_groupmsg_send_result', { ...body, limit: 1000 })
    expect(over.send_list).toHaveLength(500)
    expect(max.send_list).toHaveLength(1000)
  })

  it('sends group messages to the sender’s own groups', async () => {
    const { api, clock, state } = await clockedApi()
    const owner = state.groupChats[0]!.owner
    const owned = state.groupChats.filter((chat) => chat.owner === owner).map((chat) => chat.chatId)
    const added = await api.post(ADD, { chat_type: 'group', sender: owner, text: { content: '群发' } })
    clock.advance(7 * HOUR_MS)
    const results = await api.post('externalcontact/get_groupmsg_send_result', { msgid: added.msgid, userid: owner })
    expect(results.send_list.map((result: { chat_id: string }) => result.chat_id)).toEqual(owned)
  })
})

describe('a send made from the console completes on the sandbox clock (issue 9, item 8)', () => {
  const TASK = 'externalcontact/get_groupmsg_task'
  const RESULT = 'externalcontact/get_groupmsg_send_result'

  /** Every recipient's status of a message, via get_groupmsg_task → get_groupmsg_send_result, as a client reads them. */
  async function statuses(api: TestApi, msgid: string): Promise<Map<string, number>> {
    const tasks = await collectPages<{ userid: string }>((cursor) => api.post(TASK, { msgid, cursor }), 'task_list')
    const out = new Map<string, number>()
    for (const task of tasks) {
      const rows = await collectPages<{ external_userid?: string; chat_id?: string; status: number }>(
        (cursor) => api.post(RESULT, { msgid, userid: task.userid, cursor }),
        'send_list',
      )
      for (const row of rows) out.set(row.external_userid ?? row.chat_id ?? '', row.status)
    }
    return out
  }

  async function sentShare(api: TestApi, msgid: string): Promise<number> {
    const tasks = await collectPages<{ status: number }>((cursor) => api.post(TASK, { msgid, cursor }), 'task_list')
    return tasks.filter((task) => task.status === 2).length / tasks.length
  }

  it('members confirm within minutes at speed 1, all of them within 6 h; reminded members send sooner', async () => {
    const { api, clock, state } = await clockedApi()
    // As the console sends: customers by external_userid, no sender; WeCom routes each to a member.
    const customers = state.customers.slice(0, 1500).map((customer) => customer.externalUserid)
    const { msgid } = await api.post(ADD, { external_userid: customers, text: { content: '新品' } })
    const tasks = state.massMessages.find((message) => message.msgid === msgid)!.tasks
    expect(tasks.length).toBeGreaterThan(20)
    clock.advance(2 * SECOND_MS)
    expect(await sentShare(api, msgid)).toBe(0)
    clock.advance(2 * 60 * SECOND_MS)
    expect(await sentShare(api, msgid)).toBeGreaterThan(0.4)
    clock.advance(13 * 60 * SECOND_MS)
    const after15Minutes = await sentShare(api, msgid)
    expect(after15Minutes).toBeGreaterThan(0.75)
    expect(after15Minutes).toBeLessThan(1)
    // A remind gets the members who have not sent yet to act within minutes.
    expect((await api.post('externalcontact/remind_groupmsg_send', { msgid })).errcode).toBe(0)
    clock.advance(5 * 60 * SECOND_MS)
    expect(await sentShare(api, msgid)).toBe(1)

    const { msgid: later } = await api.post(ADD, { external_userid: customers.slice(0, 300), text: { content: 'x' } })
    clock.advance(6 * HOUR_MS)
    expect(await sentShare(api, later)).toBe(1)
  })

  it('ends in status 2 for customers who deleted their member, for every message of that member', async () => {
    const { api, clock, state } = await clockedApi()
    const customers = state.customers.slice(0, 1500).map((customer) => customer.externalUserid)
    const first = await api.post(ADD, { external_userid: customers, text: { content: '一' } })
    const second = await api.post(ADD, { external_userid: customers, text: { content: '二' } })
    clock.advance(7 * HOUR_MS)
    const [a, b] = [await statuses(api, first.msgid), await statuses(api, second.msgid)]
    const notFriends = [...a].filter(([, status]) => status === 2).map(([id]) => id)
    expect(notFriends.length).toBeGreaterThan(5)
    expect(notFriends.length).toBeLessThan(customers.length * 0.05)
    expect([...b].filter(([, status]) => status === 2).map(([id]) => id)).toEqual(notFriends)
    expect([...a.values()].every((status) => status === 1 || status === 2)).toBe(true)
  })

  it('ends in status 3 once a recipient has received the corp’s cap in the period (1 per day here)', async () => {
    const clock = new TestClock()
    const api = new TestApi(await smallSandbox({ now: clock.now, receiveCap: 'daily-1' }))
    const customers = api.sandbox.state.customers.slice(0, 200).map((customer) => customer.externalUserid)
    const first = await api.post(ADD, { external_userid: customers, text: { content: '一' } })
    clock.advance(7 * HOUR_MS) // 17:00 China time: everyone has sent the first
    const second = await api.post(ADD, { external_userid: customers, text: { content: '二' } })
    clock.advance(6 * HOUR_MS + 30 * 60 * SECOND_MS) // 23:30: the same day
    const [a, b] = [await statuses(api, first.msgid), await statuses(api, second.msgid)]
    for (const id of customers) {
      if (a.get(id) === 1) expect(b.get(id)).toBe(3)
      if (a.get(id) === 2) expect(b.get(id)).toBe(2)
    }
    expect([...b.values()].filter((status) => status === 3).length).toBeGreaterThan(150)
    // The next natural day (China time) starts a new period.
    clock.advance(10 * HOUR_MS) // 09:30 the next day
    const third = await api.post(ADD, { external_userid: customers, text: { content: '三' } })
    clock.advance(7 * HOUR_MS)
    expect([...(await statuses(api, third.msgid)).values()].filter((status) => status === 3)).toEqual([])
  })

  it('allows as many messages per month as the month has days by default', async () => {
    const { api, clock, state } = await clockedApi()
    // A customer still friends with the member who gets their tasks (the latest follower).
    const customer = state.customers.find((c) => {
      const latest = c.follows.reduce((a, b) => (b.createTime > a.createTime ? b : a))
      return !deletedByCustomer(state.seed, 'single', c.externalUserid, latest.userid)
    })!.externalUserid
    const msgids: string[] = []
    for (let i = 0; i < 31; i++) {
      msgids.push((await api.post(ADD, { external_userid: [customer], text: { content: `${i}` } })).msgid)
      clock.advance(7 * HOUR_MS)
    }
    const outcome = [] as number[]
    for (const msgid of msgids) outcome.push((await statuses(api, msgid)).get(customer)!)
    // June has 30 days; the test starts on 2 June and 31 sends 7 h apart stay within June.
    expect(outcome.slice(0, 30).every((status) => status === 1)).toBe(true)
    expect(outcome[30]).toBe(3)
  })
})

describe('receive-cap periods of the sandbox corp (China time)', () => {
  const china = (iso: string) => Date.parse(`${iso}+08:00`)

  it('counts natural days, Monday-first weeks and months of as many messages as days', () => {
    const sundayNight = china('2025-06-08T23:30:00')
    expect(receiveCapPeriod('daily-1', sundayNight)).toEqual({
      startMs: china('2025-06-08T00:00:00'),
      endMs: china('2025-06-09T00:00:00'),
      cap: 1,
    })
    expect(receiveCapPeriod('weekly-7', sundayNight)).toEqual({
      startMs: china('2025-06-02T00:00:00'),
      endMs: china('2025-06-09T00:00:00'),
      cap: 7,
    })
    expect(receiveCapPeriod('weekly-7', china('2025-06-09T00:00:00')).startMs).toBe(china('2025-06-09T00:00:00'))
    expect(receiveCapPeriod('days-in-month', china('2024-02-29T23:59:00'))).toEqual({
      startMs: china('2024-02-01T00:00:00'),
      endMs: china('2024-03-01T00:00:00'),
      cap: 29,
    })
    // 2025-01-31 20:00 UTC is already February in China.
    expect(receiveCapPeriod('days-in-month', Date.parse('2025-01-31T20:00:00Z')).cap).toBe(28)
  })
})
