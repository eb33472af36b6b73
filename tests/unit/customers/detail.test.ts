import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerDetail } from '../../../electron/core/services/customers/detail'
import { memberSummaries } from '../../../electron/core/services/customers/members'
import { queryCustomers } from '../../../electron/core/services/customers/query'
import type { SandboxHandle } from '../../../electron/core/sandbox/types'
import { CustomerCacheRepository } from '../../../electron/core/store/repositories/customer-cache'
import type { Workspace } from '../../../electron/core/store/workspace'
import type { WecomClient } from '../../../electron/core/wecom'
import { expectedCustomers, fillCustomerCache, startCorp, tempWorkspace } from './support'

let sandbox: SandboxHandle
let client: WecomClient
let workspace: Workspace
let removeWorkspace: () => void

beforeAll(async () => {
  ;({ sandbox, client } = await startCorp())
  ;({ workspace, remove: removeWorkspace } = tempWorkspace())
  await fillCustomerCache(workspace, client, 1_000)
})

afterAll(async () => {
  removeWorkspace()
  await sandbox.close()
})

const allIds = () =>
  queryCustomers(workspace, { filter: {}, sort: { field: 'addedAt', order: 'desc' }, offset: 0, limit: 500 }).rows.map(
    (row) => row.externalUserid,
  )

describe('customers.get and customers.members', () => {
  it('answers a customer with every follow: member, remarks, named tags, add time and way', () => {
    const { state } = sandbox
    const customer = state.customers.find(
      (c) => c.type === 2 && c.follows.length > 1 && c.follows.some((f) => f.state),
    )!
    const tagNames = new Map(
      state.tagGroups.flatMap((group) =>
        group.tags.map((tag) => [tag.id, { name: tag.name, groupName: group.groupName }]),
      ),
    )
    const detail = customerDetail(workspace, customer.externalUserid)
    expect(detail).toMatchObject({
      externalUserid: customer.externalUserid,
      name: customer.name,
      type: 2,
      gender: customer.gender,
      corpName: customer.corpName,
      corpFullName: customer.corpFullName,
      position: customer.position,
    })
    expect(detail.goneAt).toBeUndefined()
    const follows = [...customer.follows].sort((a, b) => a.createTime - b.createTime)
    expect(detail.follows).toEqual(
      follows.map((follow) => ({
        userid: follow.userid,
        memberName: state.memberById.get(follow.userid)!.name,
        remark: follow.remark,
        description: follow.description,
        remarkCompany: follow.remarkCorpName,
        tags: expect.arrayContaining(follow.tagIds.map((id) => ({ id, ...tagNames.get(id)! }))) as unknown,
        addedAt: follow.createTime * 1000,
        addWay: follow.addWay,
        state: follow.state,
      })),
    )
    detail.follows.forEach((follow, i) => expect(follow.tags).toHaveLength(follows[i]!.tagIds.length))
  })

  it('refuses an unknown customer with a bilingual message', () => {
    expect(() => customerDetail(workspace, 'wm-unknown')).toThrow(
      expect.objectContaining({
        code: 'customer_not_found',
        text: expect.objectContaining({ 'zh-CN': expect.stringContaining('没有这位客户') }),
      }),
    )
  })

  it('lists live members with their live customer counts, by name', () => {
    const { state } = sandbox
    const summaries = memberSummaries(workspace)
    expect(summaries.map((m) => m.userid).sort()).toEqual(state.members.map((m) => m.userid).sort())
    for (const summary of summaries) {
      expect(summary.name).toBe(state.memberById.get(summary.userid)!.name)
      expect(summary.customerCount).toBe(state.customersByMember.get(summary.userid)?.length ?? 0)
    }
    const names = summaries.map((m) => Buffer.from(m.name))
    expect(names.every((name, i) => i === 0 || Buffer.compare(names[i - 1]!, name) <= 0)).toBe(true)
  })
})

describe('gone customers and gone follows', () => {
  it('leaves out a follow the last sync no longer found: its tags, remark, member and add time', () => {
    const cache = workspace.repository(CustomerCacheRepository)
    const { state } = sandbox
    const customer = state.customers.find(
      (c) => c.follows.length === 2 && c.follows[1]!.tagIds.some((id) => !c.follows[0]!.tagIds.includes(id)),
    )!
    const [kept, lost] = customer.follows as [(typeof customer.follows)[0], (typeof customer.follows)[0]]
    const lostTag = lost.tagIds.find((id) => !kept.tagIds.includes(id))!
    workspace.transaction(() => {
      workspace.db
        .prepare('UPDATE follows SET gone_at = 2000 WHERE external_userid = ? AND userid = ?')
        .run(customer.externalUserid, lost.userid)
      cache.refreshAggregates([customer.externalUserid])
    })
    const without = { ...customer, follows: [kept] }
    const truth = { ...state, customers: state.customers.map((c) => (c === customer ? without : c)) }
    const query = (filter: Parameters<typeof expectedCustomers>[1]) =>
      queryCustomers(workspace, { filter, sort: { field: 'addedAt', order: 'desc' }, offset: 0, limit: 500 }).rows.map(
        (row) => row.externalUserid,
      )
    for (const filter of [
      { tags: { mode: 'or' as const, ids: [lostTag] } },
      { members: [lost.userid] },
      { excludeTags: [lostTag] },
      { addedFrom: customer.follows.reduce((min, f) => Math.min(min, f.createTime), Infinity) * 1000 },
    ]) {
      expect(query(filter).sort()).toEqual(
        expectedCustomers(truth, filter)
          .map((c) => c.externalUserid)
          .sort(),
      )
    }
    const detail = customerDetail(workspace, customer.externalUserid)
    expect(detail.follows.find((f) => f.userid === lost.userid)?.goneAt).toBe(2000)
    expect(detail.follows.find((f) => f.userid === kept.userid)?.goneAt).toBeUndefined()
  })

  it('leaves out customers the last complete sync no longer found, yet still shows their detail', async () => {
    const removed = sandbox.state.customers.findLast((c) => c.follows.length === 2)
    sandbox.removeCustomer(removed!.externalUserid)
    const synced = await fillCustomerCache(workspace, client, 3_000)
    expect(synced.counts.removed).toBe(1)
    expect(allIds()).not.toContain(removed!.externalUserid)
    expect(allIds()).toHaveLength(sandbox.state.customers.length)
    const detail = customerDetail(workspace, removed!.externalUserid)
    expect(detail.goneAt).toBe(3_000)
    expect(detail.follows.map((follow) => follow.goneAt)).toEqual(removed!.follows.map(() => 3_000))
    const counts = new Map(memberSummaries(workspace).map((m) => [m.userid, m.customerCount]))
    for (const follow of removed!.follows)
      expect(counts.get(follow.userid)).toBe(sandbox.state.customersByMember.get(follow.userid)?.length ?? 0)
  })
})
