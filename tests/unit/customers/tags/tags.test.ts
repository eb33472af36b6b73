import { describe, expect, it } from 'vitest'
import type { TagGroupSummary } from '../../../../shared/customers'
import type { SandboxState } from '../../../../electron/core/sandbox/types'
import { CustomerCacheRepository } from '../../../../electron/core/store/repositories/customer-cache'
import { createWecomClient, describeWecomErrcode } from '../../../../electron/core/wecom'
import { syncHarness } from '../sync/harness'

const byOrderThenName = (a: { order: number; name: string }, b: { order: number; name: string }) =>
  a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/** The library as the sandbox holds it, in the shape and order `customers:listTags` answers. */
function expectedLibrary(state: SandboxState): TagGroupSummary[] {
  const carriers = new Map<string, Set<string>>()
  for (const customer of state.customers) {
    for (const follow of customer.follows) {
      for (const tagId of follow.tagIds) {
        const set = carriers.get(tagId) ?? new Set<string>()
        set.add(customer.externalUserid)
        carriers.set(tagId, set)
      }
    }
  }
  return state.tagGroups
    .map((group) => ({
      groupId: group.groupId,
      name: group.groupName,
      order: group.order,
      tags: group.tags
        .map((tag) => ({
          id: tag.id,
          name: tag.name,
          order: tag.order,
          customerCount: carriers.get(tag.id)?.size ?? 0,
        }))
        .sort(byOrderThenName),
    }))
    .sort(byOrderThenName)
}

const writes = (state: { requestLog: readonly { path: string }[] }, path: string) =>
  state.requestLog.filter((record) => record.path === path).length

describe('tag library', () => {
  it('lists the synced library sorted by order then name, with live customers per tag', async () => {
    const { sandbox, call, syncToEnd } = await syncHarness()
    await syncToEnd()
    expect(await call('customers:listTags')).toEqual(expectedLibrary(sandbox.state))
  })

  it('adds tags to a group and creates a group: WeCom first, then the cache', async () => {
    const { sandbox, call, syncToEnd } = await syncHarness()
    await syncToEnd()
    const group = sandbox.state.tagGroups[0]!

    const updated = await call<TagGroupSummary>('customers:addTags', {
      groupId: group.groupId,
      tags: ['高意向', '待回访'],
    })
    expect(updated.tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(['高意向', '待回访']))
    expect(updated.tags).toHaveLength(group.tags.length)
    expect(updated.tags).toEqual([...updated.tags].sort(byOrderThenName))

    const created = await call<TagGroupSummary>('customers:addTags', {
      groupName: '活动渠道',
      tags: ['抖音', '小红书'],
    })
    expect(created).toMatchObject({ name: '活动渠道', tags: [{ name: '小红书' }, { name: '抖音' }] })
    expect(sandbox.state.tagGroups.find((g) => g.groupId === created.groupId)?.tags.map((t) => t.name)).toEqual([
      '抖音',
      '小红书',
    ])
    expect(await call('customers:listTags')).toEqual(expectedLibrary(sandbox.state))
  })

  it('refuses a name already in the group, or given twice, without calling WeCom', async () => {
    const { sandbox, core, syncToEnd } = await syncHarness()
    await syncToEnd()
    const group = sandbox.state.tagGroups[0]!
    const taken = group.tags[0]!.name

    const clash = await core.invoke('customers:addTags', { groupId: group.groupId, tags: [taken] })
    expect(clash).toMatchObject({ ok: false, error: { code: 'duplicate_tag_name' } })
    expect(!clash.ok && clash.error.message).toContain(taken)
    const twice = await core.invoke('customers:addTags', { groupName: '新分组', tags: ['同名', '同名'] })
    expect(twice).toMatchObject({ ok: false, error: { code: 'duplicate_tag_name' } })
    expect(writes(sandbox, 'externalcontact/add_corp_tag')).toBe(0)
  })

  it('renames its own tags and groups, refuses duplicates, and passes WeCom errors on translated', async () => {
    const { sandbox, core, call, syncToEnd } = await syncHarness()
    await syncToEnd()
    const own = await call<TagGroupSummary>('customers:addTags', { groupName: '会员等级', tags: ['银卡', '金卡'] })
    const silver = own.tags.find((tag) => tag.name === '银卡')!

    await call('customers:editTag', { id: silver.id, name: '白银卡', order: 5 })
    await call('customers:editTag', { id: own.groupId, name: '会员等级（新）' })
    const renamed = sandbox.state.tagGroups.find((g) => g.groupId === own.groupId)!
    expect(renamed.groupName).toBe('会员等级（新）')
    expect(renamed.tags.find((tag) => tag.id === silver.id)).toMatchObject({ name: '白银卡', order: 5 })
    expect(await call('customers:listTags')).toEqual(expectedLibrary(sandbox.state))

    const duplicate = await core.invoke('customers:editTag', { id: silver.id, name: '金卡' })
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'duplicate_tag_name' } })
    expect(writes(sandbox, 'externalcontact/edit_corp_tag')).toBe(2)

    const seeded = sandbox.state.tagGroups.find((g) => !g.createdByApi)!.tags[0]!
    const refused = await core.invoke('customers:editTag', { id: seeded.id, name: '改不了' })
    const { text, hint } = describeWecomErrcode(60011)
    expect(refused).toEqual({
      ok: false,
      error: { code: 'wecom_error', message: text['zh-CN'], hint: hint['zh-CN'], wecomErrcode: 60011 },
    })
  })

  it('removes tags and whole groups, also from the customers carrying them', async () => {
    const { sandbox, call, syncToEnd, cache } = await syncHarness()
    await syncToEnd()
    const own = await call<TagGroupSummary>('customers:addTags', { groupName: '临时', tags: ['甲', '乙'] })
    const [first, second] = own.tags
    const customer = sandbox.state.customers[0]!
    const wecom = createWecomClient({ baseUrl: sandbox.url, corpid: sandbox.corpid, secret: sandbox.secret })
    await wecom.tags.markTag({
      userid: customer.follows[0]!.userid,
      external_userid: customer.externalUserid,
      add_tag: [first!.id],
    })
    await syncToEnd()
    const carrying = (tagId: string) =>
      (cache().prepare('SELECT count(*) AS n FROM follow_tags WHERE tag_id = ?').get(tagId) as { n: number }).n
    expect(carrying(first!.id)).toBe(1)

    await call('customers:removeTags', { tagIds: [first!.id] })
    expect(carrying(first!.id)).toBe(0)
    expect(await call('customers:listTags')).toEqual(expectedLibrary(sandbox.state))
    await call('customers:removeTags', { groupIds: [own.groupId] })
    expect(sandbox.state.tagGroups.some((g) => g.groupId === own.groupId)).toBe(false)
    expect(JSON.stringify(await call('customers:listTags'))).not.toContain(second!.id)
  })

  it('answers a readable invalid_input for a name over 30 characters', async () => {
    const { sandbox, core } = await syncHarness()
    const result = await core.invoke('customers:addTags', { groupName: '渠道', tags: ['长'.repeat(31)] })
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: '标签最多 30 个字符。', hint: '请检查标红的内容后再试。' },
    })
    expect(writes(sandbox, 'externalcontact/add_corp_tag')).toBe(0)
  })

  it('refuses to pass 3,000 tags per corp, saying how many can still be added, without calling WeCom', async () => {
    const { sandbox, core, syncToEnd, cache } = await syncHarness()
    await syncToEnd()
    const synced = sandbox.state.tagGroups.reduce((sum, g) => sum + g.tags.length, 0)
    const filler = Array.from({ length: 2998 - synced }, (_, i) => ({ id: `etfill${i}`, name: `填充${i}` }))
    new CustomerCacheRepository(cache({ readOnly: false })).upsertTagGroup(
      { group_id: 'etfillgroup', group_name: '填充', tag: filler },
      Date.now(),
    )

    const result = await core.invoke('customers:addTags', { groupName: '新分组', tags: ['一', '二', '三'] })
    expect(result).toMatchObject({ ok: false, error: { code: 'tag_limit_reached' } })
    if (result.ok) return
    expect(result.error.message).toContain('3,000')
    expect(result.error.hint).toContain('2 个')
    expect(writes(sandbox, 'externalcontact/add_corp_tag')).toBe(0)
  })
})
