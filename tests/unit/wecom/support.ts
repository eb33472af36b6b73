import { startSandbox } from '../../../electron/core/sandbox'
import type { SandboxHandle, SandboxOptions, SandboxRequestRecord } from '../../../electron/core/sandbox/types'
import { createWecomClient, WecomRateLimiter, WecomTokenCache } from '../../../electron/core/wecom'
import type {
  WecomClient,
  WecomClientEvent,
  WecomClientOptions,
  WecomRequestRecord,
} from '../../../electron/core/wecom'

/**
 * A clock that only moves when someone sleeps: `sleep(ms)` yields to the event loop, then moves
 * time forward to at least its wake-up time. Shared by the sandbox and the client, so a 60 s
 * rate-limit block takes no real time while both sides see the same 60 s pass.
 */
export class FakeClock {
  private time: number

  /** `tickMs` > 0 also moves time forward on every read, as if each step of the traffic took time. */
  constructor(
    start = Date.now(),
    private readonly tickMs = 0,
  ) {
    this.time = start
  }

  readonly now = (): number => (this.time += this.tickMs)

  readonly sleep = async (ms: number): Promise<void> => {
    const wakeAt = this.time + ms
    await new Promise<void>((resolve) => setImmediate(resolve))
    if (this.time < wakeAt) this.time = wakeAt
  }

  advance(ms: number): void {
    this.time += ms
  }
}

/** A sandbox plus everything a test needs to drive clients against it and observe them. */
export interface World {
  sandbox: SandboxHandle
  clock: FakeClock
  tokenCache: WecomTokenCache
  rateLimiter: WecomRateLimiter
  /** Every event of every client made by `client()`. */
  events: WecomClientEvent[]
  /** Every onRequest record of every client made by `client()`. */
  records: WecomRequestRecord[]
  /** A client on the sandbox with fake time and this world's cache and limiter. */
  client(overrides?: Partial<WecomClientOptions>): WecomClient
  /** The sandbox's log for one path. */
  requests(path: string): SandboxRequestRecord[]
}

/** A small demo corp so each test starts fast. */
const SMALL_CORP: SandboxOptions = { customers: 400, members: 12, groups: 30, taskSpeed: 1000 }

/** Starts a sandbox on a fake clock; remember to `stopWorld` it. */
export async function startWorld(options: SandboxOptions = {}, clock = new FakeClock()): Promise<World> {
  const sandbox = await startSandbox({ ...SMALL_CORP, ...options, now: clock.now })
  const tokenCache = new WecomTokenCache()
  const rateLimiter = new WecomRateLimiter()
  const events: WecomClientEvent[] = []
  const records: WecomRequestRecord[] = []
  return {
    sandbox,
    clock,
    tokenCache,
    rateLimiter,
    events,
    records,
    client: (overrides = {}) =>
      createWecomClient({
        baseUrl: sandbox.url,
        corpid: sandbox.corpid,
        secret: sandbox.secret,
        now: clock.now,
        sleep: clock.sleep,
        tokenCache,
        rateLimiter,
        onEvent: (event) => events.push(event),
        onRequest: (record) => records.push(record),
        ...overrides,
      }),
    requests: (path) => sandbox.requestLog.filter((request) => request.path === path),
  }
}

export async function stopWorld(world: World | undefined): Promise<void> {
  await world?.sandbox.close()
}

/** Runs `count` copies of `task` at once and returns their results. */
export function parallel<T>(count: number, task: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => task(index)))
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail, but it succeeded')
}

/** A tiny but real PNG (1×1) of the given pixel size in its header, padded to `bytes`. */
export function pngBytes(options: { width?: number; height?: number; bytes?: number } = {}): Uint8Array {
  const size = Math.max(options.bytes ?? 64, 33)
  const data = new Uint8Array(size)
  data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  const view = new DataView(data.buffer)
  view.setUint32(16, options.width ?? 1)
  view.setUint32(20, options.height ?? 1)
  return data
}

/** The first bytes of an MP4 (an `ftyp` box), padded to `bytes`. */
export function mp4Bytes(bytes = 64): Uint8Array {
  const data = new Uint8Array(bytes)
  data.set([0, 0, 0, 24, ...'ftypisom'].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c)))
  return data
}
