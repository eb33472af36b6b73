import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { GroupMsgSummary, RemindStatus } from '../../../../shared/massMessages'
import type { Result } from '../../../../shared/result'
import { createCore, type Core } from '../../../../electron/core'
import { createLogger } from '../../../../electron/core/log'
import { JsonFileSettings } from '../../../../electron/core/store/settings'
import { LocalFileVault } from '../../../../electron/core/store/vault'
import { useTempDir } from '../../store/temp-dir'
import { DAY_MS } from './support'

const tempDir = useTempDir()
let core: Core | undefined
afterEach(async () => {
  await core?.close()
  core = undefined
})

async function ok<T>(channel: string, input?: unknown): Promise<T> {
  const result = (await core!.invoke(channel, input)) as Result<T>
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.data
}

describe('massMessages:* through the core, on the embedded sandbox', () => {
  it('lists, tracks, exports and reminds', async () => {
    const dir = tempDir()
    core = await createCore({
      dataDir: dir,
      shell: 'browser',
      version: 'test',
      settings: new JsonFileSettings(join(dir, 'settings.json')),
      vault: new LocalFileVault(dir),
      log: createLogger(),
      sandbox: { customers: 300, members: 10, groups: 20 },
    })
    const now = Date.now()
    const list = await ok<GroupMsgSummary[]>('massMessages:list', {
      chatType: 'single',
      from: now - 100 * DAY_MS,
      to: now,
    })
    expect(list.length).toBeGreaterThan(0)
    const { msgid } = list[0]!
    // A detail opened by msgid (reload, link) gets the same header as the list showed.
    expect(await ok<GroupMsgSummary>('massMessages:get', { msgid })).toEqual(list[0])
    const progress = await ok<Array<{ msgid: string; status: string }>>('massMessages:progress', { msgids: [msgid] })
    expect(progress).toEqual([expect.objectContaining({ msgid, status: expect.stringMatching(/^(sending|sent)$/) })])
    const results = await ok<{ counts: Record<string, number>; rows: unknown[] }>('massMessages:results', { msgid })
    expect(Object.values(results.counts).reduce((a, b) => a + b, 0)).toBe(results.rows.length)
    // With the customers synced, the export carries each customer's remark and tags beside the ids.
    await ok('customers:startSync')
    await expect
      .poll(async () => (await ok<{ state: string }>('customers:getSyncStatus')).state, { timeout: 20_000 })
      .toBe('done')
    const file = await ok<{ filename: string; dataBase64: string }>('massMessages:export', { msgid, format: 'csv' })
    expect(file.filename).not.toContain(msgid)
    expect(file.filename).toMatch(/^[^/\\]+-\d{8}-\d{4}\.csv$/)
    const cells = (line: string) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    const [header, ...lines] = Buffer.from(file.dataBase64, 'base64').toString('utf8').split(/\r?\n/)
    const tagsAt = cells(header!).indexOf('客户标签')
    expect(tagsAt).toBeGreaterThan(0)
    expect(lines.filter((line) => (cells(line)[tagsAt] ?? '').trim() !== '').length).toBeGreaterThan(0)
    expect(await ok<RemindStatus>('massMessages:remindStatus', { msgid })).toEqual({ left: 3 })
    expect(await ok<RemindStatus>('massMessages:remind', { msgid })).toEqual({ left: 2 })
    expect(await ok('massMessages:cancel', { msgid })).toMatchObject({ msgid, alreadyStopped: false })
    expect(await ok('massMessages:cancel', { msgid })).toMatchObject({ msgid, alreadyStopped: true })
    expect(await ok<GroupMsgSummary>('massMessages:get', { msgid })).toMatchObject({ msgid, status: 'stopped' })
    const reversed = await core.invoke('massMessages:list', { chatType: 'single', from: now, to: now - 1 })
    expect(reversed.ok).toBe(false)
  })
})
