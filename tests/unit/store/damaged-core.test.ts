import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import type { WorkspaceHealth } from '../../../shared/workspace-health'
import type { Result } from '../../../shared/result'
import { createCore, type Core } from '../../../electron/core'
import { WorkspaceManager } from '../../../electron/core/store/manager'
import { JsonFileSettings } from '../../../electron/core/store/settings'
import { LocalFileVault } from '../../../electron/core/store/vault'
import { openWorkspace } from '../../../electron/core/store/workspace'
import { damageMiddlePage, fillKv, insertDraft, modesUnder } from './damage-support'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'damaged-core-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A core as the browser shell builds it, on `dataDir`, answering in English. */
async function startCore(dataDir: string): Promise<Core> {
  const core = await createCore({
    dataDir,
    shell: 'browser',
    version: 'test',
    settings: new JsonFileSettings(join(dataDir, 'settings.json')),
    vault: new LocalFileVault(dataDir),
    sandbox: { customers: 20, members: 2, groups: 1 },
  })
  let closed: Promise<void> | undefined
  const close = () => (closed ??= core.close())
  cleanups.push(close)
  stoppers.set(core, close)
  expect((await core.invoke('app:setLocale', { locale: 'en' })).ok).toBe(true)
  return core
}

const stoppers = new Map<Core, () => Promise<void>>()

/** Quits the core cleanly (once). */
async function stopCore(core: Core): Promise<void> {
  await stoppers.get(core)!()
}

const DRAFT = {
  title: '双十一预告',
  chatType: 'single',
  content: { text: '双十一 8 折', attachments: [] },
  targeting: { mode: 'filter', filter: {} },
}

function errorOf(result: Result<unknown>): { code: string; message: string; hint?: string } {
  expect(result.ok).toBe(false)
  if (result.ok) throw new Error('expected an error')
  return result.error
}

function dataOf<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.data as T
}

/** The answers that do not need the workspace: they keep coming, typed, whatever its state. */
async function expectStillAnswering(core: Core): Promise<void> {
  expect(dataOf<{ version: string }>(await core.invoke('app:getInfo', undefined)).version).toBe('test')
  expect(dataOf<unknown[]>(await core.invoke('profiles:list', undefined)).length).toBeGreaterThan(0)
}

describe('the core over a damaged workspace', () => {
  it('answers typed results throughout, refuses the damaged file, and starts fresh with the drafts only when asked', async () => {
    const dataDir = join(tempRoot(), 'data')
    const first = await startCore(dataDir)
    dataOf(await first.invoke('massMessages:saveDraft', DRAFT))
    await stopCore(first) // a clean quit copies the changed drafts
    const filePath = join(dataDir, 'workspaces', 'sandbox.sqlite')
    const workspace = openWorkspace(filePath)
    fillKv(workspace.db, 2000)
    workspace.close()
    damageMiddlePage(filePath)
    const damagedBytes = readFileSync(filePath)

    const core = await startCore(dataDir)
    await expectStillAnswering(core)
    const listed = errorOf(await core.invoke('massMessages:listDrafts', undefined))
    expect(listed.code).toBe('workspace_damaged')
    expect(listed.message).toContain(filePath)
    expect(listed.hint).toContain('Start with an empty cache')
    // No write reaches the damaged file, and no empty workspace takes its place.
    expect(errorOf(await core.invoke('massMessages:saveDraft', DRAFT)).code).toBe('workspace_damaged')
    expect(errorOf(await core.invoke('customers:query', { offset: 0, limit: 10 })).code).toBe('workspace_damaged')
    await expectStillAnswering(core)
    expect(existsSync(filePath)).toBe(false)

    const health = dataOf<WorkspaceHealth>(await core.invoke('profiles:workspaceHealth', undefined))
    expect(health).toMatchObject({ profileId: 'sandbox', state: 'damaged', backup: { takenAt: expect.any(Number) } })
    const moved = join(health.damage!.movedTo, 'sandbox.sqlite')
    expect(readFileSync(moved).equals(damagedBytes)).toBe(true)
    expect(health.damage!.message).toContain(health.damage!.movedTo)

    const fresh = dataOf<WorkspaceHealth>(await core.invoke('profiles:startFreshWorkspace', undefined))
    expect(fresh).toMatchObject({ state: 'ok', restored: { drafts: 1 } })
    const drafts = dataOf<Array<{ title: string }>>(await core.invoke('massMessages:listDrafts', undefined))
    expect(drafts.map((d) => d.title)).toEqual(['双十一预告'])
    expect(dataOf<{ total: number }>(await core.invoke('customers:query', { offset: 0, limit: 10 })).total).toBe(0)
    await expectStillAnswering(core)
    expect(readFileSync(moved).equals(damagedBytes)).toBe(true)
  })

  it('keeps an empty workspace file beside a large WAL as damaged, WAL and all, and still answers', async () => {
    const dataDir = join(tempRoot(), 'data')
    const filePath = join(dataDir, 'workspaces', 'sandbox.sqlite')
    const first = await startCore(dataDir)
    dataOf(await first.invoke('massMessages:saveDraft', DRAFT))
    await stopCore(first)
    const workspace = openWorkspace(filePath)
    workspace.db.exec('PRAGMA wal_autocheckpoint = 0')
    fillKv(workspace.db, 3000, 1000)
    const wal = readFileSync(`${filePath}-wal`)
    workspace.close()
    truncateSync(filePath, 0)
    writeFileSync(`${filePath}-wal`, wal)

    const core = await startCore(dataDir)
    await expectStillAnswering(core)
    expect(errorOf(await core.invoke('massMessages:listDrafts', undefined)).code).toBe('workspace_damaged')
    const health = dataOf<WorkspaceHealth>(await core.invoke('profiles:workspaceHealth', undefined))
    expect(health.damage).toMatchObject({ reason: 'missing_main_file', file: filePath })
    expect(readFileSync(join(health.damage!.movedTo, 'sandbox.sqlite-wal')).equals(wal)).toBe(true)
    expect(readdirSync(join(dataDir, 'workspaces'))).not.toContain('sandbox.sqlite')
    await expectStillAnswering(core)
  })
})

describe('damage a call runs into after the workspace opened', () => {
  it('moves the workspace aside at once and answers workspace_damaged instead of internal', async () => {
    const dataDir = join(tempRoot(), 'data')
    const filePath = join(dataDir, 'workspaces', 'sandbox.sqlite')
    const first = await startCore(dataDir)
    dataOf(await first.invoke('massMessages:saveDraft', DRAFT))
    await stopCore(first)
    const workspace = openWorkspace(filePath)
    for (let i = 0; i < 400; i++) insertDraft(workspace.db, `bulk-${i}`, '促销'.repeat(600))
    workspace.close()

    const core = await startCore(dataDir)
    // Opens the workspace (it passes its check) without reading the drafts' pages.
    expect(dataOf<{ total: number }>(await core.invoke('customers:query', { offset: 0, limit: 10 })).total).toBe(0)
    damageMiddlePage(filePath) // a failing disk, while the console runs
    const damagedBytes = readFileSync(filePath)

    const listed = errorOf(await core.invoke('massMessages:listDrafts', undefined))
    expect(listed.code).toBe('workspace_damaged')
    expect(listed.message).toContain(filePath)
    expect(errorOf(await core.invoke('massMessages:saveDraft', DRAFT)).code).toBe('workspace_damaged')
    await expectStillAnswering(core)
    const health = dataOf<WorkspaceHealth>(await core.invoke('profiles:workspaceHealth', undefined))
    expect(health.state).toBe('damaged')
    expect(readFileSync(join(health.damage!.movedTo, 'sandbox.sqlite')).equals(damagedBytes)).toBe(true)
    expect(existsSync(filePath)).toBe(false)
  })
})

describe('damage found in the background after an unclean shutdown', () => {
  it('is pushed to the page as profiles:onWorkspaceHealth while calls keep answering', async () => {
    const dataDir = join(tempRoot(), 'data')
    const crashed = new WorkspaceManager(dataDir, { backupIntervalMs: 0 })
    const workspace = crashed.forProfile('sandbox')
    workspace.db.exec('CREATE TABLE t (a TEXT, b TEXT); CREATE INDEX t_a ON t (a)')
    const insert = workspace.db.prepare('INSERT INTO t VALUES (?, ?)')
    for (let i = 0; i < 300; i++) insert.run(`a${i}`, `b${1000 - i}`)
    workspace.close() // killed: the in-use marker stays
    // The index no longer matches its table: quick_check passes, integrity_check does not.
    const db = new DatabaseSync(crashed.pathFor('sandbox'))
    db.enableDefensive(false)
    db.exec(
      "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX t_a ON t (b)' WHERE name = 't_a'",
    )
    db.close()

    const core = await startCore(dataDir)
    const pushed: WorkspaceHealth[] = []
    core.events.subscribe((channel, payload) => {
      if (channel === 'profiles:onWorkspaceHealth') pushed.push(payload as WorkspaceHealth)
    })
    expect(dataOf<unknown[]>(await core.invoke('massMessages:listDrafts', undefined))).toEqual([])
    await expect.poll(() => pushed.at(-1)?.state, { timeout: 10_000 }).toBe('damaged')
    expect(pushed.at(-1)!.damage!.message).toContain('damaged')
    expect(errorOf(await core.invoke('massMessages:listDrafts', undefined)).code).toBe('workspace_damaged')
    await expectStillAnswering(core)
  })
})

describe('a fresh data folder on a shared computer', () => {
  it('has no group or other permission bits anywhere after a core opened a workspace and saved a draft', async () => {
    const previousUmask = process.umask(0o022) // the usual default: files 0644, folders 0755
    cleanups.push(() => void process.umask(previousUmask))
    const dataDir = join(tempRoot(), 'data')
    const core = await startCore(dataDir)
    dataOf(await core.invoke('massMessages:saveDraft', DRAFT))
    const whileOpen = modesUnder(dataDir)
    expect(whileOpen.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        join(dataDir, 'settings.json'),
        join(dataDir, 'workspaces', 'sandbox.sqlite'),
        join(dataDir, 'workspaces', 'sandbox.sqlite-wal'),
        join(dataDir, 'workspaces', 'sandbox.sqlite-shm'),
      ]),
    )
    await stopCore(core)
    const afterQuit = modesUnder(dataDir)
    expect(afterQuit.map((e) => e.path)).toContain(join(dataDir, 'workspaces', 'backups', 'sandbox.sqlite'))
    for (const entry of [...whileOpen, ...afterQuit]) {
      expect([entry.path, entry.mode & 0o077]).toEqual([entry.path, 0])
    }
  })
})
