import { afterEach, describe, expect, it } from 'vitest'
import { WecomRateLimitedError } from '../../../electron/core/wecom'
import type { WecomClientEvent } from '../../../electron/core/wecom'
import { PathRateLimiter, type AcquireContext, type RateSlot } from '../../../electron/core/wecom/rate-limiter'
import { FakeClock, parallel, rejectionOf, startWorld, stopWorld, type World } from './support'

const FOLLOW_USERS = 'externalcontact/get_follow_user_list'
const ADD_MSG = 'externalcontact/add_msg_template'
const MINUTE = 60_000

/** The largest number of `times` inside any window [t, t + windowMs). */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[j] ?? Infinity) < (sorted[i] ?? 0) + windowMs) j++
    best = Math.max(best, j - i)
  }
  return best
}

type Blocked = Extract<WecomClientEvent, { type: 'rate_blocked' }>

describe('client-side rate limit', () => {
  let world: World | undefined
  afterEach(() => stopWorld(world))

  it('never lets more than perMinute calls reach the server in any 60 s window', async () => {
    // every clock read moves time by 50 ms, so time passes while requests are in flight
    world = await startWorld({}, new FakeClock(Date.now(), 50))
    const client = world.client({ limits: { perMinute: 30 } })

    await parallel(75, () => client.members.getFollowUserList())

    const starts = world.requests(FOLLOW_USERS).map((r) => r.startedAt)
    expect(starts).toHaveLength(75)
    expect(busiestWindow(starts, MINUTE)).toBeLessThanOrEqual(30)
    expect(busiestWindow(starts, MINUTE)).toBeGreaterThanOrEqual(25) // and it does not starve either
    expect(world.sandbox.requestLog.some((r) => r.errcode === 45009)).toBe(false)
    // the pauses are reported so the UI can explain them
    const pauses = world.events.filter((e): e is Blocked => e.type === 'rate_blocked')
    expect(pauses.length).toBeGreaterThanOrEqual(2)
    expect(pauses.every((e) => e.source === 'local' && e.path === FOLLOW_USERS)).toBe(true)
    expect(pauses[0]?.resumeAt).toBeGreaterThanOrEqual(Math.min(...starts) + MINUTE)
    expect(world.events.filter((e) => e.type === 'rate_resumed')).toHaveLength(pauses.length)
  })

  it('shares one budget between clients of the same corp', async () => {
    world = await startWorld()
    const first = world.client({ limits: { perMinute: 20 } })
    const second = world.client({ limits: { perMinute: 20 } })

    await Promise.all([
      parallel(25, () => first.members.getFollowUserList()),
      parallel(25, () => second.members.getFollowUserList()),
    ])

    expect(
      busiestWindow(
        world.requests(FOLLOW_USERS).map((r) => r.startedAt),
        MINUTE,
      ),
    ).toBeLessThanOrEqual(20)
  })

  it('fails with the resume time when its own hourly budget would need too long a wait', async () => {
    world = await startWorld()
    const client = world.client({ limits: { perMinute: 100, perHour: 3 }, maxBlockWaitMs: 5 * MINUTE })

    await parallel(3, () => client.members.getFollowUserList())
    const error = await rejectionOf(client.members.getFollowUserList())

    expect(error).toBeInstanceOf(WecomRateLimitedError)
    expect((error as WecomRateLimitedError).wecomErrcode).toBeUndefined()
    expect((error as WecomRateLimitedError).resumeAt).toBeGreaterThan(world.clock.now() + 50 * MINUTE)
    expect(world.requests(FOLLOW_USERS)).toHaveLength(3)
  })
})

describe('45009: WeCom frequency limit', () => {
  let world: World | undefined
  afterEach(() => stopWorld(world))

  it('stops calling the path until the block ends, then resumes', async () => {
    world = await startWorld()
    const client = world.client()
    await client.members.getFollowUserList()
    world.sandbox.setRateLimit({ perMinute: 5, perHour: 1_000 })

    const results = await parallel(12, () => client.members.getFollowUserList())

    expect(results.every((list) => list.length > 0)).toBe(true)
    const log = world.requests(FOLLOW_USERS)
    const blocks = world.events.filter((e): e is Blocked => e.type === 'rate_blocked')
    expect(blocks.length).toBeGreaterThanOrEqual(1)
    expect(blocks.every((e) => e.source === 'wecom')).toBe(true)
    const first45009 = log.find((r) => r.errcode === 45009)
    expect(blocks[0]?.resumeAt).toBe((first45009?.startedAt ?? 0) + MINUTE)
    for (const block of blocks) {
      const blockStart = block.resumeAt - MINUTE
      expect(log.filter((r) => r.startedAt > blockStart && r.startedAt < block.resumeAt)).toEqual([])
    }
    expect(world.events.filter((e) => e.type === 'rate_resumed')).toHaveLength(blocks.length)
    expect(log.filter((r) => r.errcode === 0)).toHaveLength(13)
  })

  it('retries a write after the block: the rejected call was not executed', async () => {
    world = await startWorld()
    const client = world.client()
    const [userid] = await client.members.getFollowUserList()
    world.sandbox.setFaults({ forcedErrcodes: { [ADD_MSG]: { errcode: 45009, count: 1 } } })
    const before = world.clock.now()

    const created = await client.massMessages.addMsgTemplate({ sender: userid, text: { content: 'after the block' } })

    expect(created.msgid).toBeTruthy()
    const writes = world.requests(ADD_MSG)
    expect(writes.map((r) => r.errcode)).toEqual([45009, 0])
    expect(writes.filter((r) => r.mutated)).toHaveLength(1)
    expect((writes[1]?.startedAt ?? 0) - before).toBeGreaterThanOrEqual(MINUTE)
    expect(world.events).toContainEqual({ type: 'rate_resumed', path: ADD_MSG })
  })

  it('fails with a bilingual message saying when calls resume when the wait is too long', async () => {
    world = await startWorld()
    const client = world.client({ maxBlockWaitMs: 5_000 })
    await client.members.getFollowUserList()
    world.sandbox.setFaults({ forcedErrcodes: { [FOLLOW_USERS]: { errcode: 45009, count: 1 } } })
    const now = world.clock.now()

    const error = await rejectionOf(client.members.getFollowUserList())

    expect(error).toBeInstanceOf(WecomRateLimitedError)
    const limited = error as WecomRateLimitedError
    expect(limited.code).toBe('wecom_rate_limited')
    expect(limited.wecomErrcode).toBe(45009)
    expect(limited.resumeAt).toBe(now + MINUTE)
    const time = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    }).format(limited.resumeAt)
    expect(limited.text.en).toContain(time)
    expect(limited.text['zh-CN']).toContain('恢复')
    expect(world.requests(FOLLOW_USERS)).toHaveLength(2)
  })
})

describe('45033: WeCom concurrency limit', () => {
  let world: World | undefined
  afterEach(() => stopWorld(world))

  it('halves the path concurrency, reports it and retries', async () => {
    world = await startWorld()
    const client = world.client()
    await client.members.getFollowUserList()
    world.sandbox.setFaults({ forcedErrcodes: { [FOLLOW_USERS]: { errcode: 45033, count: 1 } } })

    await expect(client.members.getFollowUserList()).resolves.not.toHaveLength(0)

    expect(world.events).toContainEqual({ type: 'concurrency_lowered', path: FOLLOW_USERS, limit: 4 })
    expect(world.requests(FOLLOW_USERS).map((r) => r.errcode)).toEqual([0, 45033, 0])
  })

  it('settles under the server concurrency cap and completes every call', async () => {
    world = await startWorld({ maxConcurrentPerPath: 2, faults: { latencyByPath: { [FOLLOW_USERS]: 20 } } })
    const client = world.client()

    const results = await parallel(24, () => client.members.getFollowUserList())

    expect(results.every((list) => list.length > 0)).toBe(true)
    const lowered = world.events
      .filter((e) => e.type === 'concurrency_lowered')
      .map((e) => (e.type === 'concurrency_lowered' ? e.limit : 0))
    expect(lowered[0]).toBe(4)
    expect(Math.min(...lowered)).toBeLessThanOrEqual(2)
    expect(world.requests(FOLLOW_USERS).filter((r) => r.errcode === 45033).length).toBeLessThan(24)
  })
})

describe('concurrency recovery', () => {
  const limits = { perMinute: 10_000, perHour: 100_000, concurrencyPerPath: 8 }

  /** How many of 8 simultaneous acquisitions get a slot before any is released. */
  async function capacity(limiter: PathRateLimiter, context: AcquireContext): Promise<number> {
    const slots: RateSlot[] = []
    const all = Array.from({ length: 8 }, () => limiter.acquire(context).then((slot) => void slots.push(slot)))
    const tick = () => new Promise<void>((resolve) => setImmediate(resolve))
    for (let i = 0; i < 5; i++) await tick()
    const admitted = slots.length
    for (let released = 0; released < 8;) {
      const slot = slots.shift()
      if (slot) {
        slot.release(false)
        released++
      } else await tick()
    }
    await Promise.all(all)
    return admitted
  }

  it('gives one concurrent call back per 20 successes, up to the configured cap', async () => {
    const clock = new FakeClock()
    const events: WecomClientEvent[] = []
    const context: AcquireContext = {
      limits,
      now: clock.now,
      sleep: clock.sleep,
      maxBlockWaitMs: MINUTE,
      emit: (e) => events.push(e),
    }
    const limiter = new PathRateLimiter('p')
    expect(await capacity(limiter, context)).toBe(8)

    const slot = await limiter.acquire(context)
    limiter.reportConcurrencyLimited(slot, context)
    limiter.reportConcurrencyLimited(slot, context) // a second 45033 from the same level lowers only once
    slot.release(true)
    expect(events).toEqual([{ type: 'concurrency_lowered', path: 'p', limit: 4 }])
    expect(await capacity(limiter, context)).toBe(4)

    for (let i = 0; i < 19; i++) limiter.reportSuccess(limits)
    expect(await capacity(limiter, context)).toBe(4)
    limiter.reportSuccess(limits)
    expect(await capacity(limiter, context)).toBe(5)
    for (let i = 0; i < 60; i++) limiter.reportSuccess(limits)
    expect(await capacity(limiter, context)).toBe(8)
  })
})
