import { Buffer } from 'node:buffer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SandboxHandle, SandboxState } from '../../../../electron/core/sandbox/types'
import type { GroupDetail, GroupRow } from '../../../../shared/customers'
import type { Result } from '../../../../shared/result'
import { startCoreOn, startCorp, syncThroughCore, type CoreOnSandbox } from '../support'

let sandbox: SandboxHandle
let app: CoreOnSandbox
/** A customer deleted from the corp before the cache was filled, still listed in a group. */
let uncachedCustomer: string

beforeAll(async () => {
  const corp = await startCorp()
  sandbox = corp.sandbox
  const groupCustomer = sandbox.state.groupChats[0]!.members.find((member) => member.type === 2)!
  uncachedCustomer = groupCustomer.userid
  sandbox.removeCustomer(uncachedCustomer)
  app = await startCoreOn(sandbox)
  await syncThroughCore(app.core)
})

afterAll(async () => {
  await app.close()
  await sandbox.close()
})

type Chat = SandboxState['groupChats'][number]
type GroupQueryInput = {
  search?: string
  owners?: string[]
  sort?: { field: string; order: string }
  offset?: number
  limit?: number
}

async function query(input: GroupQueryInput): Promise<{ total: number; rows: GroupRow[] }> {
  const result = (await app.core.invoke('customers:queryGroups', input)) as Result<{ total: number; rows: GroupRow[] }>
  if (!result.ok) throw new Error(result.error.message)
  return result.data
}

const rowOf = (chat: Chat): GroupRow => ({
  chatId: chat.chatId,
  name: chat.name,
  owner: chat.owner,
  ownerName: sandbox.state.memberById.get(chat.owner)!.name,
  memberCount: chat.members.length,
  createTime: chat.createTime * 1000,
  status: chat.status,
})

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b))

describe('customers:queryGroups', () => {
  it('returns every group with its owner name, newest first by default', async () => {
    const expected = [...sandbox.state.groupChats]
      .sort((a, b) => b.createTime - a.createTime || byteOrder(b.chatId, a.chatId))
      .map(rowOf)
    expect(await query({ limit: 500 })).toEqual({ total: expected.length, rows: expected })
  })

  it('searches group names and filters by owner', async () => {
    const word = sandbox.state.groupChats[3]!.name.slice(0, 2)
    const named = sandbox.state.groupChats.filter((chat) => chat.name.includes(word))
    const found = await query({ search: word, limit: 500 })
    expect(found.rows.map((row) => row.chatId).sort()).toEqual(named.map((chat) => chat.chatId).sort())
    const owners = [sandbox.state.groupChats[0]!.owner, sandbox.state.groupChats[1]!.owner]
    const owned = sandbox.state.groupChats.filter((chat) => owners.includes(chat.owner))
    const byOwner = await query({ owners, limit: 500 })
    expect(byOwner.total).toBe(owned.length)
    expect(byOwner.rows.map((row) => row.chatId).sort()).toEqual(owned.map((chat) => chat.chatId).sort())
  })

  it.each([
    ['name', 'asc'],
    ['memberCount', 'desc'],
    ['createTime', 'asc'],
  ] as const)('sorts by %s %s, window after window', async (field, order) => {
    const key = (chat: Chat) =>
      field === 'name' ? chat.name : field === 'memberCount' ? chat.members.length : chat.createTime
    const sign = order === 'asc' ? 1 : -1
    const expected = [...sandbox.state.groupChats]
      .sort((a, b) => {
        const [ka, kb] = [key(a), key(b)]
        const byKey = typeof ka === 'string' ? byteOrder(ka, kb as string) : ka - (kb as number)
        return sign * (byKey || byteOrder(a.chatId, b.chatId))
      })
      .map((chat) => chat.chatId)
    const ids: string[] = []
    for (let offset = 0; offset < expected.length; offset += 7) {
      ids.push(...(await query({ sort: { field, order }, offset, limit: 7 })).rows.map((row) => row.chatId))
    }
    expect(ids).toEqual(expected)
  })
})

describe('customers:getGroup', () => {
  it('answers notice, admins and members named from the member and customer caches, else from the group', async () => {
    const chat = sandbox.state.groupChats[0]!
    const result = (await app.core.invoke('customers:getGroup', { chatId: chat.chatId })) as Result<GroupDetail>
    if (!result.ok) throw new Error(result.error.message)
    const detail = result.data
    expect(detail).toMatchObject({ ...rowOf(chat), notice: chat.notice, admins: chat.admins })
    const expectedName = (member: Chat['members'][number]) =>
      member.type === 1
        ? sandbox.state.memberById.get(member.userid)!.name
        : (sandbox.state.customerById.get(member.userid)?.name ?? member.name)
    const members = [...chat.members]
      .sort((a, b) => a.joinTime - b.joinTime || byteOrder(a.userid, b.userid))
      .map((member) => ({
        id: member.userid,
        type: member.type,
        name: expectedName(member),
        joinTime: member.joinTime * 1000,
        joinScene: member.joinScene,
        invitor: member.invitor,
      }))
    expect(detail.members).toEqual(members)
    const uncached = detail.members.find((member) => member.id === uncachedCustomer)!
    expect(uncached.name).toBe(chat.members.find((member) => member.userid === uncachedCustomer)!.name)
  })

  it('refuses an unknown group with a readable message', async () => {
    const result = await app.core.invoke('customers:getGroup', { chatId: 'wr-unknown' })
    expect(result.ok || result.error.code).toBe('group_not_found')
  })
})
