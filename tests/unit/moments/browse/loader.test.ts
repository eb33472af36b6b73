import { afterEach, describe, expect, it } from 'vitest'
import { addDays, corpDayStart, corpToday } from '../../../../shared/date'
import { createLogger } from '../../../../electron/core/log'
import {
  createWecomClient,
  WecomRateLimiter,
  WecomTokenCache,
  type WecomClientEvent,
} from '../../../../electron/core/wecom'
import { MomentCache } from '../../../../electron/core/services/moments/browse/cache'
import { MomentsLoader } from '../../../../electron/core/services/moments/browse/loader'
import { coverageOf } from '../../../../electron/core/services/moments/browse/query'
import type { MomentLoadStatus } from '../../../../shared/moments'
import { startCorp, tempWorkspace } from '../../customers/support'

const LIST = 'externalcontact/get_moment_list'
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup() {
  const { sandbox, client } = await startCorp()
  const { workspace, remove } = tempWorkspace()
  cleanups.push(() => sandbox.close(), remove)
  const statuses: MomentLoadStatus[] = []
  const loader = new MomentsLoader({
    client: async () => client,
    workspace: () => workspace,
    locale: () => 'en',
    log: createLogger(),
    onStatus: (status) => statuses.push(status),
    retryDelaysMs: [20, 20],
  })
  return { sandbox, workspace, loader, statuses }
}

const today = corpToday()
const from = corpDayStart(addDays(today, -59))

describe('a window that fails', () => {
  it('is retried, not skipped: a refused call is asked again and the range ends complete', async () => {
    const { sandbox, workspace, loader } = await setup()
    sandbox.setFaults({ forcedErrcodes: { [LIST]: { errcode: 60020, count: 2 } } })
    const status = await loader.load({ from, to: Date.now() })
    expect(status).toMatchObject({ state: 'done', windowsTotal: 3, windowsDone: 3, windowsFailed: 0 })
    const refused = sandbox.requestLog.filter((r) => r.path === LIST && r.errcode === 60020)
    expect(refused).toHaveLength(2)
    expect(coverageOf(workspace, loader, from, Date.now()).missingDays).toBe(0)

    // After a restart (a new loader over the same workspace), opening the range asks WeCom nothing.
    const calls = sandbox.requestLog.filter((r) => r.path === LIST).length
    const restarted = new MomentsLoader({
      client: async () => {
        throw new Error('no call expected')
      },
      workspace: () => workspace,
      locale: () => 'en',
      log: createLogger(),
    })
    expect(await restarted.load({ from, to: Date.now() })).toMatchObject({ windowsTotal: 0, windowsFailed: 0 })
    expect(sandbox.requestLog.filter((r) => r.path === LIST).length).toBe(calls)
  })

  it('that keeps failing is named as missing with the reason until a later load fetches it', async () => {
    const { sandbox, workspace, loader, statuses } = await setup()
    sandbox.setFaults({ forcedErrcodes: { [LIST]: { errcode: 60020 } } })
    const status = await loader.load({ from, to: Date.now() })
    expect(status).toMatchObject({ state: 'failed', windowsTotal: 3, windowsDone: 0, windowsFailed: 3 })
    expect(status.message).toMatch(/IP/)
    expect(statuses.some((s) => s.state === 'loading')).toBe(true)
    const coverage = coverageOf(workspace, loader, from, Date.now())
    expect(coverage.missingDays).toBe(60)
    expect(coverage.windows).toEqual([
      expect.objectContaining({ state: 'failed', firstDay: addDays(today, -59), lastDay: today }),
    ])
    expect(workspace.repository(MomentCache).query({ from, to: Date.now() }, 0, 10).total).toBe(0)

    sandbox.clearFaults()
    const again = await loader.load({ from, to: Date.now() })
    expect(again).toMatchObject({ state: 'done', windowsDone: 3, windowsFailed: 0 })
    expect(coverageOf(workspace, loader, from, Date.now())).toMatchObject({
      missingDays: 0,
      windows: [expect.objectContaining({ state: 'loaded' })],
    })
  })

  it('two loads of overlapping ranges share the fetch of their common days', async () => {
    const { sandbox, loader } = await setup()
    sandbox.setFaults({ latencyMs: 30 })
    const [a, b] = await Promise.all([
      loader.load({ from, to: Date.now() }),
      loader.load({ from: corpDayStart(addDays(today, -10)), to: Date.now() }),
    ])
    expect(a.windowsFailed + b.windowsFailed).toBe(0)
    const starts = sandbox.requestLog
      .filter((r) => r.path === LIST && !(r.body as { cursor?: string }).cursor)
      .map((r) => (r.body as { start_time: number }).start_time)
    expect(starts).toHaveLength(3)
  })

  it('a rate limit (45009) pauses the calls, says until when, and resumes them: nothing skipped', async () => {
    const { sandbox } = await startCorp()
    const { workspace, remove } = tempWorkspace()
    cleanups.push(() => sandbox.close(), remove)
    // The client's clock and sleep are the test's: the 60 s block passes at once.
    let clock = Date.now()
    const events: WecomClientEvent[] = []
    const client = createWecomClient({
      baseUrl: sandbox.url,
      corpid: sandbox.corpid,
      secret: sandbox.secret,
      tokenCache: new WecomTokenCache(),
      rateLimiter: new WecomRateLimiter(),
      now: () => clock,
      sleep: async (ms) => {
        clock += ms
      },
      onEvent: (event) => events.push(event),
    })
    const loader = new MomentsLoader({
      client: async () => client,
      workspace: () => workspace,
      locale: () => 'zh-CN',
      log: createLogger(),
      retryDelaysMs: [20],
    })
    sandbox.setFaults({ forcedErrcodes: { [LIST]: { errcode: 45009, count: 1 } } })
    const status = await loader.load({ from, to: Date.now() })
    expect(status).toMatchObject({ state: 'done', windowsDone: 3, windowsFailed: 0 })
    const blocked = events.find((event) => event.type === 'rate_blocked')
    expect(blocked).toMatchObject({ path: LIST, source: 'wecom' })
    expect(events.some((event) => event.type === 'rate_resumed' && event.path === LIST)).toBe(true)
    expect(sandbox.requestLog.filter((r) => r.path === LIST && r.errcode === 45009)).toHaveLength(1)
    expect(coverageOf(workspace, loader, from, Date.now()).missingDays).toBe(0)
  })
})
