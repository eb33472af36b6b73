import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../electron/core/errors'
import { describeWecomErrcode, KNOWN_WECOM_ERRCODES, WecomApiError } from '../../../electron/core/wecom'
import { backoffDelay } from '../../../electron/core/wecom/retry-policy'
import { rejectionOf, startWorld, stopWorld, type World } from './support'

const CJK = /[\u4e00-\u9fff]/
const FOLLOW_USERS = 'externalcontact/get_follow_user_list'

/** Every errcode the reference names (§2.4 and the endpoint sections). */
const REFERENCE_ERRCODES = [
  -1, 40001, 40003, 40004, 40005, 40006, 40007, 40009, 40013, 40014, 40058, 40091, 40096, 40097, 40099, 40100, 40126,
  41001, 41004, 41051, 41053, 41054, 41055, 41058, 41059, 41060, 41061, 41062, 41063, 41064, 41065, 41067, 42001, 45009,
  45033, 48002, 60011, 60020, 81013, 81017, 84061, 90206, 90207, 301002,
]

describe('errcode messages', () => {
  it('covers every errcode of the reference', () => {
    expect(KNOWN_WECOM_ERRCODES).toEqual(expect.arrayContaining(REFERENCE_ERRCODES))
  })

  it.each(KNOWN_WECOM_ERRCODES.map((code) => [code]))('%i has a Chinese and an English message and hint', (code) => {
    const { text, hint, known } = describeWecomErrcode(code)
    expect(known).toBe(true)
    expect(text['zh-CN']).toMatch(CJK)
    expect(hint['zh-CN']).toMatch(CJK)
    expect(text.en.length).toBeGreaterThan(10)
    expect(hint.en.length).toBeGreaterThan(10)
    expect(text.en).not.toMatch(CJK)
    expect(hint.en).not.toMatch(CJK)
  })

  it('tells staff where to fix the usual set-up problems', () => {
    expect(describeWecomErrcode(60020).hint['zh-CN']).toContain('企业可信IP')
    expect(describeWecomErrcode(60020).hint.en).toMatch(/about 1 minute/)
    expect(describeWecomErrcode(48002).hint['zh-CN']).toContain('可调用接口的应用')
    expect(describeWecomErrcode(40001).text.en).toMatch(/wrong.*reset.*disabled/)
    expect(describeWecomErrcode(45009).text['zh-CN']).toMatch(/恢复/)
  })

  it('quotes the errcode and WeCom’s errmsg for an unknown code, without the boilerplate', () => {
    const { text, hint, known } = describeWecomErrcode(
      86001,
      'some new failure, hint: [123], from ip: 1.2.3.4, more info at https://x',
    )
    expect(known).toBe(false)
    expect(text['zh-CN']).toContain('86001')
    expect(text['zh-CN']).toContain('some new failure')
    expect(text.en).toContain('86001')
    expect(text.en).toContain('some new failure')
    expect(text.en).not.toContain('from ip')
    expect(hint.en).toContain('86001')
  })

  it('keeps back-off bounded and jittered', () => {
    const options = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 }
    expect(backoffDelay(1, options, () => 0)).toBe(250)
    expect(backoffDelay(1, options, () => 1)).toBe(500)
    expect(backoffDelay(3, options, () => 1)).toBe(2_000)
    expect(backoffDelay(20, options, () => 1)).toBe(8_000)
  })
})

describe('errors from the API', () => {
  let world: World | undefined
  afterEach(() => stopWorld(world))

  it('turns a WeCom errcode into a bilingual AppError with a hint', async () => {
    world = await startWorld()
    const client = world.client()
    world.sandbox.setFaults({ forcedErrcodes: { [FOLLOW_USERS]: { errcode: 60020, count: 1 } } })

    const error = await rejectionOf(client.members.getFollowUserList())

    expect(error).toBeInstanceOf(WecomApiError)
    const api = error as WecomApiError
    expect(api).toBeInstanceOf(AppError)
    expect(api.code).toBe('wecom_error')
    expect(api.toApiError('zh-CN')).toEqual({
      code: 'wecom_error',
      message: describeWecomErrcode(60020).text['zh-CN'],
      hint: describeWecomErrcode(60020).hint['zh-CN'],
      wecomErrcode: 60020,
    })
    expect(world.requests(FOLLOW_USERS)).toHaveLength(1)
  })

  it('never puts the secret or the token in an error, an event or a request record', async () => {
    world = await startWorld()
    const { sandbox } = world
    const client = world.client()
    const wrong = world.client({ secret: `${sandbox.secret}-old` })
    const errors: unknown[] = []
    const attempt = async (call: () => Promise<unknown>) => {
      try {
        await call()
      } catch (error) {
        errors.push(error)
      }
    }

    await client.members.getFollowUserList()
    sandbox.expireTokens()
    await client.members.getFollowUserList()
    sandbox.setFaults({
      forcedErrcodes: { [FOLLOW_USERS]: { errcode: 60020, count: 1 } },
      dropResponse: { 'externalcontact/add_msg_template': { count: 1 } },
      httpStatus: { 'externalcontact/list': { status: 502 } },
    })
    await attempt(() => client.members.getFollowUserList())
    await attempt(() => client.massMessages.addMsgTemplate({ sender: 'x', text: { content: 'hi' } }))
    await attempt(() => client.customers.list('x'))
    await attempt(() => wrong.members.getFollowUserList())
    const owner = { baseUrl: sandbox.url, corpid: sandbox.corpid, secret: sandbox.secret }
    const token = await world.tokenCache.get(owner, world.clock.now, () =>
      Promise.reject(new Error('token should be cached')),
    )

    expect(errors).toHaveLength(4)
    const seen = JSON.stringify({
      events: world.events,
      records: world.records,
      errors: errors.map((error) => describeDeep(error)),
    })
    expect(token.length).toBeGreaterThan(20)
    expect(seen).not.toContain(sandbox.secret)
    expect(seen).not.toContain(token)
    expect(world.records.length).toBeGreaterThan(8)
  })
})

/** Everything readable on an error and its causes. */
function describeDeep(error: unknown): unknown {
  if (!(error instanceof Error)) return String(error)
  return { ...error, name: error.name, message: error.message, stack: error.stack, cause: describeDeep(error.cause) }
}
