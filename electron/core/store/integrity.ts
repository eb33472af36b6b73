import type { DatabaseSync } from 'node:sqlite'
import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from 'node:worker_threads'

/** `quick_check`: O(pages), skips index-to-table cross checks; `integrity_check`: everything. */
export type IntegrityCheckKind = 'quick_check' | 'integrity_check'

/** What a check found. */
export interface IntegrityReport {
  /**
   * `ok`: no damage; `damaged`: SQLite reported problems, or the file is not a database / corrupt;
   * `inconclusive`: the check could not run (locked, no permission, I/O error), nothing concluded.
   */
  verdict: 'ok' | 'damaged' | 'inconclusive'
  /** SQLite's own words, at most `MAX_PROBLEMS` lines (for the log and support). */
  problems: string[]
  /** The SQLite error code when the check failed to run or hit corruption. */
  errcode?: number
  /** How long the check took, in ms. */
  elapsedMs: number
}

/** Problems listed at most (SQLite stops after this many). */
const MAX_PROBLEMS = 20

/** The longest `waitSync` blocks before calling the check inconclusive. */
const WAIT_SYNC_LIMIT_MS = 60_000

/** SQLite primary result codes that mean the file's content is damaged. */
const SQLITE_CORRUPT = 11
const SQLITE_NOTADB = 26

/**
 * Why a damaged report is damaged: `corrupt` when SQLite does not take the file for a database
 * (SQLITE_NOTADB: its header is gone), `integrity` for damaged content (listed problems, CORRUPT).
 */
export function damageReasonOf(report: Pick<IntegrityReport, 'errcode'>): 'integrity' | 'corrupt' {
  return report.errcode !== undefined && (report.errcode & 0xff) === SQLITE_NOTADB ? 'corrupt' : 'integrity'
}

/** Whether a node:sqlite error means a damaged file (SQLITE_CORRUPT / SQLITE_NOTADB). */
export function isDamageErrcode(errcode: number | undefined): boolean {
  if (errcode === undefined) return false
  const primary = errcode & 0xff
  return primary === SQLITE_CORRUPT || primary === SQLITE_NOTADB
}

/**
 * Runs the check on an open connection, on the calling thread. For small databases and for tests;
 * the core runs checks of real workspaces in a worker (`startIntegrityCheck`).
 */
export function runIntegrityCheck(db: DatabaseSync, kind: IntegrityCheckKind): IntegrityReport {
  const started = performance.now()
  try {
    const rows = db.prepare(`PRAGMA ${kind}(${MAX_PROBLEMS})`).all()
    return reportOf(
      rows.map((row) => String(Object.values(row)[0])),
      performance.now() - started,
    )
  } catch (error) {
    return failedReport(error, performance.now() - started)
  }
}

function reportOf(lines: string[], elapsedMs: number): IntegrityReport {
  const ok = lines.length === 1 && lines[0] === 'ok'
  return { verdict: ok ? 'ok' : 'damaged', problems: ok ? [] : lines, elapsedMs }
}

function failedReport(error: unknown, elapsedMs: number): IntegrityReport {
  const errcode = (error as { errcode?: unknown } | null)?.errcode
  const code = typeof errcode === 'number' ? errcode : undefined
  return {
    verdict: isDamageErrcode(code) ? 'damaged' : 'inconclusive',
    problems: [error instanceof Error ? error.message : String(error)],
    ...(code === undefined ? {} : { errcode: code }),
    elapsedMs,
  }
}

/**
 * The worker's code, evaluated as a script so that it runs the same under vitest, tsx and the
 * bundled Electron main process (no separate file to locate). It opens its own read-only
 * connection: it never writes, and closing it never checkpoints the WAL into the main file.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const { DatabaseSync } = require('node:sqlite')
const { filePath, kind, maxProblems, port, signal, stamp } = workerData
const started = performance.now()
let report
try {
  if (stamp) {
    // A fresh copy: one self-contained file (rollback journal, no -wal), and when it was taken.
    const copy = new DatabaseSync(filePath)
    try {
      copy.exec('PRAGMA journal_mode = DELETE')
      if (copy.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'kv'").get()) {
        copy
          .prepare('INSERT OR REPLACE INTO kv (key, value, updated_at) VALUES (?, ?, ?)')
          .run(stamp.key, JSON.stringify(stamp.at), stamp.at)
      }
    } finally {
      copy.close()
    }
  }
  const db = new DatabaseSync(filePath, { readOnly: true })
  try {
    db.exec('PRAGMA busy_timeout = 5000')
    const lines = db.prepare('PRAGMA ' + kind + '(' + maxProblems + ')').all().map((row) => String(Object.values(row)[0]))
    const ok = lines.length === 1 && lines[0] === 'ok'
    report = { verdict: ok ? 'ok' : 'damaged', problems: ok ? [] : lines }
  } finally {
    db.close()
  }
} catch (error) {
  const errcode = typeof error?.errcode === 'number' ? error.errcode : undefined
  const primary = errcode === undefined ? undefined : errcode & 0xff
  report = {
    verdict: primary === ${SQLITE_CORRUPT} || primary === ${SQLITE_NOTADB} ? 'damaged' : 'inconclusive',
    problems: [String(error?.message ?? error)],
    ...(errcode === undefined ? {} : { errcode }),
  }
}
report.elapsedMs = performance.now() - started
port.postMessage(report)
Atomics.store(signal, 0, 1)
Atomics.notify(signal, 0)
`

/** A check running in a worker thread with its own read-only connection. */
export interface RunningIntegrityCheck {
  readonly kind: IntegrityCheckKind
  /** Settles with the report (never rejects). */
  readonly report: Promise<IntegrityReport>
  /**
   * Blocks the calling thread until the report is in, and returns it: only for a caller that
   * cannot wait asynchronously (it then waits the remaining time, not a whole second check).
   */
  waitSync(): IntegrityReport
  /** Stops the worker; `report` then settles as inconclusive. */
  stop(): Promise<void>
}

/**
 * Starts `PRAGMA quick_check` / `integrity_check` of the database at `filePath` in a worker thread,
 * so that a check of a large workspace (hundreds of ms, seconds when the file is not cached) never
 * holds the core's event loop.
 */
export function startIntegrityCheck(
  filePath: string,
  kind: IntegrityCheckKind,
  options: {
    /**
     * For a fresh backup copy only: before checking, switch it to a rollback journal (one
     * self-contained file) and record `at` under kv `key`. Done in the worker, so the fsyncs of
     * these writes never wait on the event loop.
     */
    stamp?: { key: string; at: number }
  } = {},
): RunningIntegrityCheck {
  const started = performance.now()
  const { port1, port2 } = new MessageChannel()
  const signal = new Int32Array(new SharedArrayBuffer(4))
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { filePath, kind, maxProblems: MAX_PROBLEMS, port: port2, signal, stamp: options.stamp },
    transferList: [port2],
  })
  let settled: IntegrityReport | undefined
  let resolveReport: (report: IntegrityReport) => void = () => {}
  const report = new Promise<IntegrityReport>((resolve) => (resolveReport = resolve))
  const settle = (value: IntegrityReport) => {
    if (settled !== undefined) return
    settled = value
    port1.close()
    resolveReport(value)
  }
  port1.on('message', (message: IntegrityReport) => settle(message))
  worker.on('error', (error) => settle(failedReport(error, performance.now() - started)))
  worker.on('exit', () => {
    // The port's last message can arrive after the exit event: read it before giving up.
    settle(receive(port1) ?? failedReport(new Error('the check stopped'), performance.now() - started))
  })
  return {
    kind,
    report,
    waitSync() {
      if (settled !== undefined) return settled
      // Bounded: a worker that died before answering must not hang the core forever.
      Atomics.wait(signal, 0, 0, WAIT_SYNC_LIMIT_MS)
      settle(receive(port1) ?? failedReport(new Error('the check stopped'), performance.now() - started))
      return settled!
    },
    async stop() {
      await worker.terminate()
      settle(failedReport(new Error('the check was stopped'), performance.now() - started))
    },
  }
}

function receive(port: MessagePort): IntegrityReport | undefined {
  try {
    return receiveMessageOnPort(port)?.message as IntegrityReport | undefined
  } catch {
    return undefined // the port was closed: the report was already taken
  }
}
