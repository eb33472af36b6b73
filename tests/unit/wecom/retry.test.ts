import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WecomApiError, WecomNetworkError, WecomOutcomeUnknownError } from '../../../electron/core/wecom'
import { rejectionOf, startWorld, stopWorld, type World } from './support'

const FOLLOW_USERS = 'externalcontact/get_follow_user_list'
const ADD_MSG = 'externalcontact/add_msg_template'

/** A localhost port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

describe('retries of reads', () => {
  let world: World | undefined
  afterEach(() => stopWorld(world))

  it('retries errcode -1 (system busy) with back-off and succeeds', async () => {
    world = await startWorld()
    const client = world.client()
    world.sandbox.setFaults({ forcedErrcodes: { [FOLLOW_USERS]: { errcode: -1, count: 2 } } })

    await expect(client.members.getFollowUserList()).resolves.not.toHaveLength(0)

    expect(world.requests(FOLLOW_USERS).map((r) => r.errcode)).toEqual([-1, -1, 0])
    const retries = world.events.filter((e) => e.type === 'retry' && e.path === FOLLOW_USERS)
    expect(retries).toEqual([
      expect.objectContaining({ attempt: 2, reason: 'system_busy' }),
      expect.objectContaining({ attempt: 3, reason: 'system_busy' }),
    ])
  })

  it('survives a random -1 rate on reads', async () => {
    world = await startWorld()
    const client = world.client({ retry: { maxAttempts: 8 } })
    world.sandbox.setFaults({ errorRate: 0.3 })

    const ids = await client.customers
      .batchGetByUser({ userid_list: await client.members.getFollowUserList(), limit: 100 })
      .all()

    expect(ids.length).toBeGreaterThan(0)
    expect(world.sandbox.requestLog.some((r) => r.errcode === -1)).toBe(true)
  })

  it('retries HTTP 5xx and succeeds', async () => {
    world = await startWorld()
    const client = world.client()
    await client.members.getFollowUserList()
    world.sandbox.setFaults({ httpStatus: { [FOLLOW_USERS]: { status: 502, count: 2 } } })

    await expect(client.members.getFollowUserList()).resolves.not.toHaveLength(0)
    expect(world.requests(FOLLOW_USERS).map((r) => r.httpStatus)).toEqual([200, 502, 502, 200])
  })

  it('gives up after maxAttempts with a bilingual error', async () => {
    world = await startWorld()
    const client = world.client({ retry: { maxAttempts: 3 } })
    world.sandbox.setFaults({ forcedErrcodes: { [FOLLOW_USERS]: { errcode: -1 } } })

    const error = await rejectionOf(client.members.getFollowUserList())

    expect(error).toBeInstanceOf(WecomApiError)
    expect((error as WecomApiError).errcode).toBe(-1)
    expect((error as WecomApiError).text['zh-CN']).toMatch(/繁忙/)
    expect(world.requests(FOLLOW_USERS)).toHaveLength(3)
  })

  it('retries a read whose response was dropped', async () => {
    world = await startWorld()
    const client = world.client()
    world.sandbox.setFaults({ dropResponse: { [FOLLOW_USERS]: { count: 1 } } })

    await expect(client.members.getFollowUserList()).resolves.not.toHaveLength(0)
    expect(world.requests(FOLLOW_USERS).map((r) => r.errcode)).toEqual([null, 0])
  })

  it('times out a slow read, retries, then reports the network problem', async () => {
    world = await startWorld()
    const client = world.client({ timeoutMs: 150, retry: { maxAttempts: 2 } })
    await client.members.getFollowUserList()
    world.sandbox.setFaults({ latencyByPath: { [FOLLOW_USERS]: 1_000 } })

    const error = await rejectionOf(client.members.getFollowUserList())

    expect(error).toBeInstanceOf(WecomNetworkError)
    expect((error as WecomNetworkError).code).toBe('wecom_network')
    expect((error as WecomNetworkError).failure).toBe('timeout')
    expect(world.records.filter((r) => r.path === FOLLOW_USERS && r.outcome === 'timeout')).toHaveLength(2)
  })
})

describe('writes are never retried blindly', () => {
  let world: World | undefined
  afterEach(() => stopWorld(world))

  async function sender(w: World): Promise<string> {
    const [userid] = await w.client().members.getFollowUserList()
    if (!userid) throw new Error('the sandbox has no follow users')
    return userid
  }

  it('throws -1 on a write without sending it again', async () => {
    world = await startWorld()
    const client = world.client()
    const userid = await sender(world)
    world.sandbox.setFaults({ forcedErrcodes: { [ADD_MSG]: { errcode: -1, count: 1 } } })

    const error = await rejectionOf(client.massMessages.addMsgTemplate({ sender: userid, text: { content: 'hello' } }))

    expect(error).toBeInstanceOf(WecomApiError)
    expect((error as WecomApiError).errcode).toBe(-1)
    expect(world.requests(ADD_MSG)).toHaveLength(1)
  })

  it('reports a dropped write response as outcome unknown, with exactly one request', async () => {
    world = await startWorld()
    const client = world.client()
    const userid = await sender(world)
    world.sandbox.setFaults({ dropResponse: { [ADD_MSG]: { count: 1 } } })

    const error = await rejectionOf(client.massMessages.addMsgTemplate({ sender: userid, text: { content: 'hello' } }))

    expect(error).toBeInstanceOf(WecomOutcomeUnknownError)
    const unknown = error as WecomOutcomeUnknownError
    expect(unknown.code).toBe('wecom_outcome_unknown')
    expect(unknown.text['zh-CN']).toMatch(/无法确认/)
    expect(unknown.text.en).toMatch(/unknown whether/)
    expect(unknown.hint?.en).toMatch(/check/i)
    const writes = world.requests(ADD_MSG)
    expect(writes).toHaveLength(1)
    expect(writes[0]?.mutated).toBe(true) // it did happen: a resend would have duplicated it
  })

  it('reports HTTP 5xx on a write as outcome unknown', async () => {
    world = await startWorld()
    const client = world.client()
    const userid = await sender(world)
    world.sandbox.setFaults({ httpStatus: { [ADD_MSG]: { status: 503, count: 1 } } })

    const error = await rejectionOf(client.massMessages.addMsgTemplate({ sender: userid, text: { content: 'hello' } }))

    expect(error).toBeInstanceOf(WecomOutcomeUnknownError)
    expect((error as WecomOutcomeUnknownError).failure).toBe('server_error')
    expect(world.requests(ADD_MSG)).toHaveLength(1)
  })

  it('reports a timed-out write as outcome unknown', async () => {
    world = await startWorld()
    const client = world.client({ timeoutMs: 150 })
    const userid = await sender(world)
    await client.members.getFollowUserList()
    world.sandbox.setFaults({ latencyByPath: { [ADD_MSG]: 1_000 } })

    const error = await rejectionOf(client.massMessages.addMsgTemplate({ sender: userid, text: { content: 'hello' } }))

    expect(error).toBeInstanceOf(WecomOutcomeUnknownError)
    expect((error as WecomOutcomeUnknownError).failure).toBe('timeout')
    expect(world.requests(ADD_MSG)).toHaveLength(1)
  })

  it('retries a write that provably never left the machine (connection refused)', async () => {
    world = await startWorld()
    const baseUrl = `http://127.0.0.1:${await closedPort()}`
    const owner = { baseUrl, corpid: world.sandbox.corpid, secret: world.sandbox.secret }
    await world.tokenCache.get(owner, world.clock.now, async () => ({
      accessToken: 'cached-token',
      expiresInSeconds: 7200,
    }))
    const client = world.client({ baseUrl, retry: { maxAttempts: 3 } })

    const error = await rejectionOf(client.massMessages.cancelGroupMsgSend('msg-1'))

    expect(error).toBeInstanceOf(WecomNetworkError)
    expect((error as WecomNetworkError).failure).toBe('network')
    const attempts = world.records.filter((r) => r.path === 'externalcontact/cancel_groupmsg_send')
    expect(attempts.map((r) => [r.outcome, r.final])).toEqual([
      ['network', false],
      ['network', false],
      ['network', true],
    ])
  })
})
