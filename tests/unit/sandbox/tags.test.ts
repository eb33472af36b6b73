import { describe, expect, it } from 'vitest'
import { smallSandbox, TestApi } from './helpers'

interface TagGroup {
  group_id: string
  group_name: string
  tag: Array<{ id: string; name: string }>
}

describe('corp tags', () => {
  it('lists every group, or filters by group_id (which wins) or tag_id', async () => {
    const api = new TestApi(await smallSandbox())
    const all = (await api.post('externalcontact/get_corp_tag_list', {})).tag_group as TagGroup[]
    expect(all).toHaveLength(api.sandbox.state.tagGroups.length)
    const [first, second] = all as [TagGroup, TagGroup]
    const byGroup = await api.post('externalcontact/get_corp_tag_list', {
      group_id: [first.group_id],
      tag_id: [second.tag[0]!.id],
    })
    expect(byGroup.tag_group.map((group: TagGroup) => group.group_id)).toEqual([first.group_id])
    const byTag = await api.post('externalcontact/get_corp_tag_list', { tag_id: [second.tag[0]!.id] })
    expect(byTag.tag_group).toEqual([
      expect.objectContaining({ group_id: second.group_id, tag: [expect.objectContaining({ id: second.tag[0]!.id })] }),
    ])
  })

  it('adds a group with tags, refuses duplicates (40071) and names over 30 characters', async () => {
    const api = new TestApi(await smallSandbox())
    const added = await api.post('externalcontact/add_corp_tag', {
      group_name: '活动',
      tag: [{ name: '双十一' }, { name: '年货节' }],
    })
    expect(added.errcode).toBe(0)
    expect(added.tag_group.tag.map((tag: { name: string }) => tag.name)).toEqual(['双十一', '年货节'])
    const again = await api.post('externalcontact/add_corp_tag', { group_name: '活动', tag: [{ name: '双十一' }] })
    expect(again.errcode).toBe(40071)
    const more = await api.post('externalcontact/add_corp_tag', {
      group_id: added.tag_group.group_id,
      tag: [{ name: '618' }],
    })
    expect(more.tag_group.tag).toHaveLength(1)
    expect(
      (await api.post('externalcontact/add_corp_tag', { group_name: '活动', tag: [{ name: '标'.repeat(31) }] }))
        .errcode,
    ).toBe(40058)
    expect(
      (await api.post('externalcontact/add_corp_tag', { group_name: '组'.repeat(31), tag: [{ name: 'a' }] })).errcode,
    ).toBe(40058)
    expect((await api.post('externalcontact/add_corp_tag', { group_name: '空组', tag: [] })).errcode).toBe(40058)
    expect((await api.post('externalcontact/add_corp_tag', { group_id: 'etnope', tag: [{ name: 'a' }] })).errcode).toBe(
      40068,
    )
  })

  it('caps the corp at 3,000 tags (40126)', async () => {
    const api = new TestApi(await smallSandbox())
    const existing = api.sandbox.state.tagGroups.reduce((sum, group) => sum + group.tags.length, 0)
    const fill = Array.from({ length: 3000 - existing }, (_, i) => ({ name: `标签${i}` }))
    expect((await api.post('externalcontact/add_corp_tag', { group_name: '批量', tag: fill })).errcode).toBe(0)
    expect(
      (await api.post('externalcontact/add_corp_tag', { group_name: '批量', tag: [{ name: '多一个' }] })).errcode,
    ).toBe(40126)
  })

  it('edits and deletes only tags created through the API (60011 otherwise)', async () => {
    const api = new TestApi(await smallSandbox())
    const adminGroup = api.sandbox.state.tagGroups.find((group) => !group.createdByApi)!
    expect((await api.post('externalcontact/edit_corp_tag', { id: adminGroup.tags[0]!.id, name: '改' })).errcode).toBe(
      60011,
    )
    expect((await api.post('externalcontact/del_corp_tag', { group_id: [adminGroup.groupId] })).errcode).toBe(60011)
    const added = await api.post('externalcontact/add_corp_tag', {
      group_name: '活动',
      tag: [{ name: 'A' }, { name: 'B' }],
    })
    const [tagA, tagB] = added.tag_group.tag as Array<{ id: string }>
    expect((await api.post('externalcontact/edit_corp_tag', { id: tagA!.id, name: 'B' })).errcode).toBe(40071)
    expect((await api.post('externalcontact/edit_corp_tag', { id: tagA!.id, name: 'A2', order: 5 })).errcode).toBe(0)
    expect(
      (await api.post('externalcontact/edit_corp_tag', { id: added.tag_group.group_id, name: '活动2' })).errcode,
    ).toBe(0)
    const listed = await api.post('externalcontact/get_corp_tag_list', { group_id: [added.tag_group.group_id] })
    expect(listed.tag_group[0]).toMatchObject({ group_name: '活动2', tag: [{ name: 'A2', order: 5 }, { name: 'B' }] })
    expect((await api.post('externalcontact/del_corp_tag', { tag_id: [tagA!.id, tagB!.id] })).errcode).toBe(0)
    expect(
      (await api.post('externalcontact/get_corp_tag_list', { group_id: [added.tag_group.group_id] })).tag_group,
    ).toEqual([])
    expect((await api.post('externalcontact/del_corp_tag', {})).errcode).toBe(40058)
  })

  it('mark_tag changes the relation’s tags, visible in batch/get_by_user and get', async () => {
    const api = new TestApi(await smallSandbox())
    const { state } = api.sandbox
    const customer = state.customers[5]!
    const userid = customer.follows[0]!.userid
    const tag = state.tagGroups[8]!.tags[2]!
    const had = customer.follows[0]!.tagIds[0]
    const body = { userid, external_userid: customer.externalUserid, add_tag: [tag.id], remove_tag: had ? [had] : [] }
    expect((await api.post('externalcontact/mark_tag', body)).errcode).toBe(0)
    const batch = await api.post('externalcontact/batch/get_by_user', { userid_list: [userid], limit: 100 })
    const item = batch.external_contact_list.find(
      (entry: { external_contact: { external_userid: string } }) =>
        entry.external_contact.external_userid === customer.externalUserid,
    )
    expect(item.follow_info.tag_id).toContain(tag.id)
    if (had) expect(item.follow_info.tag_id).not.toContain(had)
    const detail = await api.get('externalcontact/get', { external_userid: customer.externalUserid })
    const follow = detail.follow_user.find((entry: { userid: string }) => entry.userid === userid)
    expect(follow.tags).toContainEqual(expect.objectContaining({ tag_id: tag.id, tag_name: tag.name }))
    expect(
      (
        await api.post('externalcontact/mark_tag', {
          userid,
          external_userid: customer.externalUserid,
          add_tag: ['etnope'],
        })
      ).errcode,
    ).toBe(40068)
    expect(
      (await api.post('externalcontact/mark_tag', { userid, external_userid: customer.externalUserid })).errcode,
    ).toBe(40058)
  })
})
