import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import type { SyncCheckpoint, SyncCounts } from './checkpoint'
import type { ThreadError, WriterReply, WriterRequest, WriterThreadData } from './writer-worker'
import type { SavedWrites, SyncWrite } from './writes'

/**
 * Customer pages saved together at most. Customer ids are random, so a page touches a different
 * leaf of each customer, follow and tag index for nearly every row, and a transaction rewrites
 * every index page it touched (into the WAL, then the database): pages saved together share those
 * leaves. For a 100,000-customer first sync (1,215 pages), 26 transactions of ≤ 48 pages write
 * ~1.4 GB, 10 of ≤ 128 pages ~0.7 GB, one 0.13 GB. A transaction also holds the workspace's write
 * lock, which a write of the app's thread (a draft saved during a sync) waits for, with the core's
 * event loop: this bounds that wait (~0.8 s for 128 pages into a 100,000-customer cache, 2 cores).
 */
const MAX_PAGES_PER_TRANSACTION = 128
/**
 * As the cache grows, a transaction costs more whatever it saves, so it waits for more pages: one
 * per this many database pages (a 100,000-customer cache has ~30,000). A new cache is written as
 * pages come; a large one in full transactions.
 */
const DATABASE_PAGES_PER_PAGE = 256
/**
 * How long a queued write waits for others to fill its transaction (unless someone waits for it,
 * see `whenSaved`): when pages come slower than the writer saves them, fuller transactions rather
 * than one per page. A crash loses at most this much fetching.
 */
const MAX_DELAY_MS = 1000
/**
 * Customer pages fetched but not saved yet, at most: beyond, the walk waits for the writer (its
 * memory stays bounded when the disk is slower than the network). Two transactions' worth: the
 * walk goes on while one is written.
 */
const MAX_UNSAVED_PAGES = 2 * MAX_PAGES_PER_TRANSACTION
const DEFAULT_BUSY_TIMEOUT_MS = 5000

/** A write the writer thread could not save (the database's error, rebuilt on this thread). */
export class SyncWriteError extends Error {
  readonly code?: string
  readonly errcode?: number
  readonly errstr?: string

  constructor(error: ThreadError) {
    super(error.message)
    this.name = error.name === 'Error' ? 'SyncWriteError' : error.name
    if (error.code !== undefined) this.code = error.code
    if (error.errcode !== undefined) this.errcode = error.errcode
    if (error.errstr !== undefined) this.errstr = error.errstr
  }
}

/** How the writer thread did: for the log and the benchmark. */
export interface SyncWriterStats {
  transactions: number
  /** Customer pages saved. */
  pages: number
  /** Time in transactions, and the longest one (the longest wait of a write of the app's thread). */
  transactionMs: number
  maxTransactionMs: number
  /** The thread's CPU time, once it has closed. */
  cpuMs?: number
}

export interface SyncWriterOptions {
  filePath: string
  runStartedAt: number
  /** Distinct customers the run had saved when it (re)started. */
  customers: number
  /** The database may not grow past this many pages (SQLite's `max_page_count`): a disk that fills up. */
  maxPageCount?: number
}

/**
 * Saves a sync's writes on a thread of its own, with its own connection to the workspace, so that
 * the core's event loop never waits for SQLite while a sync writes 100,000 customers: every call
 * from the page (reads go through the app's connection; WAL lets them read while the writer
 * writes) is answered at once.
 *
 * `queue` returns at once; writes are saved in the order they were queued, those that queued up
 * while the previous transaction ran together in the next one. After a failed write, no later
 * write is saved (each one's checkpoint builds on the failed one): `failure` is set, and `saved`
 * tells what the database holds.
 */
export class SyncWriter {
  /** The first write that failed, if any. */
  failure: SyncWriteError | undefined
  /** The last checkpoint saved: the calls and counts the database holds. */
  saved: { done: number; counts: SyncCounts }
  /** Distinct customers saved (counted by the writer thread). */
  customers: number
  readonly stats: SyncWriterStats = { transactions: 0, pages: 0, transactionMs: 0, maxTransactionMs: 0 }
  private readonly worker: Worker
  private readonly port: MessagePort
  private nextId = 0
  private savedUpTo = 0
  /** Ids of the customer pages not saved yet. */
  private readonly unsavedPages: number[] = []
  private readonly waiters: Array<{ until: () => boolean; resolve: () => void }> = []
  private closed: Promise<void> | undefined
  private exited = false

  constructor(options: SyncWriterOptions, checkpoint: SyncCheckpoint) {
    this.saved = { done: checkpoint.done, counts: { ...checkpoint.counts } }
    this.customers = options.customers
    const { port1, port2 } = new MessageChannel()
    this.port = port1
    const data: WriterThreadData = {
      port: port2,
      filePath: options.filePath,
      runStartedAt: options.runStartedAt,
      customers: options.customers,
      maxPagesPerTransaction: MAX_PAGES_PER_TRANSACTION,
      databasePagesPerPage: DATABASE_PAGES_PER_PAGE,
      maxDelayMs: MAX_DELAY_MS,
      busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS,
      ...(options.maxPageCount !== undefined ? { maxPageCount: options.maxPageCount } : {}),
    }
    this.worker = new Worker(writerEntry(), {
      workerData: data,
      transferList: [port2],
      ...threadExecArgv(),
    })
    this.port.on('message', (reply: WriterReply) => this.receive(reply))
    this.worker.on('error', (error) => this.fail({ name: error.name, message: error.message }))
    this.worker.on('exit', () => {
      this.exited = true
      // The port's last replies can arrive after the thread's exit: take them first.
      for (let message = receiveMessageOnPort(this.port); message; message = receiveMessageOnPort(this.port)) {
        this.receive(message.message as WriterReply)
      }
      this.fail({ name: 'Error', message: 'the sync writer thread stopped' })
    })
  }

  /** Customer pages queued and not saved yet. */
  get unsavedCustomerPages(): number {
    return this.unsavedPages.length
  }

  /**
   * Queues `write`, to be saved with `checkpoint` (a copy is taken now). Returns its id for
   * `whenSaved`. Throws when an earlier write failed: nothing queued from then on would be saved.
   */
  queue(write: SyncWrite, checkpoint?: SyncCheckpoint): number {
    if (this.failure) throw this.failure
    if (this.closed) throw new Error('the sync writer is closed')
    const id = ++this.nextId
    if (write.kind === 'customers') this.unsavedPages.push(id)
    this.post({ type: 'write', queued: { id, write, ...(checkpoint ? { checkpoint } : {}) } })
    return id
  }

  /** Saves the writes up to `id` now, and resolves once they are saved; rejects with the failure if not. */
  async whenSaved(id: number): Promise<void> {
    if (this.savedUpTo < id && !this.failure && !this.closed) this.post({ type: 'flush', upTo: id })
    await this.until(() => this.savedUpTo >= id)
    if (this.savedUpTo < id) throw this.failure
  }

  /** Resolves once the unsaved customer pages are below the limit (or the writer failed). */
  async room(): Promise<void> {
    if (this.unsavedPages.length < MAX_UNSAVED_PAGES) return
    await this.until(() => this.unsavedPages.length < MAX_UNSAVED_PAGES)
  }

  /** Saves what is queued, closes the thread's connection and ends the thread. Never rejects. */
  close(): Promise<void> {
    this.closed ??= this.shutDown()
    return this.closed
  }

  private async shutDown(): Promise<void> {
    if (!this.exited) {
      const closed = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()))
      this.post({ type: 'close' })
      await closed
    }
    this.port.close()
  }

  private post(request: WriterRequest): void {
    this.port.postMessage(request)
  }

  /** Resolves when `condition` holds or the writer failed. */
  private until(condition: () => boolean): Promise<void> {
    if (condition() || this.failure) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ until: condition, resolve }))
  }

  private receive(reply: WriterReply): void {
    if (reply.type === 'saved') {
      this.accept(reply.saved)
      const { stats } = this
      stats.transactions += 1
      stats.pages += reply.pages
      stats.transactionMs += reply.ms
      stats.maxTransactionMs = Math.max(stats.maxTransactionMs, reply.ms)
    } else if (reply.type === 'failed') {
      this.fail(reply.error)
    } else {
      this.stats.cpuMs = reply.cpuMs
    }
    this.wake()
  }

  private accept(saved: SavedWrites): void {
    this.savedUpTo = saved.upTo
    this.customers = saved.customers
    while (this.unsavedPages.length > 0 && this.unsavedPages[0]! <= saved.upTo) this.unsavedPages.shift()
    if (saved.checkpoint) this.saved = { done: saved.checkpoint.done, counts: { ...saved.checkpoint.counts } }
    if (saved.removed !== undefined) this.saved.counts.removed = saved.removed
  }

  private fail(error: ThreadError): void {
    // Only the first failure counts; the thread's exit after `close` is not one.
    if (!this.failure && !(this.closed && this.savedUpTo >= this.nextId)) this.failure = new SyncWriteError(error)
    this.wake()
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.until() || this.failure) waiter.resolve()
      else this.waiters.push(waiter)
    }
  }
}

/** Running from the TypeScript sources (tsx, vitest) rather than the built bundle. */
const FROM_SOURCE = import.meta.url.endsWith('.ts')

/**
 * The writer thread's file: the TypeScript source next to this one, or, in the Electron build,
 * the bundle's own entry for it (electron.vite.config.ts) in out/main/, next to index.js; should
 * this code land in a shared chunk (out/main/chunks/), one folder up.
 */
function writerEntry(): URL {
  if (FROM_SOURCE) return new URL('./writer-worker.ts', import.meta.url)
  const beside = new URL('./sync-writer-worker.js', import.meta.url)
  return existsSync(beside) ? beside : new URL('../sync-writer-worker.js', import.meta.url)
}

/**
 * From source, the thread needs tsx to load TypeScript: under the tsx CLI (the browser shell,
 * benchmarks) it inherits tsx's loader with the process's exec options; elsewhere (vitest) it is
 * added. The build needs nothing.
 */
function threadExecArgv(): { execArgv?: string[] } {
  if (!FROM_SOURCE || process.execArgv.some((arg) => arg.includes('tsx'))) return {}
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  return { execArgv: [...process.execArgv, '--import', loader] }
}
