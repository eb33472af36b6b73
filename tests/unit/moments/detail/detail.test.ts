import { Buffer } from 'node:buffer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliveredAppMessages, SANDBOX_AGENTID } from '../../../../electron/core/sandbox/handlers/app-messages'
import type { SandboxHandle, SandboxState } from '../../../../electron/core/sandbox/types'
import type { WecomClient } from '../../../../electron/core/wecom'
import type { DraftSummary, Draft } from '../../../../shared/massMessages'
import {
  interactingCustomers,
  type MomentCancelResult,
  type MomentCustomersPage,
  type MomentDetail,
  type MomentDetailProgress,
  type MomentRemindResult,
} from '../../../../shared/moments-detail'
import { invokeOk, startCorp, startCoreOn, syncThroughCore, type CoreOnSandbox } from '../../customers/support'

type Moment = SandboxState['moments'][number]

let sandbox: SandboxHandle
let client: WecomClient
let app: CoreOnSandbox

beforeAll(async () => {
  ;({ sandbox, client } = await startCorp())
  app = await startCoreOn(sandbox)
  await syncThroughCore(app.core)
})
afterAll(async () => {
  await app.close()
  await sandbox.close()
})

/** Ground truth at task speed 1: a member has published once their delay has passed (never when Infinity). */
const publishedNow = (moment: Moment, userid: string) => {
  const task = moment.tasks.find((candidate) => candidate.userid === userid)!
  return moment.cancelledAtMs === undefined && moment.createdAtMs + task.publishDelayMs <= Date.now()
}

/** A seeded corp moment over two days old, with members who never published it and interactions. */
function settledCorpMoment(): Moment {
  const found = sandbox.state.moments.find(
    (moment) =>
      moment.createType === 0 &&
      moment.createdAtMs < Date.now() - 3 * 86_400_000 &&
      moment.customerTagIds.length === 0 &&
      moment.tasks.length >= 4 &&
      moment.tasks.some((task) => task.publishDelayMs === Infinity),
  )
  if (!found) throw new Error('the seed has no settled corp moment with a member who never published')
  return found
}

const detailOf = (moment: Moment, refresh = false) =>
  invokeOk<MomentDetail>(app.core, 'moments:detail', { momentId: moment.momentId, createType: 0, refresh })

/** Publishes a text moment through add_moment_task for `userids` and waits for its job (about 3 s). */
async function newCorpMoment(userids: string[], content: string): Promise<string> {
  const { jobid } = await client.moments.addMomentTask({
    text: { content },
    visible_range: { sender_list: { user_list: userids } },
  })
  for (;;) {
    const job = await client.moments.getMomentTaskResult(jobid)
    if (job.status === 3) return job.result!.moment_id!
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

describe('moment detail against the sandbox over HTTP', () => {
  it('members’ publish status and the completion rate follow get_moment_task, names from the member cache', async () => {
    const moment = settledCorpMoment()
    const detail = await detailOf(moment)
    expect(detail.corp).toBe(true)
    expect(detail.members.map((member) => member.userid).sort()).toEqual(moment.tasks.map((task) => task.userid).sort())
    for (const member of detail.members) {
      expect(member.published, member.userid).toBe(publishedNow(moment, member.userid))
      expect(member.memberName).toBe(sandbox.state.memberById.get(member.userid)!.name)
    }
    const published = moment.tasks.filter((task) => publishedNow(moment, task.userid)).length
    expect(detail.totals).toMatchObject({ members: moment.tasks.length, published })
    expect(detail.totals.rate).toBeCloseTo(published / moment.tasks.length, 10)
    expect(detail.totals.published).toBeLessThan(detail.totals.members)
  })

  it('interactions: every like and comment of every published member, customers named from the cache, colleagues as members', async () => {
    const moment = settledCorpMoment()
    const detail = await detailOf(moment)
    const expected: string[] = []
    for (const member of detail.members.filter((candidate) => candidate.published)) {
      const raw = await client.moments.getMomentComments(moment.momentId, member.userid)
      for (const [type, list] of [
        ['like', raw.like_list],
        ['comment', raw.comment_list],
      ] as const)
        for (const item of list)
          expected.push(`${type}|${member.userid}|${item.external_userid ?? item.userid}|${item.create_time * 1000}`)
      expect(member.likes).toBe(raw.like_list.length)
      expect(member.comments).toBe(raw.comment_list.length)
    }
    const got = detail.interactions.map(
      (entry) =>
        `${entry.type}|${entry.posterUserid}|${entry.actor.kind === 'customer' ? entry.actor.externalUserid : entry.actor.userid}|${entry.at}`,
    )
    expect(got.sort()).toEqual(expected.sort())
    expect(expected.length).toBeGreaterThan(0)
    expect(detail.totals.likes + detail.totals.comments).toBe(expected.length)
    for (const entry of detail.interactions) {
      if (entry.actor.kind === 'customer')
        expect(entry.actor.name).toBe(sandbox.state.customerById.get(entry.actor.externalUserid)!.name)
      else expect(entry.actor.name).toBe(sandbox.state.memberById.get(entry.actor.userid)!.name)
      expect(entry.posterName).toBe(sandbox.state.memberById.get(entry.posterUserid)!.name)
    }
    const times = detail.interactions.map((entry) => entry.at)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(detail.totals.interactingCustomers).toBe(interactingCustomers(detail.interactions).length)
  })

  it('colleagues’ likes and comments (userid, not a customer) are named as members', async () => {
    // Across the settled corp moments some member's post has a colleague's like or comment.
    const moments = sandbox.state.moments
      .filter((moment) => moment.createType === 0 && moment.createdAtMs < Date.now() - 3 * 86_400_000)
      .slice(-6)
    const colleagues = []
    for (const moment of moments) {
      const detail = await detailOf(moment)
      colleagues.push(...detail.interactions.filter((entry) => entry.actor.kind === 'member'))
    }
    expect(colleagues.length).toBeGreaterThan(0)
    for (const entry of colleagues) {
      expect(entry.actor.kind === 'member' && entry.actor.name).toBe(
        sandbox.state.memberById.get((entry.actor as { userid: string }).userid)!.name,
      )
    }
  })

  it('a second open answers from memory; refresh reads WeCom again', async () => {
    const moment = settledCorpMoment()
    await detailOf(moment)
    const before = sandbox.requestLog.length
    await detailOf(moment)
    expect(sandbox.requestLog.length).toBe(before)
    await detailOf(moment, true)
    expect(sandbox.requestLog.slice(before).some((r) => r.path === 'externalcontact/get_moment_task')).toBe(true)
  })

  it('a member’s customers: chosen vs able to see it, named with the member’s remark, paged and searched', async () => {
    const moment = settledCorpMoment()
    const detail = await detailOf(moment)
    const member = detail.members.find((candidate) => candidate.published)!
    const query = { momentId: moment.momentId, userid: member.userid }
    const visibleIds = (
      await client.moments.getMomentSendResult({ moment_id: moment.momentId, userid: member.userid }).all()
    ).map((entry) => entry.external_userid)
    const chosenIds = (
      await client.moments.getMomentCustomerList({ moment_id: moment.momentId, userid: member.userid }).all()
    ).map((entry) => entry.external_userid)

    const first = await invokeOk<MomentCustomersPage>(app.core, 'moments:memberCustomers', { ...query, limit: 10 })
    expect(first).toMatchObject({ chosen: chosenIds.length, visible: visibleIds.length, total: visibleIds.length })
    expect(first.memberName).toBe(member.memberName)
    const all: string[] = []
    for (let offset = 0; offset < first.total; offset += 10) {
      const page = await invokeOk<MomentCustomersPage>(app.core, 'moments:memberCustomers', {
        ...query,
        offset,
        limit: 10,
      })
      all.push(...page.rows.map((row) => row.externalUserid))
      for (const row of page.rows) {
        const customer = sandbox.state.customerById.get(row.externalUserid)!
        expect(row.name).toBe(customer.name)
        expect(row.remark).toBe(customer.follows.find((f) => f.userid === member.userid)?.remark ?? '')
        expect(row.visible).toBe(true)
      }
    }
    expect(all.sort()).toEqual([...visibleIds].sort())

    const hidden = await invokeOk<MomentCustomersPage>(app.core, 'moments:memberCustomers', {
      ...query,
      view: 'hidden',
      limit: 500,
    })
    expect(hidden.rows.map((row) => row.externalUserid).sort()).toEqual(
      chosenIds.filter((id) => !visibleIds.includes(id)).sort(),
    )
    expect(hidden.rows.every((row) => !row.visible)).toBe(true)

    const someone = sandbox.state.customerById.get(visibleIds[0]!)!
    const found = await invokeOk<MomentCustomersPage>(app.core, 'moments:memberCustomers', {
      ...query,
      search: someone.name,
    })
    expect(found.rows.map((row) => row.externalUserid)).toContain(someone.externalUserid)
    expect(found.rows.every((row) => row.name.includes(someone.name) || row.remark.includes(someone.name))).toBe(true)
  })

  it('act on it: the customers who liked or commented get a tag (WeCom and the customer cache) and become a mass-message draft', async () => {
    const moment = settledCorpMoment()
    const detail = await detailOf(moment)
    const ids = interactingCustomers(detail.interactions)
    expect(ids.length).toBeGreaterThan(0)
    const tag = sandbox.state.tagGroups[0]!.tags[0]!
    const progress: Array<{ done: number; total: number }> = []
    const unsubscribe = app.core.events.subscribe((channel, payload) => {
      if (channel === 'customers:onBulkTagsProgress') progress.push(payload as { done: number; total: number })
    })
    const result = await invokeOk<{ failed: number; customers: number }>(app.core, 'customers:bulkTags', {
      scope: { externalUserids: ids },
      add: [tag.id],
    })
    unsubscribe()
    expect(result).toMatchObject({ failed: 0, customers: ids.length })
    expect(progress.at(-1)?.done).toBe(progress.at(-1)?.total)
    for (const id of ids) {
      // WeCom (the sandbox) and the local cache both carry the tag on every relation of the customer.
      const follows = sandbox.state.customerById.get(id)!.follows
      expect(follows.every((follow) => follow.tagIds.includes(tag.id))).toBe(true)
      const cached = app.workspace.db
        .prepare('SELECT count(*) AS n FROM follow_tags WHERE external_userid = ? AND tag_id = ?')
        .get(id, tag.id) as { n: number }
      expect(cached.n).toBe(follows.length)
    }

    const draft = await invokeOk<DraftSummary>(app.core, 'massMessages:saveDraft', {
      title: '朋友圈互动客户',
      chatType: 'single',
      content: { text: '' },
      targeting: { mode: 'customers', externalUserids: ids },
    })
    const stored = await invokeOk<Draft>(app.core, 'massMessages:getDraft', { id: draft.id })
    expect(stored.targeting).toEqual({ mode: 'customers', externalUserids: ids })
  })

  it('export: members, every published member’s customers and the interactions as three sheets / CSV tables', async () => {
    const moment = settledCorpMoment()
    const detail = await detailOf(moment)
    const steps: MomentDetailProgress[] = []
    const unsubscribe = app.core.events.subscribe((channel, payload) => {
      if (channel === 'moments:onDetailProgress') steps.push(payload as MomentDetailProgress)
    })
    const file = await invokeOk<{ filename: string; dataBase64: string }>(app.core, 'moments:exportDetail', {
      momentId: moment.momentId,
      format: 'csv',
      createType: 0,
      momentText: '夏季/新品: 上市',
      createTime: moment.createdAtMs,
    })
    unsubscribe()
    expect(file.filename).toMatch(/^夏季 新品 上市-\d{8}-\d{4}\.csv$/)
    const lines = Buffer.from(file.dataBase64, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    // Three titled tables, one after another: title row, header row, rows; an empty row between.
    const sections = new Map<string, number>()
    for (const block of lines.join('\n').split(/\n\s*\n/)) {
      const [title, , ...rows] = block.split('\n')
      sections.set(title!.replace(/^"|"$/g, ''), rows.length)
    }
    expect([...sections.keys()]).toEqual(['成员发表情况', '成员的客户', '点赞和评论'])
    const section = (name: string) => sections.get(name)
    expect(section('成员发表情况')).toBe(detail.members.length)
    expect(section('点赞和评论')).toBe(detail.interactions.length)
    let customers = 0
    for (const member of detail.members.filter((candidate) => candidate.published)) {
      const page = await invokeOk<MomentCustomersPage>(app.core, 'moments:memberCustomers', {
        momentId: moment.momentId,
        userid: member.userid,
        view: 'chosen',
        limit: 1,
      })
      customers += page.total
    }
    expect(section('成员的客户')).toBe(customers)
    if (detail.totals.published >= 8)
      expect(steps.at(-1)).toMatchObject({ step: 'customers', done: detail.totals.published })

    const xlsx = await invokeOk<{ filename: string; dataBase64: string }>(app.core, 'moments:exportDetail', {
      momentId: moment.momentId,
      format: 'xlsx',
      createType: 0,
    })
    expect(xlsx.filename).toMatch(/^朋友圈详情-\d{8}-\d{4}\.xlsx$/)
    expect(Buffer.from(xlsx.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK')
  })

  it('a personal moment: its creator is the one poster; remind and stop say it is personal', async () => {
    const personal = sandbox.state.moments.find(
      (moment) => moment.createType === 1 && moment.creator && moment.createdAtMs < Date.now() - 86_400_000,
    )!
    const detail = await invokeOk<MomentDetail>(app.core, 'moments:detail', {
      momentId: personal.momentId,
      createType: 1,
      creator: personal.creator,
    })
    expect(detail.corp).toBe(false)
    expect(detail.members).toMatchObject([{ userid: personal.creator, published: true }])
    expect(detail.totals.rate).toBe(1)
    const cancel = await app.core.invoke('moments:cancelMoment', { momentId: personal.momentId })
    expect(cancel.ok || cancel.error.code).toBe('moment_not_corp')
    const unknown = await app.core.invoke('moments:detail', { momentId: 'momnothere' })
    expect(unknown.ok || unknown.error.code).toBe('moment_not_found')
  })
})

describe('remind and stop a corp moment still in progress', () => {
  it('without an AgentId nothing is sent and the answer says how to remind instead', async () => {
    const members = sandbox.state.members.slice(0, 3).map((member) => member.userid)
    const momentId = await newCorpMoment(members, '春季上新，到店有礼')
    const before = sandbox.requestLog.filter((r) => r.path === 'message/send').length
    const result = await app.core.invoke('moments:remindMembers', { momentId, momentText: '春季上新，到店有礼' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('remind_needs_agentid')
      expect(result.error.hint).toContain('AgentId')
    }
    expect(sandbox.requestLog.filter((r) => r.path === 'message/send').length).toBe(before)
    expect(await invokeOk(app.core, 'moments:remindMembersStatus', { momentId })).toEqual({
      count: 0,
      byAppMessage: false,
    })
  })

  it('with an AgentId the members who have not posted get a text card naming the moment, once', async () => {
    const profileId = app.core.invoke('profiles:list', undefined)
    const list = await profileId
    if (!list.ok) throw new Error(list.error.message)
    const active = (
      list.data as Array<{ id: string; active: boolean; name: string; corpid: string; baseUrl: string }>
    ).find((profile) => profile.active)!
    await invokeOk(app.core, 'profiles:save', {
      id: active.id,
      name: active.name,
      corpid: active.corpid,
      baseUrl: active.baseUrl,
      agentid: String(SANDBOX_AGENTID),
    })
    await invokeOk(app.core, 'profiles:activate', { id: active.id })

    const members = sandbox.state.members.slice(2, 6).map((member) => member.userid)
    const text = '会员日｜全场 8 折 <限时>'
    const momentId = await newCorpMoment(members, text)
    const createTime = sandbox.state.moments.find((moment) => moment.momentId === momentId)!.createdAtMs
    const delivered = deliveredAppMessages(sandbox.state).length
    const reminded = await invokeOk<MomentRemindResult>(app.core, 'moments:remindMembers', {
      momentId,
      momentText: text,
      createTime,
    })
    expect(reminded.sent.map((member) => member.userid).sort()).toEqual([...members].sort())
    expect(reminded.sent.map((member) => member.name)).toEqual(
      reminded.sent.map((member) => sandbox.state.memberById.get(member.userid)!.name),
    )
    expect(reminded.invalid).toEqual([])
    const messages = deliveredAppMessages(sandbox.state).slice(delivered)
    expect(messages).toHaveLength(1)
    const [message] = messages
    expect(message!.msgtype).toBe('textcard')
    expect(message!.touser.sort()).toEqual([...members].sort())
    expect(message!.textcard!.title).toBe('请发表企业朋友圈')
    expect(message!.textcard!.description).toContain('会员日｜全场 8 折 &lt;限时&gt;')
    expect(message!.textcard!.url).toMatch(/^https:\/\//)
    const sent = sandbox.requestLog.filter((r) => r.path === 'message/send').at(-1)!
    expect(sent.body).toMatchObject({ agentid: SANDBOX_AGENTID, msgtype: 'textcard', enable_duplicate_check: 1 })

    // A second click within the duplicate-check window reaches nobody twice.
    await invokeOk(app.core, 'moments:remindMembers', { momentId, momentText: text, createTime })
    expect(deliveredAppMessages(sandbox.state).slice(delivered)).toHaveLength(1)
    expect(await invokeOk(app.core, 'moments:remindMembersStatus', { momentId })).toMatchObject({
      count: 2,
      byAppMessage: true,
    })

    // Stop it: WeCom is told once, the stop is recorded, nobody publishes it any more.
    const stopped = await invokeOk<MomentCancelResult>(app.core, 'moments:cancelMoment', { momentId })
    expect(stopped.alreadyCancelled).toBe(false)
    const moment = sandbox.state.moments.find((candidate) => candidate.momentId === momentId)!
    expect(moment.cancelledAtMs).toBeDefined()
    const again = await invokeOk<MomentCancelResult>(app.core, 'moments:cancelMoment', { momentId })
    expect(again).toMatchObject({ alreadyCancelled: true, cancelledAt: stopped.cancelledAt })
    expect(
      sandbox.requestLog.filter(
        (r) =>
          r.path === 'externalcontact/cancel_moment_task' &&
          r.body &&
          (r.body as { moment_id: string }).moment_id === momentId,
      ),
    ).toHaveLength(1)
    const detail = await invokeOk<MomentDetail>(app.core, 'moments:detail', { momentId, refresh: true })
    expect(detail).toMatchObject({ corp: true, cancelledAt: stopped.cancelledAt })
    expect(detail.totals.published).toBe(0)
  })

  it('an AgentId that is not the app’s is refused with what to check', async () => {
    const list = await invokeOk<Array<{ id: string; active: boolean; name: string; corpid: string; baseUrl: string }>>(
      app.core,
      'profiles:list',
    )
    const active = list.find((profile) => profile.active)!
    await invokeOk(app.core, 'profiles:save', { ...pick(active), agentid: '42' })
    await invokeOk(app.core, 'profiles:activate', { id: active.id })
    const momentId = await newCorpMoment([sandbox.state.members[7]!.userid], '直播预告')
    const result = await app.core.invoke('moments:remindMembers', { momentId })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.wecomErrcode).toBe(301002)
  })
})

const pick = (profile: { id: string; name: string; corpid: string; baseUrl: string }) => ({
  id: profile.id,
  name: profile.name,
  corpid: profile.corpid,
  baseUrl: profile.baseUrl,
})
