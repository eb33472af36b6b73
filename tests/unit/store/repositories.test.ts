import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditLogRepository } from '../../../electron/core/store/repositories/audit-log'
import { KeyValueRepository } from '../../../electron/core/store/repositories/key-value'
import { openWorkspace, type Workspace } from '../../../electron/core/store/workspace'
import { useTempDir } from './temp-dir'

const tempDir = useTempDir()
let workspace: Workspace

beforeEach(() => {
  workspace = openWorkspace(join(tempDir(), 'w.sqlite'))
})
afterEach(() => workspace.close())

describe('AuditLogRepository', () => {
  const entry = (at: number, api: string, summary = `${api} at ${at}`) => ({
    at,
    profileId: 'p1',
    api,
    summary,
    result: 'ok' as const,
  })

  it('records an entry and reads it back with every field', () => {
    const stored = workspace.auditLog.record({
      at: 1000,
      profileId: 'p1',
      api: 'externalcontact/add_msg_template',
      summary: '群发消息给 120 位客户',
      result: 'error',
      errcode: 41001,
      detail: { customers: 120, tags: ['VIP'] },
    })
    expect(stored.id).toBeGreaterThan(0)
    expect(workspace.auditLog.list({ limit: 10 })).toEqual([
      {
        id: stored.id,
        at: 1000,
        profileId: 'p1',
        api: 'externalcontact/add_msg_template',
        summary: '群发消息给 120 位客户',
        result: 'error',
        errcode: 41001,
        detail: { customers: 120, tags: ['VIP'] },
      },
    ])
  })

  it('fills in the time, errcode and detail when they are omitted', () => {
    const repository = new AuditLogRepository(workspace.db, () => 4242)
    const stored = repository.record({ profileId: 'p1', api: 'a', summary: 's', result: 'unknown' })
    expect(stored).toMatchObject({ at: 4242, errcode: null, detail: null, result: 'unknown' })
    expect(repository.list({ limit: 1 })[0]).toEqual(stored)
  })

  it('lists newest first, by time and then by insertion order for equal times', () => {
    const log = workspace.auditLog
    log.record(entry(2000, 'b'))
    log.record(entry(1000, 'a'))
    log.record(entry(3000, 'c'))
    log.record(entry(3000, 'd'))
    expect(log.list({ limit: 10 }).map((e) => e.api)).toEqual(['d', 'c', 'b', 'a'])
    expect(log.list({ limit: 2 }).map((e) => e.api)).toEqual(['d', 'c'])
  })

  it('pages with the last entry as the cursor without skipping entries that share a time', () => {
    const log = workspace.auditLog
    for (let i = 0; i < 5; i++) log.record(entry(1000, `same-${i}`))
    log.record(entry(500, 'older'))
    const seen: string[] = []
    let page = log.list({ limit: 2 })
    while (page.length > 0) {
      seen.push(...page.map((e) => e.api))
      page = log.list({ limit: 2, before: page.at(-1) })
    }
    expect(seen).toEqual(['same-4', 'same-3', 'same-2', 'same-1', 'same-0', 'older'])
    expect(log.list({ limit: 10, before: { at: 1000, id: 0 } }).map((e) => e.api)).toEqual(['older'])
  })

  it('filters by API path, also together with a cursor', () => {
    const log = workspace.auditLog
    log.record(entry(1, 'tag/add'))
    log.record(entry(2, 'msg/send'))
    log.record(entry(3, 'tag/add'))
    log.record(entry(4, 'tag/add'))
    expect(log.list({ limit: 10, api: 'tag/add' }).map((e) => e.at)).toEqual([4, 3, 1])
    expect(log.list({ limit: 10, api: 'tag/add', before: { at: 4, id: 0 } }).map((e) => e.at)).toEqual([3, 1])
    expect(log.list({ limit: 10, api: 'nothing' })).toEqual([])
  })

  it('counts entries', () => {
    expect(workspace.auditLog.count()).toBe(0)
    workspace.auditLog.record(entry(1, 'a'))
    workspace.auditLog.record(entry(2, 'b'))
    expect(workspace.auditLog.count()).toBe(2)
  })

  it('refuses a result outside ok / error / unknown', () => {
    const bad = { ...entry(1, 'a'), result: 'maybe' as 'ok' }
    expect(() => workspace.auditLog.record(bad)).toThrow(/CHECK constraint/)
    expect(workspace.auditLog.count()).toBe(0)
  })

  it('is rolled back with the transaction it was recorded in', () => {
    expect(() =>
      workspace.transaction(() => {
        workspace.auditLog.record(entry(1, 'a'))
        throw new Error('later step failed')
      }),
    ).toThrow()
    expect(workspace.auditLog.count()).toBe(0)
  })

  it('is one shared instance per workspace', () => {
    expect(workspace.auditLog).toBe(workspace.repository(AuditLogRepository))
  })
})

describe('KeyValueRepository', () => {
  it('round-trips JSON values, replacing older ones', () => {
    const kv = workspace.kv
    kv.set('cursor', { next: 'abc', page: 2, done: false })
    kv.set('list', [1, 'two', null])
    kv.set('nothing', null)
    kv.set('cursor', { next: 'def', page: 3, done: true })
    expect(kv.get('cursor')).toEqual({ next: 'def', page: 3, done: true })
    expect(kv.get('list')).toEqual([1, 'two', null])
    expect(kv.get('nothing')).toBeNull()
    expect(kv.get('missing')).toBeUndefined()
  })

  it('keeps values across reopening the workspace', () => {
    workspace.kv.set('synced_at', 123)
    const filePath = workspace.filePath
    workspace.close()
    workspace = openWorkspace(filePath)
    expect(workspace.kv.get<number>('synced_at')).toBe(123)
  })

  it('deletes keys and says whether they existed', () => {
    workspace.kv.set('k', 'v')
    expect(workspace.kv.delete('k')).toBe(true)
    expect(workspace.kv.delete('k')).toBe(false)
    expect(workspace.kv.get('k')).toBeUndefined()
  })

  it('records when a value was last written', () => {
    let now = 100
    const kv = new KeyValueRepository(workspace.db, () => now)
    kv.set('k', 1)
    now = 200
    kv.set('k', 2)
    expect(workspace.db.prepare("SELECT updated_at FROM kv WHERE key = 'k'").get()).toEqual({ updated_at: 200 })
  })

  it('refuses a value JSON cannot represent instead of storing garbage', () => {
    expect(() => workspace.kv.set('k', undefined)).toThrow(TypeError)
    expect(() => workspace.kv.set('k', () => 1)).toThrow(TypeError)
    expect(workspace.kv.get('k')).toBeUndefined()
  })
})
