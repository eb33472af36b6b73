import { describe, expect, it } from 'vitest'
import { smallSandbox, TestApi, TestClock } from './helpers'

async function getWithToken(url: string, path: string, token?: string) {
  const query = token === undefined ? '' : `?access_token=${encodeURIComponent(token)}`
  return (await (await fetch(`${url}/cgi-bin/${path}${query}`)).json()) as { errcode: number }
}

describe('sandbox auth', () => {
  it('validates corpid (40013), missing secret (41004) and wrong secret (40001)', async () => {
    const api = new TestApi(await smallSandbox())
    expect((await api.gettoken('wwnotthecorp')).errcode).toBe(40013)
    expect((await api.gettoken(api.sandbox.corpid, '')).errcode).toBe(41004)
    expect((await api.gettoken(api.sandbox.corpid, 'wrong-secret')).errcode).toBe(40001)
    const ok = await api.gettoken()
    expect(ok).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 })
    expect(typeof ok.access_token).toBe('string')
  })

  it('answers 41001 without a token and 40014 for a garbage one', async () => {
    const sandbox = await smallSandbox()
    expect((await getWithToken(sandbox.url, 'externalcontact/get_follow_user_list')).errcode).toBe(41001)
    expect((await getWithToken(sandbox.url, 'externalcontact/get_follow_user_list', 'garbage')).errcode).toBe(40014)
  })

  it('issues a new token per call; each stays valid until its own expiry (42001 after)', async () => {
    const clock = new TestClock()
    const sandbox = await smallSandbox({ now: clock.now, tokenTtlSeconds: 100 })
    const api = new TestApi(sandbox)
    const first = (await api.gettoken()).access_token as string
    clock.advance(60_000)
    const second = (await api.gettoken()).access_token as string
    expect(second).not.toBe(first)
    expect((await getWithToken(sandbox.url, 'externalcontact/get_follow_user_list', first)).errcode).toBe(0)
    clock.advance(41_000)
    expect((await getWithToken(sandbox.url, 'externalcontact/get_follow_user_list', first)).errcode).toBe(42001)
    expect((await getWithToken(sandbox.url, 'externalcontact/get_follow_user_list', second)).errcode).toBe(0)
  })

  it('expireTokens makes every issued token answer 42001', async () => {
    const sandbox = await smallSandbox()
    const api = new TestApi(sandbox)
    const token = (await api.gettoken()).access_token as string
    sandbox.expireTokens()
    expect((await getWithToken(sandbox.url, 'externalcontact/get_follow_user_list', token)).errcode).toBe(42001)
    const fresh = (await api.gettoken()).access_token as string
    expect((await getWithToken(sandbox.url, 'externalcontact/get_follow_user_list', fresh)).errcode).toBe(0)
  })

  it('never records the access_token or the secret', async () => {
    const sandbox = await smallSandbox()
    const api = new TestApi(sandbox)
    const token = await api.accessToken()
    await api.get('externalcontact/list', { userid: sandbox.state.members[0]!.userid })
    const logged = JSON.stringify(sandbox.requestLog)
    expect(logged).not.toContain(token)
    expect(logged).not.toContain(sandbox.secret)
    expect(sandbox.requestLog[0]).toMatchObject({
      seq: 1,
      path: 'gettoken',
      query: { corpid: sandbox.corpid },
      errcode: 0,
    })
  })
})
