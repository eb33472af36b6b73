import { Buffer } from 'node:buffer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatLocal } from '../../../shared/date'
import type { SandboxHandle } from '../../../electron/core/sandbox/types'
import { exportCustomers } from '../../../electron/core/services/customers/export'
import type { Result } from '../../../shared/result'
import {
  addedAtOf,
  expectedCustomers,
  expectedOrder,
  startCoreOn,
  startCorp,
  syncThroughCore,
  type CoreOnSandbox,
} from './support'

let sandbox: SandboxHandle
let app: CoreOnSandbox

beforeAll(async () => {
  sandbox = (await startCorp({ customers: 1_200 })).sandbox
  app = await startCoreOn(sandbox)
  await syncThroughCore(app.core)
})
afterAll(async () => {
  await app.close()
  await sandbox.close()
})

type ExportedFile = { filename: string; dataBase64: string; contentType: string }
async function call<T>(channel: string, input?: unknown): Promise<T> {
  const result = (await app.core.invoke(channel, input)) as Result<T>
  if (!result.ok) throw new Error(result.error.message)
  return result.data
}

/** RFC 4180 rows (quoted cells with doubled quotes), after the BOM. */
function parseCsv(file: ExportedFile): string[][] {
  const source = Buffer.from(file.dataBase64, 'base64')
    .toString('utf8')
    .replace(/^\uFEFF/, '')
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else if (c !== '\r') cell += c
  }
  return rows
}

describe('customers:export', () => {
  it('exports every filtered customer in the sort order, with names, remarks, members and tags (CSV, zh-CN)', async () => {
    const members = [...sandbox.state.customersByMember.keys()].slice(0, 6)
    const filter = { members }
    const sort = { field: 'name', order: 'asc' } as const
    const file = await call<ExportedFile>('customers:export', { filter, sort, format: 'csv' })
    expect(file.filename).toMatch(/^客户-\d{8}-\d{4}\.csv$/)
    const [header, ...rows] = parseCsv(file)
    expect(header).toEqual(['客户名称', '企业', '类型', '性别', '添加时间', '跟进成员', '备注', '标签', '客户 ID'])
    const expected = expectedCustomers(sandbox.state, filter)
    expect(expected.length).toBeGreaterThan(500) // more than one window of the export
    expect(rows.map((row) => row[8])).toEqual(expectedOrder(expected, sort))

    const tagName = new Map(sandbox.state.tagGroups.flatMap((g) => g.tags.map((t) => [t.id, t.name] as const)))
    const memberName = (userid: string) => sandbox.state.memberById.get(userid)!.name
    const withRemark = expected.find((c) => c.follows.length > 1 && c.follows.some((f) => f.remark && f.tagIds.length))!
    const row = rows.find((r) => r[8] === withRemark.externalUserid)!
    expect(row.slice(0, 5)).toEqual([
      withRemark.name,
      withRemark.corpName,
      withRemark.type === 1 ? '微信用户' : '企业微信用户',
      ['未知', '男', '女'][withRemark.gender],
      formatLocal(addedAtOf(withRemark), 'YYYY-MM-DD HH:mm:ss'),
    ])
    expect(row[5]!.split('、').sort()).toEqual(withRemark.follows.map((f) => memberName(f.userid)).sort())
    for (const f of withRemark.follows.filter((f) => f.remark))
      expect(row[6]).toContain(`${memberName(f.userid)}：${f.remark}`)
    for (const id of withRemark.follows.flatMap((f) => f.tagIds)) expect(row[7]!.split('、')).toContain(tagName.get(id))
  })

  it('reports progress window by window, and writes XLSX named in English in English', async () => {
    const progress: Array<[number, number]> = []
    const file = await exportCustomers(
      app.workspace,
      { filter: {}, sort: { field: 'addedAt', order: 'desc' } },
      'xlsx',
      'en',
      Date.now(),
      (done, total) => progress.push([done, total]),
    )
    expect(file.filename).toMatch(/^customers-\d{8}-\d{4}\.xlsx$/)
    expect(Buffer.from(file.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK')
    expect(progress).toEqual([
      [500, 1_200],
      [1_000, 1_200],
      [1_200, 1_200],
    ])
  })
})
