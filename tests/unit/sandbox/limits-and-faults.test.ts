import { describe, expect, it } from 'vitest'
import { smallSandbox, TestApi, TestClock } from './helpers'

const FOLLOW_USERS = 'externalcontact/get_follow_user_list'
const REMARK = 'externalcontact/remark'

/** A member and one of their customers, for remark writes. */
function someRelation(api: TestApi) {
  const customer = api.sandbox.state.customers[0]!
  return { userid: customer.follows[0]!.userid, external_userid: customer.externalUserid }
}

function remarkOf(api: TestApi, externalUserid: string, userid: string): string | undefined {
  return api.sandbox.state.customerById.get(externalUserid)?.follows.find((follow) => follow.userid === userid)?.remark
}

describe('rate limits', () => {
  it('answers 45009 past the minute limit and blocks the path for 60 s; other paths are unaffected', async () => {
    const clock = new TestClock()
    const api = new TestApi(await smallSandbox({ now: clock.now, rateLimit: { perMinute: 3, perHour: 1000 } }))
    await api.accessToken()
    const codes = []
    for (let i = 0; i < 4; i++) codes.push((await api.get(FOLLOW_USERS)).errcode)
    expect(codes).toEqual([0, 0, 0, 45009])
    expect((await api.post('externalcontact/get_corp_tag_list', {})).errcode).toBe(0)
    clock.advance(59_000)
    expect((await api.get(FOLLOW_USERS)).errcode).toBe(45009)
    clock.advance(2_000)
    expect((await api.get(FOLLOW_USERS)).errcode).toBe(0)
  })

  it('blocks for 60 minutes past the hour limit', async () => {
    const clock = new TestClock()
    const api = new TestApi(await smallSandbox({ now: clock.now, rateLimit: { perMinute: 100, perHour: 2 } }))
    await api.accessToken()
    expect((await api.get(FOLLOW_USERS)).errcode).toBe(0)
    expect((await api.get(FOLLOW_USERS)).errcode).toBe(0)
    expect((await api.get(FOLLOW_USERS)).errcode).toBe(45009)
    clock.advance(30 * 60_000)
    expect((await api.get(FOLLOW_USERS)).errcode).toBe(45009)
    clock.advance(31 * 60_000)
    expect((await api.get(FOLLOW_USERS)).errcode).toBe(0)
  })

  it('counts gettoken too, and setRateLimit applies at run time', async () => {
    const sandbox = await smallSandbox({ rateLimit: { perMinute: 2, perHour: 100 } })
    const api = new TestApi(sandbox)
    await api.accessToken()
    expect([(await api.gettoken()).errcode, (await api.gettoken()).errcode]).toEqual([0, 45009])
    sandbox.setRateLimit({ perMinute: 1, perHour: 100 })
    expect((await api.post('externalcontact/get_corp_tag_list', {})).errcode).toBe(0)
    expect((await api.post('externalcontact/get_corp_tag_list', {})).errcode).toBe(45009)
  })
})

describe('concurrency limit', () => {
  it('answers 45033 when more requests for a path are in flight than allowed (latency included)', async () => {
    const sandbox = await smallSandbox({ maxConcurrentPerPath: 2, faults: { latencyByPath: { [FOLLOW_USERS]: 150 } } })
    const api = new TestApi(sandbox)
    await api.accessToken()
    const answers = await Promise.all(Array.from({ length: 5 }, () => api.get(FOLLOW_USERS)))
    const codes = answers.map((answer) => answer.errcode).sort()
    expect(codes).toEqual([0, 0, 45033, 45033, 45033])
    expect((await api.get(FOLLOW_USERS)).errcode).toBe(0)
  })
})

describe('fault injection', () => {
  it('adds latency globally and per path', async () => {
    const sandbox = await smallSandbox({ faults: { latencyMs: 40, latencyByPath: { [FOLLOW_USERS]: 80 } } })
    const api = new TestApi(sandbox)
    await api.accessToken()
    let started = performance.now()
    await api.post('externalcontact/get_corp_tag_list', {})
    expect(performance.now() - started).toBeGreaterThanOrEqual(38)
    started = performance.now()
    await api.get(FOLLOW_USERS)
    expect(performance.now() - started).toBeGreaterThanOrEqual(115)
  })

  it('errorRate 1 answers -1 and changes nothing', async () => {
    const sandbox = await smallSandbox()
    const api = new TestApi(sandbox)
    await api.accessToken()
    const relation = someRelation(api)
    sandbox.setFaults({ errorRate: 1 })
    expect((await api.post(REMARK, { ...relation, remark: '不应生效' })).errcode).toBe(-1)
    expect(remarkOf(api, relation.external_userid, relation.userid)).not.toBe('不应生效')
    expect(sandbox.requestLog.at(-1)).toMatchObject({ errcode: -1, mutated: false })
    sandbox.clearFaults()
    expect((await api.post(REMARK, { ...relation, remark: '生效' })).errcode).toBe(0)
  })

  it('forces an errcode for `count` requests, or until cleared, after auth', async () => {
    const sandbox = await smallSandbox()
    const api = new TestApi(sandbox)
    await api.accessToken()
    sandbox.setFaults({ forcedErrcodes: { [FOLLOW_USERS]: { errcode: 60020, count: 2 } } })
    const codes = [
      (await api.get(FOLLOW_USERS)).errcode,
      (await api.get(FOLLOW_USERS)).errcode,
      (await api.get(FOLLOW_USERS)).errcode,
    ]
    expect(codes).toEqual([60020, 60020, 0])
    sandbox.setFaults({ forcedErrcodes: { [REMARK]: { errcode: 48002 } } })
    const relation = someRelation(api)
    for (let i = 0; i < 3; i++) expect((await api.post(REMARK, { ...relation, remark: 'x' })).errcode).toBe(48002)
    expect(remarkOf(api, relation.external_userid, relation.userid)).not.toBe('x')
    const badToken = await fetch(`${sandbox.url}/cgi-bin/${REMARK}?access_token=nope`, { method: 'POST', body: '{}' })
    expect(((await badToken.json()) as { errcode: number }).errcode).toBe(40014)
    sandbox.setFaults({ forcedErrcodes: {} })
    expect((await api.post(REMARK, { ...relation, remark: 'x' })).errcode).toBe(0)
  })

  it('forces an HTTP status for `count` requests', async () => {
    const sandbox = await smallSandbox({ faults: { httpStatus: { [FOLLOW_USERS]: { status: 502, count: 1 } } } })
    const api = new TestApi(sandbox)
    expect((await api.raw(FOLLOW_USERS)).status).toBe(502)
    const next = await api.raw(FOLLOW_USERS)
    expect(next.status).toBe(200)
    expect(((await next.json()) as { errcode: number }).errcode).toBe(0)
    expect(sandbox.requestLog.find((record) => record.httpStatus === 502)).toMatchObject({ errcode: null })
  })

  it('drops the response after processing the request', async () => {
    const sandbox = await smallSandbox()
    const api = new TestApi(sandbox)
    await api.accessToken()
    const relation = someRelation(api)
    sandbox.setFaults({ dropResponse: { [REMARK]: { count: 1 } } })
    await expect(api.post(REMARK, { ...relation, remark: '已处理' })).rejects.toThrow()
    expect(remarkOf(api, relation.external_userid, relation.userid)).toBe('已处理')
    expect(sandbox.requestLog.at(-1)).toMatchObject({ path: REMARK, errcode: null, mutated: true })
    expect((await api.post(REMARK, { ...relation, remark: '再次' })).errcode).toBe(0)
  })

  it('merges setFaults at the top level', async () => {
    const sandbox = await smallSandbox()
    const api = new TestApi(sandbox)
    await api.accessToken()
    sandbox.setFaults({ forcedErrcodes: { [FOLLOW_USERS]: { errcode: 45033 } } })
    sandbox.setFaults({ latencyMs: 1 })
    expect((await api.get(FOLLOW_USERS)).errcode).toBe(45033)
  })
})
