import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WECOM_ENDPOINTS, WecomApiError } from '../../../electron/core/wecom'
import type { WecomClient } from '../../../electron/core/wecom'
import { pngBytes, rejectionOf, startWorld, stopWorld, type World } from './support'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** 00:00 China time of the day containing `ms`, in Unix seconds. */
function chinaDayStart(ms: number): number {
  return (Math.floor((ms + 8 * HOUR_MS) / DAY_MS) * DAY_MS - 8 * HOUR_MS) / 1000
}

describe('domain functions against the sandbox', () => {
  let world: World
  let client: WecomClient
  let members: string[]

  beforeAll(async () => {
    world = await startWorld()
    client = world.client()
    members = await client.members.getFollowUserList()
  })
  afterAll(() => stopWorld(world))

  it('members: departments, simple list, profile', async () => {
    const departments = await client.members.listDepartments()
    expect(departments.length).toBeGreaterThan(0)
    const root = departments.find((d) => d.parentid === 0) ?? departments[0]
    const users = await client.members.listUsersSimple(root?.id ?? 1, true)
    expect(users.map((u) => u.userid)).toEqual(expect.arrayContaining(members.slice(0, 1)))
    const profile = await client.members.getUser(members[0] ?? '')
    expect(profile.userid).toBe(members[0])
    expect(profile.name).toBeTruthy()
  })

  it('customers: list, detail with every follower, remark', async () => {
    const userid = members[0] ?? ''
    const ids = await client.customers.list(userid)
    const detail = await client.customers.get(ids[0] ?? '')
    expect(detail.external_contact.external_userid).toBe(ids[0])
    expect(detail.follow_user.map((f) => f.userid)).toContain(userid)

    await client.customers.remark({ userid, external_userid: ids[0] ?? '', remark: '老客户' })
    const after = await client.customers.get(ids[0] ?? '')
    expect(after.follow_user.find((f) => f.userid === userid)?.remark).toBe('老客户')
  })

  it('tags: add, list, edit, mark, delete', async () => {
    const group = await client.tags.addCorpTag({ group_name: '活动', tag: [{ name: '春季' }, { name: '秋季' }] })
    const [spring, autumn] = group.tag ?? []
    expect(spring?.id).toBeTruthy()
    await client.tags.editCorpTag({ id: spring?.id ?? '', name: '春季活动' })
    const listed = await client.tags.getCorpTagList({ group_id: [group.group_id] })
    expect(listed[0]?.tag?.map((t) => t.name)).toEqual(expect.arrayContaining(['春季活动', '秋季']))

    const userid = members[0] ?? ''
    const [customer] = await client.customers.list(userid)
    await client.tags.markTag({ userid, external_userid: customer ?? '', add_tag: [spring?.id ?? ''] })
    const detail = await client.customers.get(customer ?? '')
    expect(detail.follow_user.find((f) => f.userid === userid)?.tags?.map((t) => t.tag_id)).toContain(spring?.id)

    await client.tags.delCorpTag({ tag_id: [autumn?.id ?? ''] })
    const remaining = await client.tags.getCorpTagList({ group_id: [group.group_id] })
    expect(remaining[0]?.tag?.map((t) => t.id)).not.toContain(autumn?.id)
  })

  it('groups: one group with its members', async () => {
    const requestsBefore = world.requests('externalcontact/groupchat/list').length
    let chatId = ''
    for await (const summary of client.groups.list({ limit: 2 })) {
      chatId = summary.chat_id
      break // stopping early fetches no further page
    }
    expect(world.requests('externalcontact/groupchat/list')).toHaveLength(requestsBefore + 1)
    const group = await client.groups.get(chatId, true)
    expect(group.chat_id).toBe(chatId)
    expect(group.member_list?.length).toBeGreaterThan(0)
  })

  it('mass messages: remind and cancel', async () => {
    const { msgid } = await client.massMessages.addMsgTemplate({ sender: members[1], text: { content: '提醒测试' } })
    world.clock.advance(10_000)
    await client.massMessages.remindGroupMsgSend(msgid)
    await client.massMessages.cancelGroupMsgSend(msgid)
    expect(world.requests('externalcontact/cancel_groupmsg_send').at(-1)?.mutated).toBe(true)
  })

  it('moments: publish, follow up, read results, cancel', async () => {
    const media = await client.media.uploadAttachment('image', 1, {
      data: pngBytes(),
      filename: 'm.png',
      contentType: 'image/png',
    })
    const { jobid } = await client.moments.addMomentTask({
      text: { content: '新品上市' },
      attachments: [{ msgtype: 'image', image: { media_id: media.media_id } }],
      visible_range: { sender_list: { user_list: members.slice(0, 3) } },
    })
    world.clock.advance(5_000)
    const job = await client.moments.getMomentTaskResult(jobid)
    expect(job.status).toBe(3)
    const momentId = job.result?.moment_id ?? ''
    expect(momentId).toBeTruthy()

    world.clock.advance(30 * HOUR_MS) // every member has published by now (taskSpeed 1000)
    const nowSeconds = Math.floor(world.clock.now() / 1000)
    const listed = await client.moments
      .getMomentList({ start_time: nowSeconds - 3 * 86_400, end_time: nowSeconds, limit: 20 })
      .all()
    expect(listed.map((m) => m.moment_id)).toContain(momentId)
    const tasks = await client.moments.getMomentTask({ moment_id: momentId, limit: 2 }).all()
    expect(tasks.map((t) => t.userid).sort()).toEqual(members.slice(0, 3).sort())
    const published = tasks.find((t) => t.publish_status === 1)
    expect(published).toBeDefined()
    const userid = published?.userid ?? ''
    const chosen = await client.moments.getMomentCustomerList({ moment_id: momentId, userid }).all()
    const seeing = await client.moments.getMomentSendResult({ moment_id: momentId, userid }).all()
    expect(seeing.length).toBeLessThanOrEqual(chosen.length)
    const comments = await client.moments.getMomentComments(momentId, userid)
    expect(Array.isArray(comments.comment_list) && Array.isArray(comments.like_list)).toBe(true)

    const other = await client.moments.addMomentTask({ text: { content: '取消测试' } })
    world.clock.advance(5_000)
    const otherId = (await client.moments.getMomentTaskResult(other.jobid)).result?.moment_id ?? ''
    await client.moments.cancelMomentTask(otherId)
  })

  it('group welcome templates: add, get, edit, delete', async () => {
    const templateId = await client.welcomeTemplates.add({ text: { content: '欢迎 %NICKNAME% 入群' }, notify: 0 })
    expect((await client.welcomeTemplates.get(templateId)).text?.content).toBe('欢迎 %NICKNAME% 入群')
    await client.welcomeTemplates.edit({ template_id: templateId, text: { content: '欢迎新朋友' } })
    expect((await client.welcomeTemplates.get(templateId)).text?.content).toBe('欢迎新朋友')
    await client.welcomeTemplates.del(templateId)
    const error = await rejectionOf(client.welcomeTemplates.get(templateId))
    expect(error).toBeInstanceOf(WecomApiError)
  })

  it('statistics: behavior series and groups by day', async () => {
    const today = chinaDayStart(world.clock.now())
    const behavior = await client.statistics.getUserBehaviorData({
      userid: members.slice(0, 2),
      start_time: today - 7 * 86_400,
      end_time: today - 86_400,
    })
    expect(behavior).toHaveLength(7)
    const byDay = await client.statistics.groupChatStatisticGroupByDay({
      day_begin_time: today - 3 * 86_400,
      day_end_time: today - 86_400,
      owner_filter: { userid_list: members.slice(0, 5) },
    })
    expect(byDay.map((d) => d.stat_time)).toEqual([today - 3 * 86_400, today - 2 * 86_400, today - 86_400])
  })

  it('media and the remaining lists', async () => {
    const image = { data: pngBytes(), filename: 'p.png', contentType: 'image/png' }
    const uploaded = await client.media.upload('image', image)
    expect((await client.media.get(uploaded.media_id)).data).toEqual(image.data)
    expect(await client.media.uploadImg(image)).toMatch(/^http/)

    const pairs = await client.customers.batchGetByUser({ userid_list: members.slice(0, 2) }).all()
    const { msgid } = await client.massMessages.addMsgTemplate({
      external_userid: pairs.slice(0, 3).map((p) => p.external_contact.external_userid),
      text: { content: 'lists' },
    })
    world.clock.advance(7 * HOUR_MS)
    const nowSeconds = Math.floor(world.clock.now() / 1000)
    const messages = await client.massMessages
      .getGroupMsgListV2({ chat_type: 'single', start_time: nowSeconds - 86_400, end_time: nowSeconds })
      .all()
    expect(messages.map((m) => m.msgid)).toContain(msgid)
    const [task] = await client.massMessages.getGroupMsgTask({ msgid }).all()
    const results = await client.massMessages.getGroupMsgSendResult({ msgid, userid: task?.userid ?? '' }).all()
    expect(results.length).toBeGreaterThan(0)

    const yesterday = chinaDayStart(world.clock.now()) - 86_400
    const owners = await client.statistics.groupChatStatistic({ day_begin_time: yesterday }).all()
    expect(owners.length).toBeGreaterThan(0)
  })

  it('every endpoint of the table was called with its declared method and answered', () => {
    for (const endpoint of Object.values(WECOM_ENDPOINTS)) {
      const requests = world.requests(endpoint.path)
      expect(requests.length, endpoint.path).toBeGreaterThan(0)
      expect(
        requests.every((r) => r.method === endpoint.method),
        endpoint.path,
      ).toBe(true)
      expect(
        requests.some((r) => r.errcode === 0),
        endpoint.path,
      ).toBe(true)
    }
  })
})
