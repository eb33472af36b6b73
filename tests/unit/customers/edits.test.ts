import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SandboxHandle, SandboxState } from '../../../electron/core/sandbox/types'
import type { WecomClient } from '../../../electron/core/wecom'
import type { CustomerDetail, CustomerQueryResult, FollowDetail } from '../../../shared/customers'
import type { ApiError, Result } from '../../../shared/result'
import { startCoreOn, startCorp, syncThroughCore, type CoreOnSandbox } from './support'

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

async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = (await app.core.invoke(channel, input)) as Result<T>
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.data
}

async function refusal(channel: string, input: unknown): Promise<ApiError> {
  const result = await app.core.invoke(channel, input)
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`)
  return result.error
}

/** A customer's relation with the given member, as the sandbox (WeCom) holds it now. */
const relationIn = (state: SandboxState, externalUserid: string, userid: string) =>
  state.customerById.get(externalUserid)!.follows.find((follow) => follow.userid === userid)!

const callsTo = (path: string) => sandbox.requestLog.filter((record) => record.path === path).length

/** The n-th customer with a single follower, and that follower. */
function relation(n: number) {
  const customer = sandbox.state.customers.filter((c) => c.follows.length === 1)[n]!
  return { externalUserid: customer.externalUserid, userid: customer.follows[0]!.userid }
}

const cachedFollow = async (externalUserid: string, userid: string) =>
  (await call<CustomerDetail>('customers:get', { externalUserid })).follows.find((f) => f.userid === userid)!

describe('customers:updateRemark', () => {
  it('changes the remark in WeCom, then in the cache (search included), leaving omitted fields alone', async () => {
    const target = relation(0)
    const updated = await call<FollowDetail>('customers:updateRemark', {
      ...target,
      remark: '年会VIP-王总',
      description: '对新品感兴趣，月底回访',
      remarkCompany: '星河贸易',
    })
    expect(updated).toMatchObject({
      userid: target.userid,
      remark: '年会VIP-王总',
      description: '对新品感兴趣，月底回访',
      remarkCompany: '星河贸易',
    })
    expect(relationIn(sandbox.state, target.externalUserid, target.userid)).toMatchObject({
      remark: '年会VIP-王总',
      description: '对新品感兴趣，月底回访',
      remarkCorpName: '星河贸易',
    })
    const fresh = await client.customers.get(target.externalUserid)
    expect(fresh.follow_user[0]).toMatchObject({ remark: '年会VIP-王总', remark_corp_name: '星河贸易' })
    expect(await cachedFollow(target.externalUserid, target.userid)).toEqual(updated)
    const found = await call<CustomerQueryResult>('customers:query', { filter: { search: '年会vip' } })
    expect(found.rows.map((row) => row.externalUserid)).toEqual([target.externalUserid])

    const again = await call<FollowDetail>('customers:updateRemark', { ...target, description: '' })
    expect(again).toMatchObject({ remark: '年会VIP-王总', description: '', remarkCompany: '星河贸易' })
    expect(relationIn(sandbox.state, target.externalUserid, target.userid).description).toBe('')
  })

  it('refuses over-limit text before calling WeCom, naming the field and its limit', async () => {
    const target = relation(1)
    const before = callsTo('externalcontact/remark')
    const remark = await refusal('customers:updateRemark', { ...target, remark: '备'.repeat(21) })
    expect(remark.code).toBe('invalid_input')
    expect(remark.message).toContain('备注')
    expect(remark.message).toContain('20')
    const description = await refusal('customers:updateRemark', { ...target, description: 'x'.repeat(151) })
    expect(description.message).toContain('描述')
    expect(description.message).toContain('150')
    await call('app:setLocale', { locale: 'en' })
    const english = await refusal('customers:updateRemark', { ...target, remarkCompany: 'c'.repeat(21) })
    expect(english.message).toBe('Remark company can have at most 20 characters.')
    await call('app:setLocale', { locale: 'zh-CN' })
    const nothing = await refusal('customers:updateRemark', target)
    expect(nothing.code).toBe('invalid_input')
    expect(nothing.message).toContain('至少修改')
    expect(callsTo('externalcontact/remark')).toBe(before)
  })

  it('refuses a member ↔ customer pair the cache has no relation for', async () => {
    const target = relation(2)
    const stranger = sandbox.state.members.find((member) => member.userid !== target.userid)!.userid
    const before = callsTo('externalcontact/remark')
    const error = await refusal('customers:updateRemark', { ...target, userid: stranger, remark: '新备注' })
    expect(error.code).toBe('relation_not_found')
    expect(error.message).toContain('没有好友关系')
    expect(error.hint).toContain('同步')
    expect(callsTo('externalcontact/remark')).toBe(before)
  })

  it('leaves the cache untouched and explains a WeCom refusal in the user language', async () => {
    const target = relation(3)
    const cached = await cachedFollow(target.externalUserid, target.userid)
    sandbox.setFaults({ forcedErrcodes: { 'externalcontact/remark': { errcode: 60020, count: 1 } } })
    const error = await refusal('customers:updateRemark', { ...target, remark: '不会生效' })
    expect(error).toMatchObject({ code: 'wecom_error', wecomErrcode: 60020 })
    expect(error.message).toContain('企业可信IP')
    expect(error.hint).toContain('企业可信IP')
    expect(await cachedFollow(target.externalUserid, target.userid)).toEqual(cached)
    expect(relationIn(sandbox.state, target.externalUserid, target.userid).remark).toBe(cached.remark)
  })
})

describe('customers:markTags', () => {
  const allTagIds = () => sandbox.state.tagGroups.flatMap((group) => group.tags.map((tag) => tag.id))

  it('adds and removes tags in WeCom, then in the cache, where the tag filter sees them', async () => {
    const customer = sandbox.state.customers.find((c) => c.follows.length === 1 && c.follows[0]!.tagIds.length >= 2)!
    const target = { externalUserid: customer.externalUserid, userid: customer.follows[0]!.userid }
    const [removed] = customer.follows[0]!.tagIds
    const added = allTagIds().find((id) => !customer.follows[0]!.tagIds.includes(id))!
    const expected = [...customer.follows[0]!.tagIds.filter((id) => id !== removed), added].sort()

    const updated = await call<FollowDetail>('customers:markTags', { ...target, add: [added], remove: [removed] })
    expect(updated.tags.map((tag) => tag.id).sort()).toEqual(expected)
    expect(updated.tags.find((tag) => tag.id === added)!.name).toBeTruthy()
    expect([...relationIn(sandbox.state, target.externalUserid, target.userid).tagIds].sort()).toEqual(expected)
    expect(await cachedFollow(target.externalUserid, target.userid)).toEqual(updated)

    const tagged = (filterIds: string[]) =>
      call<CustomerQueryResult>('customers:query', {
        filter: { tags: { mode: 'and', ids: filterIds }, members: [target.userid] },
        limit: 500,
      }).then((page) => page.rows.map((row) => row.externalUserid))
    expect(await tagged([added])).toContain(target.externalUserid)
    expect(await tagged([removed!])).not.toContain(target.externalUserid)
  })

  it('refuses an edit with nothing to change, unknown tags, or a tag both added and removed, before calling WeCom', async () => {
    const target = relation(4)
    const before = callsTo('externalcontact/mark_tag')
    const nothing = await refusal('customers:markTags', { ...target, add: [], remove: [] })
    expect(nothing).toMatchObject({ code: 'invalid_input', message: '请至少选择一个要添加或移除的标签。' })
    const unknown = await refusal('customers:markTags', { ...target, add: ['etNoSuchTag'] })
    expect(unknown.code).toBe('unknown_tags')
    expect(unknown.message).toContain('etNoSuchTag')
    expect(unknown.hint).toContain('同步')
    const [tagId] = allTagIds()
    const both = await refusal('customers:markTags', { ...target, add: [tagId], remove: [tagId] })
    expect(both.code).toBe('invalid_input')
    expect(callsTo('externalcontact/mark_tag')).toBe(before)
  })

  it('leaves the cache untouched when WeCom refuses', async () => {
    const target = relation(5)
    const cached = await cachedFollow(target.externalUserid, target.userid)
    const added = allTagIds().find((id) => !cached.tags.some((tag) => tag.id === id))!
    sandbox.setFaults({ forcedErrcodes: { 'externalcontact/mark_tag': { errcode: 84061, count: 1 } } })
    const error = await refusal('customers:markTags', { ...target, add: [added] })
    expect(error).toMatchObject({ code: 'wecom_error', wecomErrcode: 84061 })
    expect(error.message).toContain('没有好友关系')
    expect(await cachedFollow(target.externalUserid, target.userid)).toEqual(cached)
  })
})
