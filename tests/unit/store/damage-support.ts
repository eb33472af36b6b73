import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'

/** Fills the kv table with `rows` values of `bytes` each, so the file spans many pages. */
export function fillKv(db: DatabaseSync, rows: number, bytes = 200): void {
  const insert = db.prepare('INSERT INTO kv (key, value, updated_at) VALUES (?, ?, 0)')
  db.exec('BEGIN')
  for (let i = 0; i < rows; i++) insert.run(`filler:${i}`, JSON.stringify('x'.repeat(bytes)))
  db.exec('COMMIT')
}

/** A draft row as migration 3 stores it. */
export function insertDraft(db: DatabaseSync, id: string, text: string, at = 1_700_000_000_000): void {
  db.prepare(
    `INSERT INTO drafts (id, title, chat_type, content, targeting, revision, created_at, updated_at)
     VALUES (?, ?, 'single', ?, '{}', 1, ?, ?)`,
  ).run(id, `title ${id}`, JSON.stringify({ text, attachments: [] }), at, at)
}

/** A send job with one sent and one pending chunk, and a scheduled job far in the future. */
export function insertSendJobs(db: DatabaseSync, at = 1_700_000_000_000): void {
  const job = db.prepare(
    `INSERT INTO send_jobs (id, draft_id, title, chat_type, content, content_fingerprint, state, scheduled_at,
       recipient_count, created_at, updated_at)
     VALUES (?, 'd1', 't', 'single', '{"text":"hi","attachments":[]}', 'fp', ?, ?, 2, ?, ?)`,
  )
  job.run('job-running', 'sending', null, at, at)
  job.run('job-later', 'scheduled', 4_000_000_000_000, at, at)
  const chunk = db.prepare(
    `INSERT INTO send_chunks (job_id, seq, sender, recipients, recipient_count, state, msgid, updated_at)
     VALUES (?, ?, '', '["wm1"]', 1, ?, ?, ?)`,
  )
  chunk.run('job-running', 0, 'sent', 'msg-0', at)
  chunk.run('job-running', 1, 'pending', null, at)
  chunk.run('job-later', 0, 'pending', null, at)
  db.prepare(
    `INSERT INTO local_media (id, sha256, filename, content_type, size, bytes, created_at)
     VALUES ('m1', 'abc', 'a.png', 'image/png', 3, ?, ?)`,
  ).run(new Uint8Array([1, 2, 3]), at)
}

/**
 * Overwrites one whole page in the middle of a database file (as a failing disk or a sync tool
 * might), leaving the header and every other page as they were. Returns the page number (1-based).
 */
export function damageMiddlePage(filePath: string): number {
  const bytes = readFileSync(filePath)
  const raw = bytes.readUInt16BE(16)
  const pageSize = raw === 1 ? 65536 : raw
  const pages = Math.floor(bytes.length / pageSize)
  const page = Math.floor(pages / 2)
  const fd = openSync(filePath, 'r+')
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, page * pageSize)
  } finally {
    closeSync(fd)
  }
  return page + 1
}

/** Every path under `dir` (itself included) with its permission bits. */
export function modesUnder(dir: string): Array<{ path: string; mode: number; isDir: boolean }> {
  const out: Array<{ path: string; mode: number; isDir: boolean }> = []
  const visit = (path: string) => {
    const stat = statSync(path)
    out.push({ path, mode: stat.mode & 0o777, isDir: stat.isDirectory() })
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name))
  }
  visit(dir)
  return out
}
