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
  /** Database pages per customer page a transaction waits for (see `batchSize`). */
  databasePagesPerPage: number
  /** A queued write waits at most this long for others to join its transaction. */
  maxDelayMs: number
  busyTimeoutMs: number
  /** Pages the database file may grow to (SQLite's `max_page_count`); absent: no limit of ours. */
  maxPageCount?: number
}

/** Run's thread → writer thread. */
export type WriterRequest =
  | { type: 'write'; queued: QueuedWrite }
  /** Save the writes up to `upTo` now: someone waits for them. */
  | { type: 'flush'; upTo: number }
  /** Save what is queued, then close. */
  | { type: 'close' }

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
  /** A transaction: the writes it saved, its customer pages and its duration. */
  | { type: 'saved'; saved: SavedWrites; pages: number; ms: number }
  | { type: 'failed'; upTo: number; error: ThreadError }
  /** The thread's CPU time, ms. */
  | { type: 'closed'; cpuMs: number }

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

/**
 * The workspace connection, set up as `openWorkspace` sets up the app's (the schema is already
 * migrated), except for two settings:
 * - foreign keys are not checked: the sync writes each customer with its follows, and each follow
 *   with its tags, in one transaction, and deletes no row that another references (it replaces a
 *   follow's tags and a group's members, drops tags and tag groups only together, and marks rows
 *   gone rather than deleting them), so the checks (a lookup of the parent per follow and per tag,
 *   half a million for 100,000 customers) could never fail;
 * - a page cache that holds a 100,000-customer cache (~125 MB), so a transaction never re-reads a
 *   page it evicted.
 */
function connect(data: WriterThreadData): DatabaseSync {
  const db = new DatabaseSync(data.filePath)
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(data.busyTimeoutMs))}`)
  db.exec('PRAGMA foreign_keys = OFF')
  db.exec('PRAGMA synchronous = NORMAL')
  db.exec('PRAGMA cache_size = -196608')
  if (data.maxPageCount !== undefined) db.exec(`PRAGMA max_page_count = ${Math.trunc(data.maxPageCount)}`)
  return db
}

function serve(data: WriterThreadData): void {
  const { port } = data
  const queue: Array<QueuedWrite & { at: number }> = []
  let queuedPages = 0
  /** Customer pages a transaction waits for (see `batchSize`). */
  let batch = 1
  /** Writes up to this id are to be saved now (someone waits for them). */
  let flushUpTo = 0
  let closing = false
  let scheduled = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let db: DatabaseSync | undefined
  let applier: SyncWriteApplier | undefined
  let failure: ThreadError | undefined
  /**
   * A transaction rewrites nearly every index page of the cache (see writer.ts), whatever the
   * number of customer pages it saves: it waits for a number proportional to the cache's size, so
   * that a customer page costs about the same early in a first sync (a small cache: saved at once)
   * as late (a large one: in full transactions).
   */
  function batchSize(): number {
    const pages = (db?.prepare('PRAGMA page_count').get() as { page_count: number } | undefined)?.page_count ?? 0
    return Math.min(data.maxPagesPerTransaction, Math.max(1, Math.ceil(pages / data.databasePagesPerPage)))
  }

  try {
    db = connect(data)
    applier = new SyncWriteApplier(db, data.runStartedAt, data.customers)
    batch = batchSize()
  } catch (error) {
    failure = toThreadError(error)
  }

  const take = (request: WriterRequest) => {
    if (request.type === 'close') closing = true
    else if (request.type === 'flush') flushUpTo = Math.max(flushUpTo, request.upTo)
    else {
      queue.push({ ...request.queued, at: performance.now() })
      if (request.queued.write.kind === 'customers') queuedPages++
    }
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
      if (write.kind === 'customers') {
        if (pages === data.maxPagesPerTransaction) break
        pages++
      }
      end++
      if (write.kind === 'finish') break
    }
    queuedPages -= pages
    return queue.splice(0, end).map(({ at: _at, ...queued }) => queued)
  }

  /**
   * ms until the queue is to be written: at once when a transaction's worth of pages is in, when
   * someone waits for a queued write, when closing or failed; else when the oldest write has
   * waited `maxDelayMs`. Fewer, fuller transactions write far less: see `writer.ts`.
   */
  const dueInMs = (): number => {
    const oldest = queue[0]
    if (!oldest) return Infinity
    if (failure || closing || queuedPages >= batch || flushUpTo >= oldest.id) return 0
    return Math.max(0, oldest.at + data.maxDelayMs - performance.now())
  }

  const write = (group: QueuedWrite[]) => {
    const upTo = group.at(-1)!.id
    if (failure || !applier) {
      // A failed write leaves every later one unsaved: their checkpoints build on it.
      const error = failure ?? { name: 'Error', message: 'no connection' }
      port.postMessage({ type: 'failed', upTo, error } satisfies WriterReply)
      return
    }
    try {
      const started = performance.now()
      const saved = applier.apply(group)
      const ms = performance.now() - started
      const pages = group.filter(({ write }) => write.kind === 'customers').length
      batch = batchSize()
      port.postMessage({ type: 'saved', saved, pages, ms } satisfies WriterReply)
    } catch (error) {
      failure = toThreadError(error)
      port.postMessage({ type: 'failed', upTo, error: failure } satisfies WriterReply)
    }
  }

  const work = () => {
    scheduled = false
    clearTimeout(timer)
    timer = undefined
    drainPort()
    const due = dueInMs()
    if (due === 0) {
      write(nextGroup())
      schedule()
    } else if (due !== Infinity) {
      timer = setTimeout(work, due)
    } else if (closing) {
      close()
    }
  }

  const schedule = () => {
    if (scheduled) return
    scheduled = true
    // setImmediate: messages that arrived meanwhile are taken first (see drainPort).
    setImmediate(work)
  }

  const close = () => {
    clearTimeout(timer)
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
    const cpu = process.threadCpuUsage()
    port.postMessage({ type: 'closed', cpuMs: (cpu.user + cpu.system) / 1000 } satisfies WriterReply)
    port.close()
  }

  const onMessage = (request: WriterRequest) => {
    take(request)
    schedule()
  }
  port.on('message', onMessage)
}

serve(workerData as WriterThreadData)
