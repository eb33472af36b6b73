import { describe, expect, it } from 'vitest'
import { collectPages, smallSandbox, TestApi } from './helpers'

interface BatchItem {
  external_contact: { external_userid: string; name: string }
  follow_info: { userid: string; tag_id: string[]; remark: string }
}

describe('members and departments', () => {
  it('lists follow users, departments, members by department and member details', async () => {
    const api = new TestApi(await smallSandbox())
    const { state } = api.sandbox
    expect((await api.get('externalcontact/get_follow_user_list')).follow_user).toEqual(
      state.members.map((m) => m.userid),
    )
    const departments = (await api.get('department/list')).department as Array<{ id: number; parentid: number }>
    expect(departments).toHaveLength(state.departments.length)
    const everyone = await api.get('user/simplelist', { department_id: 1, fetch_child: 1 })
    expect(everyone.userlist).toHaveLength(state.members.length)
    expect((await api.get('user/simplelist', { department_id: 1 })).userlist).toHaveLength(0)
    const member = state.members[0]!
    expect(await api.get('user/get', { userid: member.userid })).toMatchObject({
      errcode: 0,
      name: member.name,
      position: member.position,
    })
    expect((await api.get('user/get', { userid: 'nobody' })).errcode).toBe(40003)
  })
})

describe('customers', () => {
  it('pages batch/get_by_user across members, every relation exactly once', async () => {
    const api = new TestApi(await smallSandbox())
    const userids = api.sandbox.state.members.slice(0, 3).map((member) => member.userid)
    const items = await collectPages<BatchItem>(
      (cursor) => api.post('externalcontact/batch/get_by_user', { userid_list: userids, cursor, limit: 7 }),
      'external_contact_list',
    )
    const seen = items.map((item) => `${item.follow_info.userid}/${item.external_contact.external_userid}`)
    const expected = userids.flatMap((userid) =>
      (api.sandbox.state.customersByMember.get(userid) ?? []).map((customer) => `${userid}/${customer.externalUserid}`),
    )
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toEqual(expected)
  })

  it('clamps batch/get_by_user limit to 100 and rejects more than 100 userids', async () => {
    const api = new TestApi(await smallSandbox())
    const userids = api.sandbox.state.members.map((member) => member.userid)
    const page = await api.post('externalcontact/batch/get_by_user', { userid_list: userids, limit: 500 })
    expect(page.external_contact_list).toHaveLength(100)
    const defaultPage = await api.post('externalcontact/batch/get_by_user', { userid_list: userids })
    expect(defaultPage.external_contact_list).toHaveLength(50)
    const tooMany = Array.from({ length: 101 }, (_, i) => userids[i % userids.length])
    expect((await api.post('externalcontact/batch/get_by_user', { userid_list: tooMany })).errcode).toBe(40058)
    expect((await api.post('externalcontact/batch/get_by_user', { userid_list: ['ghost'] })).errcode).toBe(40003)
  })

  it('lists a member’s customers and returns details with named tags', async () => {
    const api = new TestApi(await smallSandbox())
    const { state } = api.sandbox
    const customer = state.customers.find(
      (candidate) => candidate.follows.length > 1 && candidate.follows[0]!.tagIds.length > 0,
    )!
    const userid = customer.follows[0]!.userid
    const list = await api.get('externalcontact/list', { userid })
    expect(list.external_userid).toContain(customer.externalUserid)
    const detail = await api.get('externalcontact/get', { external_userid: customer.externalUserid })
    expect(detail.external_contact).toMatchObject({
      external_userid: customer.externalUserid,
      name: customer.name,
      type: customer.type,
    })
    expect(detail.follow_user).toHaveLength(customer.follows.length)
    expect(detail.follow_user[0].tags[0]).toMatchObject({ type: 1, tag_id: customer.follows[0]!.tagIds[0] })
    expect(detail.next_cursor).toBe('')
    expect((await api.get('externalcontact/get', { external_userid: 'wmnotacustomer' })).errcode).toBe(40096)
  })

  it('validates remark limits and relations, and applies remarks', async () => {
    const api = new TestApi(await smallSandbox())
    const { state } = api.sandbox
    const customer = state.customers[0]!
    const relation = { userid: customer.follows[0]!.userid, external_userid: customer.externalUserid }
    expect((await api.post('externalcontact/remark', { ...relation, remark: '备'.repeat(21) })).errcode).toBe(40058)
    expect((await api.post('externalcontact/remark', { ...relation, description: 'd'.repeat(151) })).errcode).toBe(
      40058,
    )
    expect((await api.post('externalcontact/remark', { ...relation, remark_company: '公'.repeat(21) })).errcode).toBe(
      40058,
    )
    expect(
      (await api.post('externalcontact/remark', { ...relation, external_userid: 'wmnope', remark: 'x' })).errcode,
    ).toBe(40096)
    const stranger = state.members.find(
      (member) => !customer.follows.some((follow) => follow.userid === member.userid),
    )!
    expect(
      (await api.post('externalcontact/remark', { ...relation, userid: stranger.userid, remark: 'x' })).errcode,
    ).toBe(84061)
    expect(
      await api.post('externalcontact/remark', { ...relation, remark: '备'.repeat(20), description: '老客户' }),
    ).toMatchObject({ errcode: 0 })
    const detail = await api.get('externalcontact/get', { external_userid: customer.externalUserid })
    expect(detail.follow_user[0]).toMatchObject({ remark: '备'.repeat(20), description: '老客户' })
    expect(api.sandbox.requestLog.at(-2)).toMatchObject({ path: 'externalcontact/remark', mutated: true })
  })

  it('test hooks add, rename and remove customers between syncs', async () => {
    const api = new TestApi(await smallSandbox())
    const userid = api.sandbox.state.members[1]!.userid
    const added = api.sandbox.addCustomer({ userid, name: '新客户' })
    expect((await api.get('externalcontact/list', { userid })).external_userid).toContain(added)
    api.sandbox.renameCustomer(added, '改名了')
    expect((await api.get('externalcontact/get', { external_userid: added })).external_contact.name).toBe('改名了')
    api.sandbox.removeCustomer(added)
    expect((await api.get('externalcontact/get', { external_userid: added })).errcode).toBe(40096)
    expect((await api.get('externalcontact/list', { userid })).external_userid).not.toContain(added)
  })
})

describe('customer groups', () => {
  it('pages groupchat/list exactly once and validates limit and owner filter', async () => {
    const api = new TestApi(await smallSandbox())
    const { state } = api.sandbox
    const chats = await collectPages<{ chat_id: string }>(
      (cursor) => api.post('externalcontact/groupchat/list', { cursor, limit: 7 }),
      'group_chat_list',
    )
    expect(chats.map((chat) => chat.chat_id)).toEqual(state.groupChats.map((chat) => chat.chatId))
    expect((await api.post('externalcontact/groupchat/list', {})).errcode).toBe(40058)
    expect((await api.post('externalcontact/groupchat/list', { limit: 1001 })).errcode).toBe(40058)
    const tooMany = Array.from({ length: 101 }, (_, i) => `user${i}`)
    expect(
      (await api.post('externalcontact/groupchat/list', { limit: 10, owner_filter: { userid_list: tooMany } })).errcode,
    ).toBe(40058)
    const owner = state.groupChats[0]!.owner
    const owned = await api.post('externalcontact/groupchat/list', {
      limit: 1000,
      owner_filter: { userid_list: [owner] },
    })
    expect(owned.group_chat_list).toHaveLength(state.groupChats.filter((chat) => chat.owner === owner).length)
  })

  it('returns group details with names on request; touchGroup changes member_version', async () => {
    const api = new TestApi(await smallSandbox())
    const chat = api.sandbox.state.groupChats[0]!
    const plain = await api.post('externalcontact/groupchat/get', { chat_id: chat.chatId })
    expect(plain.group_chat).toMatchObject({ chat_id: chat.chatId, owner: chat.owner, name: chat.name })
    expect(plain.group_chat.member_list[0].name).toBeUndefined()
    const named = await api.post('externalcontact/groupchat/get', { chat_id: chat.chatId, need_name: 1 })
    expect(named.group_chat.member_list[0].name).toBeTruthy()
    api.sandbox.touchGroup(chat.chatId)
    const touched = await api.post('externalcontact/groupchat/get', { chat_id: chat.chatId })
    expect(touched.group_chat.member_version).not.toBe(plain.group_chat.member_version)
    expect(touched.group_chat.member_list.length).not.toBe(plain.group_chat.member_list.length)
  })

  it('answers 81017 without an owner filter when the corp has more than 1,000 members', async () => {
    const api = new TestApi(await smallSandbox({ members: 1001, customers: 1000, groups: 10 }))
    expect((await api.post('externalcontact/groupchat/list', { limit: 10 })).errcode).toBe(81017)
    const owner = api.sandbox.state.groupChats[0]!.owner
    expect(
      (await api.post('externalcontact/groupchat/list', { limit: 10, owner_filter: { userid_list: [owner] } })).errcode,
    ).toBe(0)
  })
})
