import { describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../../../shared/customers'
import { createWecomClient, describeWecomErrcode } from '../../../../electron/core/wecom'
import { memberRanges } from '../../../../electron/core/services/customers/sync/batching'
import { syncStatusWhere } from '../../../bench/support/core'
import {
  customerPageRequests,
  expectCacheMatchesCorp,
  expectNoPageFetchedTwice,
  syncHarness,
  waitUntil,
} from './harness'

const BATCH = 'externalcontact/batch/get_by_user'

describe('customer sync', () => {
  it('caches every customer once, with follow relations, tags, members, the tag library and groups', async () => {
    const { sandbox, syncToEnd, cache, call } = await syncHarness()
    const status = await syncToEnd()

    const { state } = sandbox
    const pairs = state.customers.reduce((sum, c) => sum + c.follows.length, 0)
    expect(status).toMatchObject({ state: 'done', resumable: false, done: status.total })
    expect(status.counts).toEqual({
      members: state.members.length,
      tags: state.tagGroups.reduce((sum, g) => sum + g.tags.length, 0),
      customers: state.customers.length,
      follows: pairs,
      groups: state.groupChats.length,
      removed: 0,
    })
    expect(status.lastCompletedAt).toBeGreaterThan(0)
    const db = cache()
    expectCacheMatchesCorp(sandbox, db)
    expect(db.prepare('SELECT userid, name FROM members ORDER BY userid').all()).toEqual(
      state.members.map((m) => ({ userid: m.userid, name: m.name })).sort((a, b) => (a.userid < b.userid ? -1 : 1)),
    )
    const groups = db.prepare('SELECT chat_id AS id, name, member_count AS n FROM group_chats ORDER BY chat_id').all()
    expect(groups).toEqual(
      state.groupChats
        .map((g) => ({ id: g.chatId, name: g.name, n: g.members.length }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    )
    expect(await call('customers:getSyncStatus')).toMatchObject({
      state: 'done',
      lastCompletedAt: status.lastCompletedAt,
    })
  })

  it('asks batch/get_by_user for 100 pairs a page over ≥ 8 userid lists, never for the same page twice', async () => {
    const { sandbox, syncToEnd } = await syncHarness()
    await syncToEnd()
    const requests = customerPageRequests(sandbox)
    const lists = new Set(requests.map((r) => JSON.stringify((r.body as { userid_list: string[] }).userid_list)))
    expect(lists.size).toBe(8)
    for (const r of requests) expect(r.body).toMatchObject({ limit: 100 })
    // Pages fill across the members of a list: each list costs ceil(its pairs / 100) pages.
    const members = sandbox.state.members.map((m) => m.userid)
    const expectedPages = memberRanges(members.length, 100, 8)
      .map(([from, to]) =>
        members
          .slice(from, to)
          .reduce((sum, userid) => sum + (sandbox.state.customersByMember.get(userid)?.length ?? 0), 0),
      )
      .reduce((sum, pairs) => sum + Math.max(1, Math.ceil(pairs / 100)), 0)
    expect(requests).toHaveLength(expectedPages)
    expectNoPageFetchedTwice(sandbox)
  })

  it('picks up renames, new customers, remark edits and removals on the next sync', async () => {
    const { sandbox, syncToEnd, cache } = await syncHarness()
    await syncToEnd()
    const { state } = sandbox
    const [renamed, removed, remarked] = state.customers
    if (!renamed || !removed || !remarked) throw new Error('seed too small')
    sandbox.renameCustomer(renamed.externalUserid, '改名后的客户')
    sandbox.removeCustomer(removed.externalUserid)
    const added = sandbox.addCustomer({ userid: state.members[0]!.userid, name: '新客户' })
    const follow = remarked.follows[0]!
    const wecom = createWecomClient({ baseUrl: sandbox.url, corpid: sandbox.corpid, secret: sandbox.secret })
    await wecom.customers.remark({
      userid: follow.userid,
      external_userid: remarked.externalUserid,
      remark: '大客户VIP',
    })
    const touchedGroup = state.groupChats[0]!
    sandbox.touchGroup(touchedGroup.chatId)

    const second = await syncToEnd()

    expect(second.state).toBe('done')
    expect(second.counts.removed).toBe(1)
    const db = cache()
    expectCacheMatchesCorp(sandbox, db)
    const row = (id: string) =>
      db
        .prepare('SELECT name, gone_at AS goneAt, search_text AS search FROM customers WHERE external_userid = ?')
        .get(id) as { name: string; goneAt: number | null; search: string }
    expect(row(renamed.externalUserid)).toMatchObject({ name: '改名后的客户', goneAt: null })
    expect(row(added)).toMatchObject({ name: '新客户', goneAt: null })
    expect(row(removed.externalUserid).goneAt).toBeGreaterThan(0)
    expect(row(remarked.externalUserid).search).toContain('大客户vip')
    const members = db
      .prepare('SELECT count(*) AS n FROM group_chat_members WHERE chat_id = ?')
      .get(touchedGroup.chatId)
    expect(members).toEqual({ n: touchedGroup.members.length })
  })

  it('fails on a WeCom error mid-sync, marks nothing gone, then resumes without fetching a page twice', async () => {
    const { sandbox, core, call, syncToEnd, cache } = await syncHarness({ faults: { latencyByPath: { [BATCH]: 3 } } })
    await syncToEnd()
    const removed = sandbox.state.customers[0]!.externalUserid
    sandbox.removeCustomer(removed)
    const pagesOfFirstSync = customerPageRequests(sandbox).length

    const failed = syncStatusWhere(core, (s) => s.state === 'failed')
    await call('customers:startSync')
    await waitUntil(() => customerPageRequests(sandbox).length >= pagesOfFirstSync + 4)
    sandbox.setFaults({ forcedErrcodes: { [BATCH]: { errcode: 48002 } } })
    const status = await failed

    const { text, hint } = describeWecomErrcode(48002)
    expect(status).toMatchObject({ state: 'failed', resumable: true, message: text['zh-CN'], hint: hint['zh-CN'] })
    expect(await call('customers:getSyncStatus')).toMatchObject({
      state: 'failed',
      resumable: true,
      message: text['zh-CN'],
    })
    const goneAt = () =>
      (
        cache().prepare('SELECT gone_at AS goneAt FROM customers WHERE external_userid = ?').get(removed) as {
          goneAt: number | null
        }
      ).goneAt
    expect(goneAt()).toBeNull()

    sandbox.clearFaults()
    const resumed = await syncToEnd()
    expect(resumed).toMatchObject({ state: 'done', resumable: false })
    expect(resumed.counts.customers).toBe(sandbox.state.customers.length)
    expect(goneAt()).toBeGreaterThan(0)
    expectNoPageFetchedTwice(sandbox, pagesOfFirstSync)
    expectCacheMatchesCorp(sandbox, cache())
  })

  it('rides out a dropped answer (read retried) and fails on HTTP 502 beyond the retries, then resumes', async () => {
    const { sandbox, core, call, syncToEnd, cache } = await syncHarness({ faults: { latencyByPath: { [BATCH]: 3 } } })
    const failed = syncStatusWhere(core, (s) => s.state === 'failed')
    await call('customers:startSync')
    await waitUntil(() => customerPageRequests(sandbox).length >= 3)
    sandbox.setFaults({ dropResponse: { [BATCH]: { count: 1 } } })
    await waitUntil(() => sandbox.requestLog.some((r) => r.path === BATCH && r.httpStatus === 0))
    await waitUntil(() => customerPageRequests(sandbox).length >= 8)
    sandbox.setFaults({ httpStatus: { [BATCH]: { status: 502 } } })
    const status = await failed
    expect(status).toMatchObject({ state: 'failed', resumable: true })
    expect(status.message).toBe('企业微信服务器暂时出错。')
    expect(status.hint).toContain('网络')

    sandbox.clearFaults()
    expect((await syncToEnd()).state).toBe('done')
    expectNoPageFetchedTwice(sandbox)
    expectCacheMatchesCorp(sandbox, cache())
  })

  it('cancels after the calls in flight, keeps them, and resumes where it stopped', async () => {
    const { sandbox, core, call, syncToEnd, cache } = await syncHarness({ faults: { latencyByPath: { [BATCH]: 3 } } })
    const cancelled = syncStatusWhere(core, (s) => s.state === 'cancelled')
    const started = await call<SyncStatus>('customers:startSync')
    expect(started).toMatchObject({ state: 'running', resumable: false })
    expect(await call<SyncStatus>('customers:startSync')).toMatchObject({
      state: 'running',
      startedAt: started.startedAt,
    })
    await waitUntil(() => customerPageRequests(sandbox).length >= 5)
    expect((await call<SyncStatus>('customers:cancelSync')).state).toBe('cancelling')
    const status = await cancelled

    expect(status).toMatchObject({ state: 'cancelled', resumable: true })
    expect(status.done).toBeLessThan(status.total)
    const cachedFollows = cache().prepare('SELECT count(*) AS n FROM follows').get() as { n: number }
    expect(cachedFollows.n).toBe(status.counts.follows)
    expect(cachedFollows.n).toBeGreaterThan(0)

    const resumed = await syncToEnd()
    expect(resumed.state).toBe('done')
    const followListCalls = sandbox.requestLog.filter((r) => r.path === 'externalcontact/get_follow_user_list')
    expect(followListCalls).toHaveLength(2) // connecting, then the (one) sync run's members phase
    expectNoPageFetchedTwice(sandbox)
    expectCacheMatchesCorp(sandbox, cache())
  })

  it('reports progress at most ~5 times a second, with growing done and an eta', async () => {
    // One member per chain, ~6 pages each, 150 ms a call: a run of over a second.
    const { core, syncToEnd } = await syncHarness({ customers: 4000, members: 8, faults: { latencyMs: 150 } })
    const events: Array<{ at: number; status: SyncStatus }> = []
    core.events.subscribe((channel, payload) => {
      if (channel === 'customers:onSyncProgress') events.push({ at: Date.now(), status: payload as SyncStatus })
    })
    const final = await syncToEnd()

    expect(final).toMatchObject({ state: 'done', done: final.total })
    const done = events.map((e) => e.status.done)
    expect(done).toEqual([...done].sort((a, b) => a - b))
    expect(events.some((e) => e.status.state === 'running' && (e.status.etaMs ?? 0) > 0)).toBe(true)
    for (const { status } of events) expect(status.done).toBeLessThanOrEqual(status.total)
    const spanMs = (events.at(-1)?.at ?? 0) - (events[0]?.at ?? 0)
    expect(events.length).toBeLessThanOrEqual(Math.ceil(spanMs / 200) + 3)
  })

  it('is cancelled by switching profile or closing the core, and resumes after a restart', async () => {
    const { sandbox, core, call, profileId, syncToEnd, reopen, cache } = await syncHarness({
      faults: { latencyByPath: { [BATCH]: 3 } },
    })
    const cancelled = syncStatusWhere(core, (s) => s.state === 'cancelled')
    await call('customers:startSync')
    await waitUntil(() => customerPageRequests(sandbox).length >= 3)
    await call('profiles:activate', { id: 'sandbox' })
    expect((await cancelled).resumable).toBe(true)
    expect(await call<SyncStatus>('customers:getSyncStatus')).toMatchObject({ state: 'idle', resumable: false })
    await call('profiles:activate', { id: profileId })
    expect(await call<SyncStatus>('customers:getSyncStatus')).toMatchObject({ state: 'cancelled', resumable: true })

    await call('customers:startSync')
    await waitUntil(() => customerPageRequests(sandbox).length >= 8)
    await reopen()
    expect(await call<SyncStatus>('customers:getSyncStatus')).toMatchObject({ state: 'cancelled', resumable: true })
    expect((await syncToEnd()).state).toBe('done')
    expectNoPageFetchedTwice(sandbox)
    expectCacheMatchesCorp(sandbox, cache())
  })

  it('keeps the members of a group whose member_version is unchanged, rewrites the others', async () => {
    const { sandbox, syncToEnd, cache } = await syncHarness()
    await syncToEnd()
    const [touched, untouched] = sandbox.state.groupChats
    if (!touched || !untouched) throw new Error('seed too small')
    // A member row removed behind the sync's back shows whether a group's members were rewritten.
    const writable = cache({ readOnly: false })
    const dropOne = writable.prepare('DELETE FROM group_chat_members WHERE chat_id = ? AND member_id = ?')
    dropOne.run(untouched.chatId, untouched.members[0]!.userid)
    dropOne.run(touched.chatId, touched.members[0]!.userid)
    sandbox.touchGroup(touched.chatId)

    expect((await syncToEnd()).state).toBe('done')
    const members = (chatId: string) =>
      (cache().prepare('SELECT count(*) AS n FROM group_chat_members WHERE chat_id = ?').get(chatId) as { n: number }).n
    expect(members(touched.chatId)).toBe(touched.members.length)
    expect(members(untouched.chatId)).toBe(untouched.members.length - 1)
  })

  it('syncs without member names when the directory is out of reach', async () => {
    const { sandbox, syncToEnd, cache } = await syncHarness({
      faults: { forcedErrcodes: { 'user/simplelist': { errcode: 60011 } } },
    })
    expect((await syncToEnd()).state).toBe('done')
    const members = cache().prepare("SELECT count(*) AS n FROM members WHERE name = ''").get() as { n: number }
    expect(members.n).toBe(sandbox.state.members.length)
    expectCacheMatchesCorp(sandbox, cache())
  })

  it('lists groups by owner lists of ≤ 100 when the app sees more than 1,000 members', async () => {
    const { sandbox, syncToEnd, cache } = await syncHarness({ customers: 300, members: 1001, groups: 40 })
    expect((await syncToEnd()).state).toBe('done')
    const lists = sandbox.requestLog.filter((r) => r.path === 'externalcontact/groupchat/list')
    const owners = lists.map((r) => (r.body as { owner_filter: { userid_list: string[] } }).owner_filter.userid_list)
    expect(owners).toHaveLength(11)
    expect(Math.max(...owners.map((list) => list.length))).toBeLessThanOrEqual(100)
    expect(new Set(owners.flat()).size).toBe(1001)
    expect(cache().prepare('SELECT count(*) AS n FROM group_chats').get()).toEqual({ n: 40 })
  })
})
