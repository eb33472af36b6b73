import fs from 'node:fs'
import { dirname } from 'node:path'
import { backup, DatabaseSync, type SQLInputValue } from 'node:sqlite'
import type { WorkspaceRestoreSummary } from '../../../shared/workspace-health'
import { databaseFiles } from './damage'
import { startIntegrityCheck, type IntegrityReport } from './integrity'
import { ensurePrivateDir, ensurePrivateFile, restrictFiles } from './private-files'
import { runInTransaction } from './transaction'

/**
 * The user's own work in a workspace, as opposed to the cache the sync can fetch again: drafts with
 * their media, the send journal (jobs, chunks, reminders, test sends, stops), saved audiences, the
 * welcome-template library (WeCom has no list call: this is the only record of the ids; an add
 * interrupted by the copy is found by the library's own journal check) and moment
 * drafts with their publish journal. Parents before children (foreign keys).
 */
export const USER_WORK_TABLES = [
  'drafts',
  'local_media',
  'send_jobs',
  'send_chunks',
  'remind_log',
  'send_job_tests',
  'mass_message_stops',
  'saved_audiences',
  'welcome_templates',
  'moment_drafts',
  'moment_publish_jobs',
] as const

/**
 * kv keys that are the user's settings (e.g. the mass-message receive cap) and come back with the
 * user's work. Everything else in kv is cache state (sync cursors and outcomes) that must NOT come
 * back into an empty cache: a restored cursor would make the next sync skip what it never fetched.
 */
const USER_SETTING_KV_PREFIXES = ['campaigns.', 'massMessages.']

/** Where a copy records when it was taken (in its own kv table). */
const TAKEN_AT_KEY = 'workspace:backupTakenAt'

/** A copy of a workspace on disk. */
export interface BackupCopy {
  path: string
  takenAt: number
}

/** The newest copy and the one before it, for a profile whose copy is `<base>.sqlite`. */
export function backupPaths(latestPath: string): { latest: string; previous: string } {
  return { latest: latestPath, previous: latestPath.replace(/\.sqlite$/, '.previous.sqlite') }
}

/** The copies that exist, newest first. */
export function existingBackups(latestPath: string): BackupCopy[] {
  const { latest, previous } = backupPaths(latestPath)
  const copies: BackupCopy[] = []
  for (const path of [latest, previous]) {
    const takenAt = readTakenAt(path)
    if (takenAt !== undefined) copies.push({ path, takenAt })
  }
  return copies
}

/** When a copy was taken (recorded in it; else its file time), or undefined when it is no database. */
function readTakenAt(path: string): number | undefined {
  let mtime: number
  try {
    const stat = fs.statSync(path)
    if (!stat.isFile() || stat.size === 0) return undefined
    mtime = stat.mtimeMs
  } catch {
    return undefined
  }
  try {
    const db = new DatabaseSync(path, { readOnly: true })
    try {
      const hasKv = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'kv'").get()
      const row = hasKv
        ? (db.prepare('SELECT value FROM kv WHERE key = ?').get(TAKEN_AT_KEY) as { value: string } | undefined)
        : undefined
      const value = row === undefined ? undefined : (JSON.parse(row.value) as unknown)
      return typeof value === 'number' ? value : Math.round(mtime)
    } finally {
      db.close()
    }
  } catch {
    return undefined // not a readable database: no copy to offer
  }
}

/**
 * Copies the workspace at `sourcePath` to `latestPath` with SQLite's online backup API, atomically:
 * into a temp file first (0600 before SQLite writes a byte), stamped with its time and checked with
 * `quick_check` in a worker, then the current copy becomes the previous one and the temp file the
 * current one.
 *
 * The copy reads through its own read-only connection in one step on libuv's thread pool: one read
 * transaction (a consistent snapshot, never restarted by the app's writes), and the core's own
 * connection is never locked, so neither its event loop nor its writes wait on the copy.
 *
 * Resolves with the copy, or with `damaged` (and no copy rotated in) when the copy fails its check:
 * the copy is page for page the workspace, so the workspace itself should then be checked.
 */
export async function takeBackup(
  sourcePath: string,
  latestPath: string,
  now: () => number,
): Promise<{ copy: BackupCopy } | { damaged: IntegrityReport }> {
  ensurePrivateDir(dirname(latestPath))
  const temp = `${latestPath}.partial`
  // Removing and replacing files of the workspace's size goes through the thread pool (freeing
  // 100 MB of blocks can take a while), never on the event loop.
  const removeTemp = () => Promise.all(databaseFiles(temp).map((path) => fs.promises.rm(path, { force: true })))
  await removeTemp()
  ensurePrivateFile(temp)
  try {
    const takenAt = now()
    const source = new DatabaseSync(sourcePath, { readOnly: true })
    try {
      await backup(source, temp, { rate: 2 ** 31 - 1 })
    } finally {
      source.close()
    }
    const report = await startIntegrityCheck(temp, 'quick_check', { stamp: { key: TAKEN_AT_KEY, at: takenAt } }).report
    if (report.verdict === 'inconclusive') throw new Error(`copy not checked: ${report.problems.join('; ')}`)
    if (report.verdict === 'damaged') return { damaged: report }
    restrictFiles([temp])
    const { latest, previous } = backupPaths(latestPath)
    if (fs.existsSync(latest)) await fs.promises.rename(latest, previous)
    await fs.promises.rename(temp, latest)
    return { copy: { path: latest, takenAt } }
  } finally {
    await removeTemp()
  }
}

/**
 * Calls `onChange` whenever a row of the user's work changes through this connection: TEMP
 * triggers (they live in the connection, not in the file) call a function of this process.
 */
export function trackUserWork(db: DatabaseSync, onChange: () => void): void {
  const fn = 'workspace_user_work_changed'
  db.function(fn, { deterministic: false }, () => {
    onChange()
    return null
  })
  for (const table of existingTables(db, USER_WORK_TABLES)) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS "user_work_${table}_${op.toLowerCase()}" AFTER ${op} ON main."${table}"
         BEGIN SELECT ${fn}(); END`,
      )
    }
  }
}

function existingTables(db: DatabaseSync, names: readonly string[]): string[] {
  const rows = db.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>
  const present = new Set(rows.map((row) => row.name))
  return names.filter((name) => present.has(name))
}

function columns(db: DatabaseSync, table: string): string[] {
  return (db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((row) => row.name)
}

/**
 * The copies that pass `quick_check` (run in a worker: a copy holds the whole cache), newest first,
 * and why the others were left out.
 */
export async function checkedBackups(
  copies: readonly BackupCopy[],
): Promise<{ usable: BackupCopy[]; failures: Array<{ path: string; error: string }> }> {
  const usable: BackupCopy[] = []
  const failures: Array<{ path: string; error: string }> = []
  for (const copy of copies) {
    const report = await startIntegrityCheck(copy.path, 'quick_check').report
    if (report.verdict === 'ok') usable.push(copy)
    else failures.push({ path: copy.path, error: `copy failed its check: ${report.problems.join('; ')}` })
  }
  return { usable, failures }
}

/**
 * Copies the user's work from the first readable copy (see `checkedBackups`) into `target` (a fresh workspace), in one
 * transaction: a copy that fails half-way is rolled back and the next one is tried.
 *
 * The send journal may be behind WeCom: a chunk that was `pending` or `in_flight` in the copy may
 * have gone out after the copy was taken. Such chunks come back `unknown` (attempt time: the copy's
 * time at the latest), and their jobs `reconciling`, so the runner looks them up in WeCom before
 * anything is sent again: never a duplicate. Scheduled sends not yet due stay scheduled.
 */
export function restoreUserWork(
  target: DatabaseSync,
  copies: readonly BackupCopy[],
  now: number,
): { restored?: WorkspaceRestoreSummary; failures: Array<{ path: string; error: string }> } {
  const failures: Array<{ path: string; error: string }> = []
  for (const copy of copies) {
    let source: DatabaseSync | undefined
    try {
      source = new DatabaseSync(copy.path, { readOnly: true })
      const from = source
      const restored = runInTransaction(target, () => copyUserWork(from, target, copy.takenAt, now))
      return { restored, failures }
    } catch (error) {
      failures.push({ path: copy.path, error: error instanceof Error ? error.message : String(error) })
    } finally {
      source?.close()
    }
  }
  return { failures }
}

function copyUserWork(
  source: DatabaseSync,
  target: DatabaseSync,
  takenAt: number,
  now: number,
): WorkspaceRestoreSummary {
  const tables = existingTables(source, USER_WORK_TABLES).filter((table) => existingTables(target, [table]).length > 0)
  for (const table of tables) {
    const targetColumns = new Set(columns(target, table))
    const shared = columns(source, table).filter((name) => targetColumns.has(name))
    const list = shared.map((name) => `"${name}"`).join(', ')
    const insert = target.prepare(
      `INSERT OR REPLACE INTO "${table}" (${list}) VALUES (${shared.map(() => '?').join(', ')})`,
    )
    for (const row of source.prepare(`SELECT ${list} FROM "${table}"`).iterate()) {
      insert.run(...shared.map((name) => (row as Record<string, SQLInputValue>)[name]!))
    }
  }
  if (existingTables(source, ['kv']).length > 0 && existingTables(target, ['kv']).length > 0) {
    const insert = target.prepare('INSERT OR REPLACE INTO kv (key, value, updated_at) VALUES (?, ?, ?)')
    for (const row of source.prepare('SELECT key, value, updated_at FROM kv ORDER BY key').iterate()) {
      const { key, value, updated_at: updatedAt } = row as { key: string; value: string; updated_at: number }
      if (USER_SETTING_KV_PREFIXES.some((prefix) => key.startsWith(prefix))) insert.run(key, value, updatedAt)
    }
  }
  const chunksToCheck =
    (tables.includes('send_chunks') && tables.includes('send_jobs') ? markUnsure(target, takenAt, now) : 0) +
    (tables.includes('moment_publish_jobs') ? markMomentsUnsure(target, takenAt, now) : 0)
  const count = (table: string) =>
    tables.includes(table) ? (target.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n : 0
  return {
    takenAt,
    drafts: count('drafts'),
    localMedia: count('local_media'),
    sendJobs: count('send_jobs'),
    chunksToCheck,
  }
}

/** The note shown on a job whose chunks are looked up in WeCom after a restore. */
const RESTORED_NOTE = JSON.stringify({
  text: {
    'zh-CN': '工作区已从副本恢复：正在向企业微信核对这次群发在副本之后是否已发出，核对完成前不会重发。',
    en: 'The workspace was restored from a copy: checking with WeCom whether this send went out after the copy was taken; nothing is resent until that is known.',
  },
})

/** Pending / in-flight chunks of jobs that may have run after the copy: `unknown`, to be reconciled. */
function markUnsure(db: DatabaseSync, takenAt: number, now: number): number {
  const jobs = db
    .prepare(
      `SELECT id FROM send_jobs
       WHERE state IN ('preparing', 'sending', 'reconciling')
          OR (state = 'scheduled' AND scheduled_at IS NOT NULL AND scheduled_at <= ?)`,
    )
    .all(now) as Array<{ id: string }>
  let chunks = 0
  const markChunks = db.prepare(
    `UPDATE send_chunks SET state = 'unknown', attempt_started_at = min(coalesce(attempt_started_at, ?), ?), updated_at = ?
     WHERE job_id = ? AND state IN ('pending', 'in_flight')`,
  )
  const markJob = db.prepare("UPDATE send_jobs SET state = 'reconciling', error = ?, updated_at = ? WHERE id = ?")
  for (const { id } of jobs) {
    const changed = Number(markChunks.run(takenAt, takenAt, now, id).changes)
    chunks += changed
    if (changed > 0) markJob.run(RESTORED_NOTE, now, id)
  }
  return chunks
}

/**
 * Moment publishes that may have run after the copy (about to call, calling, or scheduled and due):
 * `unknown`, so the publisher looks for them in get_moment_list before publishing anything again.
 */
function markMomentsUnsure(db: DatabaseSync, takenAt: number, now: number): number {
  const note = JSON.stringify({
    text: {
      'zh-CN': '工作区已从副本恢复：正在向企业微信核对这条朋友圈在副本之后是否已发表，核对完成前不会重发。',
      en: 'The workspace was restored from a copy: checking with WeCom whether this moment was published after the copy was taken; nothing is published again until that is known.',
    },
  })
  return Number(
    db
      .prepare(
        `UPDATE moment_publish_jobs
         SET state = 'unknown', attempt_started_at = min(coalesce(attempt_started_at, ?), ?), note = ?, updated_at = ?
         WHERE state IN ('pending', 'in_flight') OR (state = 'scheduled' AND scheduled_at IS NOT NULL AND scheduled_at <= ?)`,
      )
      .run(takenAt, takenAt, note, now, now).changes,
  )
}
