import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WecomClient } from '../../../electron/core/wecom'
import { startWorld, stopWorld, type World } from './support'

const DAY_MS = 86_400_000
const CHINA_OFFSET_MS = 8 * 3_600_000

/** Request bodies the sandbox saw for a path. */
function bodies(world: World, path: string): Record<string, unknown>[] {
  return world.requests(path).map((r) => (r.body ?? {}) as Record<string, unknown>)
}

function expectUnique(keys: string[]): void {
  expect(new Set(keys).size).toBe(keys.length)
}

describe('pagination', () => {
  let world: World
  let client: WecomClient
  let members: string[]

  beforeAll(async () => {
    world = await startWorld()
    client = world.client()
    members = await client.members.getFollowUserList()
  })
  afterAll(() => stopWorld(world))

  it('batch/get_by_user yields every (customer, member) pair of several members exactly once', async () => {
    const chosen = members.slice(0, 5)
    const pairs = await client.customers.batchGetByUser({ userid_list: chosen, limit: 7 }).all()

    const keys = pairs.map((p) => `${p.external_contact.external_userid}/${p.follow_info.userid}`)
    expectUnique(keys)
    const perMember = await Promise.all(
      chosen.map(async (userid) => (await client.customers.list(userid)).map((id) => `${id}/${userid}`)),
    )
    expect([...keys].sort()).toEqual(perMember.flat().sort())
    expect(keys.length).toBeGreaterThan(14) // more than two pages

    const sent = bodies(world, 'externalcontact/batch/get_by_user')
    expect(sent).toHaveLength(Math.ceil(keys.length / 7))
    expect(sent[0]?.cursor).toBeUndefined()
    expect(sent.slice(1).every((body) => typeof body.cursor === 'string' && body.cursor !== '')).toBe(true)
    expect(sent.every((body) => body.limit === 7 && body.userid_list !== undefined)).toBe(true)
  })

  it('resumes from a saved cursor without repeating items', async () => {
    const list = client.customers.batchGetByUser({ userid_list: members.slice(0, 3), limit: 5 })
    const everything = (await list.all()).map((p) => `${p.external_contact.external_userid}/${p.follow_info.userid}`)

    const pages = list.pages()[Symbol.asyncIterator]()
    const first = (await pages.next()).value as { next_cursor?: string; external_contact_list?: unknown[] }
    const resumed = client.customers.batchGetByUser({
      userid_list: members.slice(0, 3),
      limit: 5,
      cursor: first.next_cursor ?? '',
    })
    const rest = (await resumed.all()).map((p) => `${p.external_contact.external_userid}/${p.follow_info.userid}`)

    expect(first.external_contact_list).toHaveLength(5)
    expect(rest).toEqual(everything.slice(5))
  })

  it('groupchat/list with a small limit yields every group exactly once', async () => {
    const paged = (await client.groups.list({ limit: 7 }).all()).map((g) => g.chat_id)
    const oneCall = (await client.groups.list({ limit: 1000 }).all()).map((g) => g.chat_id)

    expectUnique(paged)
    expect(paged.length).toBeGreaterThan(7)
    expect([...paged].sort()).toEqual([...oneCall].sort())
  })

  it('get_groupmsg_list_v2 yields every mass message exactly once', async () => {
    const created: string[] = []
    for (const sender of members.slice(0, 5)) {
      created.push(
        (await client.massMessages.addMsgTemplate({ sender, text: { content: `hello from ${sender}` } })).msgid,
      )
    }
    const nowSeconds = Math.floor(world.clock.now() / 1000)

    const listed = await client.massMessages
      .getGroupMsgListV2({
        chat_type: 'single',
        start_time: nowSeconds - 20 * 86_400,
        end_time: nowSeconds + 60,
        limit: 2,
      })
      .all()

    const ids = listed.map((m) => m.msgid)
    expectUnique(ids)
    expect(ids).toEqual(expect.arrayContaining(created))
    expect(world.requests('externalcontact/get_groupmsg_list_v2').length).toBeGreaterThanOrEqual(3)
  })

  it('get_groupmsg_task and send results page with `cursor`, never `msgcursorid`', async () => {
    const customers = await client.customers.batchGetByUser({ userid_list: members.slice(0, 4), limit: 100 }).all()
    const { msgid } = await client.massMessages.addMsgTemplate({
      external_userid: [...new Set(customers.map((c) => c.external_contact.external_userid))],
      text: { content: 'to many members' },
    })
    world.clock.advance(3 * 3_600_000) // past dispatch (41063) and past most members' sending

    const tasks = await client.massMessages.getGroupMsgTask({ msgid, limit: 1 }).all()
    expectUnique(tasks.map((t) => t.userid))
    expect(tasks.length).toBeGreaterThanOrEqual(2)
    const firstSender = tasks[0]?.userid ?? ''
    const results = await client.massMessages.getGroupMsgSendResult({ msgid, userid: firstSender, limit: 2 }).all()
    expectUnique(results.map((r) => r.external_userid ?? ''))
    expect(results.length).toBeGreaterThan(2)
    expect(world.requests('externalcontact/get_groupmsg_send_result')).toHaveLength(Math.ceil(results.length / 2))

    for (const path of ['externalcontact/get_groupmsg_task', 'externalcontact/get_groupmsg_send_result']) {
      const sent = bodies(world, path)
      expect(sent.length).toBeGreaterThanOrEqual(2)
      expect(sent.some((body) => 'msgcursorid' in body)).toBe(false)
      expect(sent.slice(1).every((body) => typeof body.cursor === 'string' && body.cursor !== '')).toBe(true)
    }
  })

  it('groupchat/statistic pages by offset until total', async () => {
    const todayStart = Math.floor((world.clock.now() + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS
    const yesterday = (todayStart - DAY_MS) / 1000

    const items = await client.statistics.groupChatStatistic({ day_begin_time: yesterday, limit: 3 }).all()

    expectUnique(items.map((item) => item.owner))
    const sent = bodies(world, 'externalcontact/groupchat/statistic')
    expect(items.length).toBeGreaterThan(3)
    expect(sent.map((body) => body.offset)).toEqual(
      Array.from({ length: Math.ceil(items.length / 3) }, (_, i) => i * 3),
    )
  })
})
