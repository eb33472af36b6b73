import {
  chmodSync,
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../electron/core/errors'
import { WorkspaceManager, type WorkspaceManagerOptions } from '../../../electron/core/store/manager'
import { damageMiddlePage, fillKv, insertDraft, insertSendJobs, modesUnder } from './damage-support'
import { useTempDir } from './temp-dir'

const tempDir = useTempDir()
const managers: WorkspaceManager[] = []

afterEach(async () => {
  while (managers.length > 0) await managers.pop()!.close()
})

/** A manager over the test's data folder, as a fresh start of the app would build it. */
function start(options: WorkspaceManagerOptions = {}): WorkspaceManager {
  const manager = new WorkspaceManager(tempDir(), { backupIntervalMs: 0, ...options })
  managers.push(manager)
  return manager
}

/** Stops a manager the way the app quits (clean close). */
async function quit(manager: WorkspaceManager): Promise<void> {
  managers.splice(managers.indexOf(manager), 1)
  await manager.close()
}

/** Captures the AppError `fn` throws. */
function thrown(fn: () => unknown): AppError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected an AppError')
}

/** A workspace of several hundred pages with a draft in it, closed cleanly; returns its path. */
async function writtenWorkspace(profileId = 'p'): Promise<string> {
  const manager = start()
  const workspace = manager.forProfile(profileId)
  fillKv(workspace.db, 3000)
  insertDraft(workspace.db, 'd1', 'before the damage')
  await quit(manager)
  return manager.pathFor(profileId)
}

/** The one folder a damaged workspace was moved into. */
function movedFolder(manager: WorkspaceManager): string {
  const folders = readdirSync(manager.damagedDir)
  expect(folders).toHaveLength(1)
  return join(manager.damagedDir, folders[0]!)
}

describe('a workspace with a damaged page', () => {
  it('is found by quick_check in a worker, moved aside byte for byte, and answered workspace_damaged', async () => {
    const filePath = await writtenWorkspace()
    damageMiddlePage(filePath)
    const damagedBytes = readFileSync(filePath)

    const manager = start()
    await manager.prepare('p')
    const error = thrown(() => manager.forProfile('p'))
    expect(error.code).toBe('workspace_damaged')

    const folder = movedFolder(manager)
    expect(folder).toMatch(/[/\\]damaged[/\\]p-\d{4}-\d\d-\d\dT/)
    expect(readFileSync(join(folder, 'p.sqlite')).equals(damagedBytes)).toBe(true)
    // Besides the database, only the empty WAL and index the read-only check opened.
    for (const name of readdirSync(folder).filter((name) => name !== 'p.sqlite')) {
      expect(['p.sqlite-wal', 'p.sqlite-shm']).toContain(name)
      if (name.endsWith('-wal')) expect(statSync(join(folder, name)).size).toBe(0)
    }
    expect(existsSync(filePath)).toBe(false)

    // Which file, where it went, what to do: in both languages.
    const { en, 'zh-CN': zh } = error.text
    expect(en).toContain(filePath)
    expect(en).toContain(folder)
    expect(zh).toContain('损坏')
    expect(zh).toContain(folder)
    expect(error.hint?.en).toContain('Start with an empty cache')
    expect(error.hint?.['zh-CN']).toContain('用空缓存重新开始')
    expect(manager.health('p', 'en')).toMatchObject({
      state: 'damaged',
      damage: {
        reason: 'integrity',
        file: filePath,
        movedTo: folder,
        movedFiles: expect.arrayContaining(['p.sqlite']),
        notMoved: [],
      },
    })
  })

  it('is found on the calling thread when nobody prepared it, and never gets a write', async () => {
    const filePath = await writtenWorkspace()
    damageMiddlePage(filePath)
    const damagedBytes = readFileSync(filePath)

    const manager = start()
    expect(thrown(() => manager.forProfile('p')).code).toBe('workspace_damaged')
    const moved = join(movedFolder(manager), 'p.sqlite')
    // Every later use is refused too (no new empty workspace appears in its place) …
    for (let i = 0; i < 3; i++) expect(thrown(() => manager.forProfile('p')).code).toBe('workspace_damaged')
    expect(existsSync(filePath)).toBe(false)
    // … also after a restart: the damage is recorded, not just remembered.
    const restarted = start()
    await restarted.prepare('p')
    expect(thrown(() => restarted.forProfile('p')).code).toBe('workspace_damaged')
    expect(existsSync(filePath)).toBe(false)
    expect(readFileSync(moved).equals(damagedBytes)).toBe(true)
  })

  it('found by the integrity_check after an unclean shutdown, is closed and moved aside while in use', async () => {
    const first = start()
    const filePath = first.pathFor('p')
    first.forProfile('p').db.exec('CREATE TABLE t (a TEXT, b TEXT); CREATE INDEX t_a ON t (a)')
    const insert = first.forProfile('p').db.prepare('INSERT INTO t VALUES (?, ?)')
    for (let i = 0; i < 500; i++) insert.run(`a${i}`, `b${1000 - i}`)
    // The app is killed (no clean close: the in-use marker stays), and the index no longer matches
    // its table: damage quick_check does not look for, integrity_check does.
    first.forProfile('p').close()
    expect(existsSync(`${filePath}.in-use`)).toBe(true)
    const db = new DatabaseSync(filePath)
    db.enableDefensive(false)
    db.exec(
      "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX t_a ON t (b)' WHERE name = 't_a'",
    )
    db.close()

    const healthChanges: string[] = []
    const manager = start({ onHealthChanged: (id) => healthChanges.push(id) })
    await manager.prepare('p')
    const reopened = manager.forProfile('p') // quick_check passed
    expect(manager.health('p', 'en').state).toBe('checking')
    await expect.poll(() => manager.health('p', 'en').state, { timeout: 10_000 }).toBe('damaged')
    expect(reopened.isOpen).toBe(false)
    expect(healthChanges).toContain('p')
    expect(thrown(() => manager.forProfile('p')).code).toBe('workspace_damaged')
    expect(manager.health('p', 'en').damage?.reason).toBe('integrity')
    expect(readdirSync(movedFolder(manager))).toContain('p.sqlite')
    expect(existsSync(`${filePath}.in-use`)).toBe(false)
  })

  it('after a clean shutdown, opens without the background check', async () => {
    await writtenWorkspace()
    const manager = start()
    await manager.prepare('p')
    manager.forProfile('p')
    expect(manager.health('p', 'en').state).toBe('ok')
  })
})

describe('an empty workspace file beside its WAL', () => {
  it('is damaged, not a new workspace: the WAL is kept, byte for byte', async () => {
    const manager = start()
    const workspace = manager.forProfile('p')
    workspace.db.exec('PRAGMA wal_autocheckpoint = 0')
    fillKv(workspace.db, 4000, 1000) // ~4 MB of committed work, all still in the WAL
    const filePath = manager.pathFor('p')
    const wal = readFileSync(`${filePath}-wal`)
    expect(wal.length).toBeGreaterThan(4_000_000)
    // The app is killed, and something truncates the main file (a sync tool, a failed copy).
    workspace.close() // a close checkpoints and deletes the WAL: put the crash-time files back
    truncateSync(filePath, 0)
    writeFileSync(`${filePath}-wal`, wal)

    const restarted = start()
    await restarted.prepare('p')
    const error = thrown(() => restarted.forProfile('p'))
    expect(error.code).toBe('workspace_damaged')
    expect(error.text.en).toContain('write-ahead log')
    const folder = movedFolder(restarted)
    expect(readdirSync(folder).sort()).toEqual(['p.sqlite', 'p.sqlite-wal'])
    expect(readFileSync(join(folder, 'p.sqlite-wal')).equals(wal)).toBe(true)
    expect(statSync(join(folder, 'p.sqlite')).size).toBe(0)
    expect(existsSync(filePath)).toBe(false)
  })

  it('is damaged also when the main file is missing altogether', () => {
    const manager = start()
    const filePath = manager.pathFor('p')
    const workspace = manager.forProfile('p')
    workspace.db.exec('PRAGMA wal_autocheckpoint = 0')
    workspace.kv.set('k', 'v')
    const wal = readFileSync(`${filePath}-wal`)
    manager.closeAll()
    rmSync(filePath)
    writeFileSync(`${filePath}-wal`, wal)
    const error = thrown(() => start().forProfile('p'))
    expect(error.code).toBe('workspace_damaged')
    expect(existsSync(filePath)).toBe(false)
  })
})

describe('the rolling copy of the user work and a fresh start', () => {
  it('restores drafts, local media and the send journal from the copy; later edits are the only loss', async () => {
    let now = new Date(2024, 10, 5, 14, 30).getTime()
    const first = start({ now: () => now })
    const workspace = first.forProfile('p')
    fillKv(workspace.db, 3000)
    insertDraft(workspace.db, 'kept', 'written before the copy')
    insertSendJobs(workspace.db)
    workspace.kv.set('campaigns.receiveCap', { enabled: true })
    workspace.kv.set('sync:checkpoint', { phase: 'customers' })
    const copy = await first.backupNow('p')
    expect(copy?.takenAt).toBe(now)
    now += 60_000
    insertDraft(workspace.db, 'lost', 'written after the copy')
    await quit(first) // the clean close copies again: simulate a crash instead for the loss below
    const filePath = first.pathFor('p')
    // Roll the newest copy back to the 14:30 one, as if the app had been killed before quitting.
    const backups = join(tempDir(), 'workspaces', 'backups')
    copyFileSync(join(backups, 'p.previous.sqlite'), join(backups, 'p.sqlite'))
    damageMiddlePage(filePath)

    now += 60_000
    const manager = start({ now: () => now })
    await manager.prepare('p')
    const error = thrown(() => manager.forProfile('p'))
    expect(error.hint?.en).toContain('copy of 14:30')
    expect(error.hint?.['zh-CN']).toContain('14:30 的副本')
    expect(manager.health('p', 'zh-CN')).toMatchObject({ state: 'damaged', backup: { takenAt: copy!.takenAt } })

    const restored = await manager.startFresh('p')
    expect(restored).toEqual({ takenAt: copy!.takenAt, drafts: 1, localMedia: 1, sendJobs: 2, chunksToCheck: 1 })
    const fresh = manager.forProfile('p')
    const drafts = fresh.db.prepare('SELECT id, content FROM drafts').all()
    expect(drafts).toEqual([
      { id: 'kept', content: JSON.stringify({ text: 'written before the copy', attachments: [] }) },
    ])
    expect(fresh.db.prepare('SELECT bytes FROM local_media').get()).toEqual({ bytes: new Uint8Array([1, 2, 3]) })
    // The pending chunk may have gone out after the copy: WeCom is asked before any resend.
    expect(
      fresh.db.prepare('SELECT job_id, seq, state, attempt_started_at FROM send_chunks ORDER BY job_id, seq').all(),
    ).toEqual([
      { job_id: 'job-later', seq: 0, state: 'pending', attempt_started_at: null },
      { job_id: 'job-running', seq: 0, state: 'sent', attempt_started_at: null },
      { job_id: 'job-running', seq: 1, state: 'unknown', attempt_started_at: copy!.takenAt },
    ])
    expect(fresh.db.prepare("SELECT state FROM send_jobs WHERE id = 'job-running'").get()).toEqual({
      state: 'reconciling',
    })
    expect(fresh.db.prepare("SELECT state FROM send_jobs WHERE id = 'job-later'").get()).toEqual({ state: 'scheduled' })
    // The user's settings come back, the cache (and its sync state) does not.
    expect(fresh.kv.get('campaigns.receiveCap')).toEqual({ enabled: true })
    expect(fresh.kv.get('sync:checkpoint')).toBeUndefined()
    expect(fresh.db.prepare("SELECT count(*) AS n FROM kv WHERE key LIKE 'filler:%'").get()).toEqual({ n: 0 })
    // The damaged files stay where they were moved.
    expect(readdirSync(movedFolder(manager))).toContain('p.sqlite')
    expect(manager.health('p', 'en')).toMatchObject({ state: 'ok', restored: { drafts: 1 } })
  })

  it('restores the welcome-template library and moment publishes; a publish under way is checked with WeCom first', async () => {
    const now = new Date(2024, 10, 5, 14, 30).getTime()
    const first = start({ now: () => now })
    const db = first.forProfile('p').db
    fillKv(db, 3000)
    db.prepare(
      `INSERT INTO welcome_templates (id, template_id, content, origin, ownership, sync_state, created_at, updated_at)
       VALUES ('t1', 'msgTPL1', '{"text":"hi %NICKNAME%"}', 'created', 'own', 'pushed', ?, ?)`,
    ).run(now, now)
    const job = db.prepare(
      `INSERT INTO moment_publish_jobs (id, content, range, fingerprint, state, attempt_started_at, moment_id, created_at, updated_at)
       VALUES (?, '{"text":"x"}', '{}', 'f', ?, ?, ?, ?, ?)`,
    )
    job.run('calling', 'in_flight', now - 5000, null, now, now)
    job.run('waiting', 'pending', null, null, now, now)
    job.run('finished', 'done', now - 9000, 'moment-1', now, now)
    const copy = await first.backupNow('p')
    first.closeAll()
    damageMiddlePage(first.pathFor('p'))

    const manager = start({ now: () => now + 60_000 })
    await manager.prepare('p')
    thrown(() => manager.forProfile('p'))
    const restored = await manager.startFresh('p')
    expect(restored?.chunksToCheck).toBe(2)
    const fresh = manager.forProfile('p').db
    expect(fresh.prepare('SELECT id, template_id, sync_state FROM welcome_templates').all()).toEqual([
      { id: 't1', template_id: 'msgTPL1', sync_state: 'pushed' },
    ])
    expect(fresh.prepare('SELECT id, state, attempt_started_at FROM moment_publish_jobs ORDER BY id').all()).toEqual([
      { id: 'calling', state: 'unknown', attempt_started_at: now - 5000 },
      { id: 'finished', state: 'done', attempt_started_at: now - 9000 },
      { id: 'waiting', state: 'unknown', attempt_started_at: copy!.takenAt },
    ])
  })

  it('starts fresh and empty when there is no copy, and only when asked', async () => {
    const filePath = await writtenWorkspace()
    rmBackups()
    damageMiddlePage(filePath)
    const manager = start()
    const error = thrown(() => manager.forProfile('p'))
    expect(error.hint?.en).toContain('no copy of your drafts')
    expect(existsSync(filePath)).toBe(false)
    expect(await manager.startFresh('p')).toBeUndefined()
    const fresh = manager.forProfile('p')
    expect(fresh.db.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 0 })
    expect(manager.health('p', 'en').state).toBe('ok')
  })

  it('copies on the timer only while the user work changes, keeping the previous copy', async () => {
    const manager = start({ backupIntervalMs: 40 })
    const workspace = manager.forProfile('p')
    const latest = manager.backupPathFor('p')
    const previous = latest.replace(/\.sqlite$/, '.previous.sqlite')
    workspace.kv.set('sync:checkpoint', 1) // cache state: no copy for it
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(existsSync(latest)).toBe(false)

    insertDraft(workspace.db, 'd1', 'one')
    await expect.poll(() => existsSync(latest), { timeout: 5000 }).toBe(true)
    const firstCopy = readFileSync(latest)
    insertDraft(workspace.db, 'd2', 'two')
    await expect.poll(() => existsSync(previous), { timeout: 5000 }).toBe(true)
    expect(readFileSync(previous).equals(firstCopy)).toBe(true)
    const copy = new DatabaseSync(latest, { readOnly: true })
    try {
      expect(copy.prepare('SELECT id FROM drafts ORDER BY id').all()).toEqual([{ id: 'd1' }, { id: 'd2' }])
      expect(copy.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'delete' })
    } finally {
      copy.close()
    }
    expect(readdirSync(join(tempDir(), 'workspaces', 'backups')).sort()).toEqual(['p.previous.sqlite', 'p.sqlite'])
  })
})

describe('files on a computer shared by several local users', () => {
  it('makes the data folder, workspaces, their WAL, copies and moved files owner-only', async () => {
    const manager = start()
    const workspace = manager.forProfile('p')
    insertDraft(workspace.db, 'd1', 'private')
    await manager.backupNow('p')
    const damaged = manager.forProfile('q')
    fillKv(damaged.db, 3000)
    manager.closeProfile('q')
    damageMiddlePage(manager.pathFor('q'))
    expect(() => manager.forProfile('q')).toThrow(AppError)

    const entries = modesUnder(tempDir())
    expect(entries.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        join(tempDir(), 'workspaces', 'p.sqlite-wal'),
        join(tempDir(), 'workspaces', 'p.sqlite-shm'),
        manager.backupPathFor('p'),
        join(tempDir(), 'workspaces', 'q.sqlite.damaged.json'),
      ]),
    )
    for (const entry of entries) expect([entry.path, entry.mode]).toEqual([entry.path, entry.isDir ? 0o700 : 0o600])
  })

  it('tightens a workspace that an older version left readable by others', async () => {
    const manager = start()
    manager.forProfile('p').kv.set('k', 'v')
    await quit(manager)
    chmodSync(manager.pathFor('p'), 0o644)
    chmodSync(join(tempDir(), 'workspaces'), 0o755)
    start().forProfile('p')
    expect(statSync(manager.pathFor('p')).mode & 0o777).toBe(0o600)
    expect(statSync(join(tempDir(), 'workspaces')).mode & 0o777).toBe(0o700)
  })
})

function rmBackups(): void {
  const dir = join(tempDir(), 'workspaces', 'backups')
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) writeFileSync(join(dir, name), '') // unusable copies
}
