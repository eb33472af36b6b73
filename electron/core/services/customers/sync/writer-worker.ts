/**
 * The sync's writer thread (see `writer.ts`): its own connection to the workspace, saving the
 * writes the run queues, in order, as many as have queued up in one transaction.
 *
 * In the Electron build this file is an entry of its own (electron.vite.config.ts), next to the
 * main process's index.js; from source (tsx, vitest) it runs as TypeScript through tsx.
 */
import { DatabaseSync } from 'node:sqlite'
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads'
import type { QueuedWrite, SavedWrites } from './writes'
import { SyncWriteApplier } from './writes'

/** What the run's thread hands the writer thread. */
export interface WriterThreadData {
  port: MessagePort
  filePath: string
  runStartedAt: number
  /** Distinct customers the run had saved when it (re)started. */
  customers: number
  /** Customer pages saved together at most, so that a transaction holds the write lock briefly. */
  maxPagesPerTransaction: number
  busyTimeoutMs: number
  /** Pages the database file may grow to (SQLite's `max_page_count`); absent: no limit of ours. */
  maxPageCount?: number
}

/** Run's thread → writer thread. */
export type WriterRequest = { type: 'write'; queued: QueuedWrite } | { type: 'close' }

/** A plain copy of an error (errors lose their own fields crossing threads). */
export interface ThreadError {
  name: string
  message: string
  code?: string
  errcode?: number
  errstr?: string
}

/** Writer thread → run's thread. */
export type WriterReply =
  { type: 'saved'; saved: SavedWrites } | { type: 'failed'; upTo: number; error: ThreadError } | { type: 'closed' }

function toThreadError(error: unknown): ThreadError {
  const { name, message, code, errcode, errstr } = (error ?? {}) as Partial<ThreadError>
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof errcode === 'number' ? { errcode } : {}),
    ...(typeof errstr === 'string' ? { errstr } : {}),
  }
}

/** The workspace connection, set up as `openWorkspace` sets up the app's (the schema is already migrated). */
function connect(data: WriterThreadData): DatabaseSync {
  const db = new DatabaseSync(data.filePath)
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(data.busyTimeoutMs))}`)
  db.exec('PRAGMA foreign_keys = ON')
  db.exec('PRAGMA synchronous = NORMAL')
  db.exec('PRAGMA cache_size = -65536')
  if (data.maxPageCount !== undefined) db.exec(`PRAGMA max_page_count = ${Math.trunc(data.maxPageCount)}`)
  return db
}

function serve(data: WriterThreadData): void {
  const { port } = data
  const queue: QueuedWrite[] = []
  let closing = false
  let scheduled = false
  let db: DatabaseSync | undefined
  let applier: SyncWriteApplier | undefined
  let failure: ThreadError | undefined
  try {
    db = connect(data)
    applier = new SyncWriteApplier(db, data.runStartedAt, data.customers)
  } catch (error) {
    failure = toThreadError(error)
  }

  const take = (request: WriterRequest) => {
    if (request.type === 'close') closing = true
    else queue.push(request.queued)
  }

  /** Everything queued on the port so far, without waiting for the event loop. */
  const drainPort = () => {
    for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
      take(message.message as WriterRequest)
    }
  }

  /** The writes of the next transaction: up to `maxPagesPerTransaction` pages; `finish` ends one. */
  const nextGroup = (): QueuedWrite[] => {
    let pages = 0
    let end = 0
    while (end < queue.length) {
      const { write } = queue[end]!
      if (write.kind === 'customers' && ++pages > data.maxPagesPerTransaction) break
      end++
      if (write.kind === 'finish') break
    }
    return queue.splice(0, Math.max(1, end))
  }

  const work = () => {
    scheduled = false
    drainPort()
    if (queue.length > 0) {
      const group = nextGroup()
      const upTo = group.at(-1)!.id
      if (failure || !applier) {
        // A failed write leaves every later one unsaved: their checkpoints build on it.
        const error = failure ?? { name: 'Error', message: 'no connection' }
        port.postMessage({ type: 'failed', upTo, error } satisfies WriterReply)
      } else {
        try {
          port.postMessage({ type: 'saved', saved: applier.apply(group) } satisfies WriterReply)
        } catch (error) {
          failure = toThreadError(error)
          port.postMessage({ type: 'failed', upTo, error: failure } satisfies WriterReply)
        }
      }
    }
    if (queue.length > 0) schedule()
    else if (closing) close()
  }

  const schedule = () => {
    if (scheduled) return
    scheduled = true
    // setImmediate: messages that arrived meanwhile are taken first (see drainPort).
    setImmediate(work)
  }

  const close = () => {
    port.off('message', onMessage)
    try {
      // Fold the WAL back into the database here, not in the next write of the app's thread.
      if (!failure) db?.exec('PRAGMA wal_checkpoint(PASSIVE)')
    } catch {
      // best effort: SQLite checkpoints again later
    }
    try {
      db?.close()
    } catch {
      // closing a connection whose file went away: nothing left to save
    }
    port.postMessage({ type: 'closed' } satisfies WriterReply)
    port.close()
  }

  const onMessage = (request: WriterRequest) => {
    take(request)
    schedule()
  }
  port.on('message', onMessage)
}

serve(workerData as WriterThreadData)
