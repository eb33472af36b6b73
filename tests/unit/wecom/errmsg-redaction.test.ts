import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toApiError } from '../../../electron/core/api/dispatch'
import { createLogger } from '../../../electron/core/log'
import { WecomApiError, WecomTokenCache } from '../../../electron/core/wecom'
import { rejectionOf, startWorld, stopWorld, type World } from './support'

const FOLLOW_USERS = 'externalcontact/get_follow_user_list'
/** An errcode with no entry in the table, so the message quotes WeCom's errmsg. */
const UNLISTED_ERRCODE = 99_991

type Echo = (tokens: string[], query: string) => string

/**
 * An HTTP proxy in front of the sandbox that behaves like a WeCom deployment (or a corporate
 * proxy) whose error answers echo the request: `echo` writes the front of every errmsg from the
 * access_tokens seen so far and the request's query (corpsecret included). The errmsg is cut at
 * 200 characters when it is quoted, so each test puts what it checks first.
 */
async function startEchoingProxy(target: string) {
  const tokens = new Set<string>()
  const proxy = { url: '', tokens, echo: ((t) => t.join(' ')) as Echo, close: async () => undefined as void }
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', target)
      const sent = url.searchParams.get('access_token')
      if (sent) tokens.add(sent)
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      const upstream = await fetch(url, {
        method: request.method ?? 'GET',
        headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      })
      const body = (await upstream.json()) as { errcode?: number; errmsg?: string; access_token?: string }
      if (body.access_token) tokens.add(body.access_token)
      if (body.errcode) body.errmsg = `rejected ${proxy.echo([...tokens], url.search)}; ${body.errmsg ?? ''}`
      response.writeHead(upstream.status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    })().catch(() => response.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  proxy.close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return proxy
}

/** Everything about an error that can reach the page or a log: its API form in both languages, fields, causes. */
function everythingShown(error: unknown): string {
  const log = createLogger()
  return JSON.stringify({
    zh: toApiError(error, 'zh-CN', log, 'test:call'),
    en: toApiError(error, 'en', log, 'test:call'),
    message: (error as Error).message,
    errmsg: (error as WecomApiError).errmsg,
    text: (error as WecomApiError).text,
  })
}

describe('WeCom errmsg that echoes credentials', () => {
  let world: World
  let proxy: Awaited<ReturnType<typeof startEchoingProxy>>

  beforeAll(async () => {
    world = await startWorld()
    proxy = await startEchoingProxy(world.sandbox.url)
  })
  afterAll(async () => {
    await proxy?.close()
    await stopWorld(world)
  })

  it('masks the token sent, older tokens the cache replaced, and any access_token query before the page sees it', async () => {
    const client = world.client({ baseUrl: proxy.url })
    proxy.echo = (tokens) => `token ${tokens.join(', ')}`
    await client.members.getFollowUserList()
    // The next call meets 42001, so the client renews the token and retries with the new one,
    // which WeCom then refuses with an errcode whose errmsg echoes both tokens.
    world.sandbox.expireTokens()
    world.sandbox.setFaults({ forcedErrcodes: { [FOLLOW_USERS]: { errcode: UNLISTED_ERRCODE, count: 1 } } })
    const error = await rejectionOf(client.members.getFollowUserList())

    expect(error).toBeInstanceOf(WecomApiError)
    expect(proxy.tokens.size).toBe(2)
    const shown = everythingShown(error)
    for (const token of proxy.tokens) expect(shown).not.toContain(token)
    expect(shown).not.toMatch(/access_token=(?!\[redacted\])/)
    // The rest of WeCom's explanation is kept, so support can still read it.
    const api = toApiError(error, 'en', createLogger(), 'test:call')
    expect(api).toMatchObject({ code: 'wecom_error', wecomErrcode: UNLISTED_ERRCODE })
    expect(api.message).toContain(`code ${UNLISTED_ERRCODE}: rejected token [redacted], [redacted]`)

    proxy.echo = (_tokens, query) => `request ${query}`
    world.sandbox.setFaults({ forcedErrcodes: { [FOLLOW_USERS]: { errcode: UNLISTED_ERRCODE, count: 1 } } })
    const echoed = toApiError(
      await rejectionOf(client.members.getFollowUserList()),
      'zh-CN',
      createLogger(),
      'test:call',
    )
    expect(echoed.message).toContain('rejected request ?access_token=[redacted]')
    for (const token of proxy.tokens) expect(JSON.stringify(echoed)).not.toContain(token)
  })

  it('masks the secret that a gettoken errmsg echoes as corpsecret', async () => {
    proxy.echo = (_tokens, query) => `request ${query}`
    world.sandbox.setFaults({ forcedErrcodes: { gettoken: { errcode: UNLISTED_ERRCODE, count: 1 } } })
    const client = world.client({ baseUrl: proxy.url, tokenCache: new WecomTokenCache() })
    const error = await rejectionOf(client.members.getFollowUserList())
    const shown = everythingShown(error)
    expect(shown).toContain(String(UNLISTED_ERRCODE))
    expect(shown).not.toContain(world.sandbox.secret)
    expect(shown).toContain('corpsecret=[redacted]')
  })
})
