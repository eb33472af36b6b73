import { Buffer } from 'node:buffer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatLocal } from '../../../../shared/date'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { type CoreOnSandbox, invokeOk, openSyncedCorp } from '../support'

let sandbox: SandboxHandle
let app: CoreOnSandbox

let closeCorp: () => Promise<void>

beforeAll(async () => {
  ;({ sandbox, app, close: closeCorp } = await openSyncedCorp())
})
afterAll(() => closeCorp())

const call = <T>(channel: string, input?: unknown): Promise<T> => invokeOk<T>(app.core, channel, input)
type ExportedFile = { filename: string; dataBase64: string; contentType: string }

/** A CSV the exporter wrote, as rows of cells (no cell in these tests holds a quote or a line break). */
const csvRows = (file: ExportedFile) =>
  Buffer.from(file.dataBase64, 'base64')
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','))

describe('customers:groupOwners', () => {
  it('lists only members who own groups, with their counts, most first', async () => {
    const counts = new Map<string, number>()
    for (const chat of sandbox.state.groupChats) counts.set(chat.owner, (counts.get(chat.owner) ?? 0) + 1)
    const owners = await call<Array<{ userid: string; name: string; groupCount: number }>>('customers:groupOwners')
    expect(new Map(owners.map((o) => [o.userid, o.groupCount]))).toEqual(counts)
    expect(owners.length).toBeLessThan(sandbox.state.members.length)
    for (const owner of owners) expect(owner.name).toBe(sandbox.state.memberById.get(owner.userid)!.name)
    const shown = owners.map((o) => o.groupCount)
    expect(shown).toEqual([...shown].sort((a, b) => b - a))
  })
})

describe('customers:customerGroups', () => {
  it('lists the groups a customer is in, by name', async () => {
    const chats = sandbox.state.groupChats
    const customer = chats.flatMap((chat) => chat.members).find((m) => m.type === 2)!.userid
    const expected = chats.filter((chat) => chat.members.some((m) => m.type === 2 && m.userid === customer))
    const rows = await call<Array<{ chatId: string; name: string; ownerName: string }>>('customers:customerGroups', {
      externalUserid: customer,
    })
    expect(rows.map((row) => row.chatId).sort()).toEqual(expected.map((chat) => chat.chatId).sort())
    expect(rows.map((row) => row.name)).toEqual(
      rows.map((row) => row.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    )
    expect(await call('customers:customerGroups', { externalUserid: 'wmNobody' })).toEqual([])
  })
})

describe('customers:exportGroups', () => {
  it('exports every group the filter matches, across pages, with names, owners and counts (CSV, zh-CN)', async () => {
    const owner = sandbox.state.groupChats[0]!.owner
    const owned = sandbox.state.groupChats.filter((chat) => chat.owner === owner)
    const file = await call<ExportedFile>('customers:exportGroups', {
      owners: [owner],
      sort: { field: 'name', order: 'asc' },
      format: 'csv',
    })
    expect(file.filename).toMatch(/^客户群-\d{8}-\d{4}\.csv$/)
    expect(file.contentType).toContain('text/csv')
    const [header, ...rows] = csvRows(file)
    expect(header).toEqual(['群名称', '群主', '群主账号', '人数', '创建时间', '状态', '群 ID'])
    expect(rows.map((row) => row[6]).sort()).toEqual(owned.map((chat) => chat.chatId).sort())
    const first = owned.find((chat) => chat.chatId === rows[0]![6])!
    expect(rows[0]).toEqual([
      first.name || '未命名群聊',
      sandbox.state.memberById.get(owner)!.name,
      owner,
      String(first.members.length),
      formatLocal(first.createTime * 1000, 'YYYY-MM-DD HH:mm:ss'),
      ['正常', '群主已离职', '继承中', '已继承'][first.status],
      first.chatId,
    ])

    // No filter: every cached group.
    const all = await call<ExportedFile>('customers:exportGroups', { format: 'csv' })
    expect(csvRows(all)).toHaveLength(sandbox.state.groupChats.length + 1)
  })

  it('writes an XLSX workbook, named in English in English', async () => {
    await call('app:setLocale', { locale: 'en' })
    try {
      const file = await call<ExportedFile>('customers:exportGroups', { format: 'xlsx' })
      expect(file.filename).toMatch(/^customer-groups-\d{8}-\d{4}\.xlsx$/)
      expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      expect(Buffer.from(file.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK')
    } finally {
      await call('app:setLocale', { locale: 'zh-CN' })
    }
  })
})

describe('customers:groupsByIds and customers:customerNames', () => {
  it('name a draft’s picked groups and customers from the cache, in the order asked, unknown ids left out', async () => {
    const [a, b] = sandbox.state.groupChats
    const groups = await call<Array<{ chatId: string; name: string; ownerName: string }>>('customers:groupsByIds', {
      chatIds: [b!.chatId, 'wrNotThere', a!.chatId, b!.chatId],
    })
    expect(groups.map((g) => [g.chatId, g.name])).toEqual([
      [b!.chatId, b!.name],
      [a!.chatId, a!.name],
    ])
    expect(groups[0]!.ownerName).toBe(sandbox.state.memberById.get(b!.owner)!.name)

    const [c] = sandbox.state.customers
    const names = await call<Array<{ externalUserid: string; name: string }>>('customers:customerNames', {
      externalUserids: ['wmNotThere', c!.externalUserid],
    })
    expect(names).toEqual([{ externalUserid: c!.externalUserid, name: c!.name }])
  })
})
