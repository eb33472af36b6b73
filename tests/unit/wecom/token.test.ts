import { afterEach, describe, expect, it } from 'vitest'
import { WecomCredentialsError } from '../../../electron/core/wecom'
import { parallel, rejectionOf, startWorld, stopWorld, type World } from './support'

const FOLLOW_USERS = 'externalcontact/get_follow_user_list'

describe('access_token', () => {
  let world: World | undefined
  afterEach(() => stopWorld(world))

  it('fetches exactly one token for 60 concurrent calls on a fresh cache', async () => {
    world = await startWorld()
    const client = world.client()
    const results = await parallel(60, () => client.members.getFollowUserList())

    expect(results.every((list) => list.length > 0)).toBe(true)
    expect(world.requests('gettoken')).toHaveLength(1)
    expect(world.requests(FOLLOW_USERS)).toHaveLength(60)
    expect(world.events.filter((event) => event.type === 'token_refreshed')).toHaveLength(1)
  })

  it('shares the token between clients with the same credentials', async () => {
    world = await startWorld()
    const first = world.client()
    const second = world.client()
    await Promise.all([first.members.getFollowUserList(), second.members.getFollowUserList()])
    await second.members.getFollowUserList()

    expect(world.requests('gettoken')).toHaveLength(1)
  })

  it('refreshes an expired token transparently: 42001, then gettoken, then success', async () => {
    world = await startWorld()
    const client = world.client()
    await client.members.getFollowUserList()
    world.sandbox.expireTokens()
    const seqBefore = world.sandbox.requestLog.length

    await expect(client.members.getFollowUserList()).resolves.not.toHaveLength(0)

    const after = world.sandbox.requestLog.slice(seqBefore).map((r) => `${r.path}:${r.errcode}`)
    expect(after).toEqual([`${FOLLOW_USERS}:42001`, 'gettoken:0', `${FOLLOW_USERS}:0`])
    expect(world.events).toContainEqual(expect.objectContaining({ type: 'retry', reason: 'token_expired', attempt: 2 }))
  })

  it('refreshes once even when many calls hit 42001 together', async () => {
    world = await startWorld()
    const client = world.client()
    await client.members.getFollowUserList()
    world.sandbox.expireTokens()

    await parallel(8, () => client.members.getFollowUserList())

    expect(world.requests('gettoken')).toHaveLength(2)
  })

  it('retries a write once after 42001: the rejected call was not executed', async () => {
    world = await startWorld()
    const client = world.client()
    const [userid] = await client.members.getFollowUserList()
    world.sandbox.expireTokens()

    const created = await client.massMessages.addMsgTemplate({ sender: userid, text: { content: 'token retry' } })

    expect(created.msgid).toBeTruthy()
    const writes = world.requests('externalcontact/add_msg_template')
    expect(writes.map((r) => r.errcode)).toEqual([42001, 0])
    expect(writes.filter((r) => r.mutated)).toHaveLength(1)
  })

  it('renews the token shortly before it expires instead of waiting for 42001', async () => {
    world = await startWorld({ tokenTtlSeconds: 1000 })
    const client = world.client()
    await client.members.getFollowUserList()

    world.clock.advance(850_000) // margin is min(5 min, 10 % of 1000 s) = 100 s: still fresh
    await client.members.getFollowUserList()
    expect(world.requests('gettoken')).toHaveLength(1)

    world.clock.advance(60_000) // 910 s: inside the margin, renewed before use
    await client.members.getFollowUserList()
    expect(world.requests('gettoken')).toHaveLength(2)
    expect(world.sandbox.requestLog.some((r) => r.errcode === 42001)).toBe(false)
  })

  it('does not retry a wrong secret and says what to check, in both languages', async () => {
    world = await startWorld()
    const wrongSecret = 'wrong-secret-value-1234567890'
    const client = world.client({ secret: wrongSecret })

    const error = await rejectionOf(client.members.getFollowUserList())

    expect(error).toBeInstanceOf(WecomCredentialsError)
    const credentials = error as WecomCredentialsError
    expect(credentials.code).toBe('wecom_credentials')
    expect(credentials.errcode).toBe(40001)
    expect(credentials.text['zh-CN']).toContain('Secret')
    expect(credentials.text.en).toContain('Secret')
    expect(credentials.hint?.['zh-CN']).toContain('企业ID')
    expect(credentials.hint?.en).toContain('Corp ID')
    expect(JSON.stringify({ ...credentials, message: credentials.message })).not.toContain(wrongSecret)
    expect(world.requests('gettoken')).toHaveLength(1)
    expect(world.requests(FOLLOW_USERS)).toHaveLength(0)
  })

  it('does not call gettoken again with rejected credentials for a minute', async () => {
    world = await startWorld()
    const client = world.client({ secret: 'wrong-secret-value-1234567890' })

    const first = await rejectionOf(client.members.getFollowUserList())
    const second = await rejectionOf(client.customers.list('anyone'))
    expect(second).toBe(first)
    expect(world.requests('gettoken')).toHaveLength(1)

    world.clock.advance(61_000)
    await rejectionOf(client.members.getFollowUserList())
    expect(world.requests('gettoken')).toHaveLength(2)
    await expect(world.client().members.getFollowUserList()).resolves.not.toHaveLength(0) // the right secret is not affected
  })

  it('does not retry gettoken for a wrong corpid either', async () => {
    world = await startWorld()
    const client = world.client({ corpid: 'ww-not-this-corp' })

    const error = await rejectionOf(client.members.getFollowUserList())

    expect(error).toBeInstanceOf(WecomCredentialsError)
    expect([40001, 40013, 40091]).toContain((error as WecomCredentialsError).errcode)
    expect(world.requests('gettoken')).toHaveLength(1)
  })
})
