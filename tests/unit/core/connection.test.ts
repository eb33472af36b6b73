import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionStatus } from '../../../shared/profiles'
import { createCore, type Core } from '../../../electron/core'
import { startSandbox } from '../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../electron/core/sandbox/types'
import { JsonFileSettings } from '../../../electron/core/store/settings'
import { LocalFileVault } from '../../../electron/core/store/vault'
import { openWorkspace } from '../../../electron/core/store/workspace'

const open: Array<{ close(): Promise<void> }> = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

async function setup(): Promise<{ core: Core; sandbox: SandboxHandle; dataDir: string; profileId: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'connection-'))
  const sandbox = await startSandbox({ port: 0, customers: 200, members: 8, groups: 5, seed: 3 })
  open.push(sandbox)
  const core = await createCore({
    dataDir,
    shell: 'browser',
    version: 'test',
    settings: new JsonFileSettings(join(dataDir, 'settings.json')),
    vault: new LocalFileVault(dataDir),
    sandbox: { customers: 50, members: 4, groups: 2 },
  })
  open.push(core)
  await core.invoke('app:setLocale', { locale: 'en' })
  const saved = await core.invoke('profiles:save', {
    name: 'HQ',
    corpid: sandbox.corpid,
    secret: sandbox.secret,
    baseUrl: sandbox.url,
  })
  if (!saved.ok) throw new Error(saved.error.message)
  return { core, sandbox, dataDir, profileId: (saved.data as { id: string }).id }
}

describe('the active connection', () => {
  it('records every write sent to WeCom in the profile audit log, once per call', async () => {
    const { core, sandbox, dataDir, profileId } = await setup()
    expect((await core.invoke('profiles:activate', { id: profileId })).ok).toBe(true)
    // A stale token makes the client send the write twice; only the attempt that settled it is audited.
    sandbox.setFaults({ forcedErrcodes: { 'externalcontact/add_corp_tag': { errcode: 42001, count: 1 } } })
    const added = await core.invoke('customers:addTags', { groupName: '活动', tags: ['双十一'] })
    expect(added.ok).toBe(true)
    await core.close()
    open.pop()

    const workspace = openWorkspace(join(dataDir, 'workspaces', `${profileId}.sqlite`))
    const entries = workspace.auditLog.list({ limit: 10 })
    workspace.close()
    expect(
      entries.filter((e) => e.api === 'externalcontact/add_corp_tag').map((e) => [e.result, e.profileId, e.summary]),
    ).toEqual([['ok', profileId, 'POST externalcontact/add_corp_tag (attempt 2)']])
    // Reads are not audited.
    expect(entries.some((e) => e.api === 'externalcontact/get_follow_user_list')).toBe(false)
  })

  it('shows a WeCom rate limit (45009) in the status until calls resume', async () => {
    const { core, sandbox, profileId } = await setup()
    const statuses: ConnectionStatus[] = []
    core.events.subscribe((channel, payload) => {
      if (channel === 'app:onStatus') statuses.push(payload as ConnectionStatus)
    })
    sandbox.setFaults({ forcedErrcodes: { 'externalcontact/get_follow_user_list': { errcode: 45009, count: 1 } } })
    const started = Date.now()
    void core.invoke('profiles:activate', { id: profileId })
    await expect.poll(() => statuses.find((s) => s.paused?.length), { timeout: 5000 }).toBeTruthy()
    const paused = statuses.find((s) => s.paused?.length)!
    expect(paused.profileId).toBe(profileId)
    expect(paused.paused).toEqual([{ path: 'externalcontact/get_follow_user_list', resumeAt: expect.any(Number) }])
    // WeCom blocks a path for the rest of the minute after its per-minute cap trips.
    expect(paused.paused![0]!.resumeAt - started).toBeGreaterThan(50_000)
  })
})
