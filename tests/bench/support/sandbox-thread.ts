/**
 * The sandbox corp on its own thread: like WeCom's servers, it answers while the console is busy
 * (writing the cache), and its work does not count against the console's event loop. The main
 * thread gets the address and asks the thread for what only the sandbox knows (its request log,
 * its ground truth).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { startSandbox } from '../../../electron/core/sandbox'
import type { SandboxOptions } from '../../../electron/core/sandbox/types'
import { minCalls, type MinCalls } from './min-calls'

const RATE_LIMIT_ERRCODES = new Set([45009, 45033])

/** What the sandbox logged from a mark on, and the fewest calls its corp allows. */
export interface SandboxReport {
  calls: number
  callsByPath: Record<string, number>
  /** 45009 / 45033 answers. */
  rateLimitErrors: number
  min: MinCalls
}

/** What the main thread asks the sandbox thread. */
type Question =
  { type: 'mark' } | { type: 'report'; from: number; concurrency: number; tokenHeld: boolean } | { type: 'close' }
type Request = Question & { id: number }

/** A sandbox running in a worker thread. */
export interface SandboxThread {
  url: string
  corpid: string
  secret: string
  /** The request log's length now, and whether a token was issued before it. */
  mark(): Promise<{ logLength: number; tokenIssued: boolean }>
  report(from: number, options: { concurrency: number; tokenHeld: boolean }): Promise<SandboxReport>
  close(): Promise<void>
}

/** Starts the sandbox in a worker thread. */
export async function startSandboxThread(options: SandboxOptions): Promise<SandboxThread> {
  const worker = new Worker(new URL(import.meta.url), { workerData: options })
  const pending = new Map<number, (value: unknown) => void>()
  let nextId = 0
  const ask = <T>(question: Question) =>
    new Promise<T>((resolve) => {
      const id = ++nextId
      pending.set(id, resolve as (value: unknown) => void)
      worker.postMessage({ ...question, id })
    })
  const started = new Promise<{ url: string; corpid: string; secret: string }>((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', resolve)
  })
  const address = await started
  worker.on('message', (message: { id: number; value: unknown }) => pending.get(message.id)?.(message.value))
  return {
    ...address,
    mark: () => ask({ type: 'mark' }),
    report: (from, { concurrency, tokenHeld }) => ask({ type: 'report', from, concurrency, tokenHeld }),
    close: async () => {
      await ask({ type: 'close' })
      await worker.terminate()
    },
  }
}

async function serve(): Promise<void> {
  const port = parentPort
  if (!port) return
  const sandbox = await startSandbox(workerData as SandboxOptions)
  port.on('message', async (request: Request) => {
    const reply = (value: unknown) => port.postMessage({ id: request.id, value })
    if (request.type === 'mark') {
      const tokenIssued = sandbox.requestLog.some((record) => record.path === 'gettoken' && record.errcode === 0)
      reply({ logLength: sandbox.requestLog.length, tokenIssued })
    } else if (request.type === 'report') {
      const requests = sandbox.requestLog.slice(request.from)
      const callsByPath: Record<string, number> = {}
      for (const record of requests) callsByPath[record.path] = (callsByPath[record.path] ?? 0) + 1
      reply({
        calls: requests.length,
        callsByPath,
        rateLimitErrors: requests.filter((record) => RATE_LIMIT_ERRCODES.has(record.errcode ?? 0)).length,
        min: minCalls(sandbox.state, request),
      } satisfies SandboxReport)
    } else {
      await sandbox.close()
      reply(undefined)
    }
  })
  port.postMessage({ url: sandbox.url, corpid: sandbox.corpid, secret: sandbox.secret })
}

if (!isMainThread) await serve()
