import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { Core } from '../../../electron/core'
import { CoreEvents } from '../../../electron/core/events'
import { startBrowserShell, type BrowserShell } from '../../../electron/browser/server'
import { cookieValues } from '../../../electron/browser/session'
import type { Locale } from '../../../shared/result'
import { fakeRendererDir, get, signIn } from './support'

/** A core stand-in whose calls the test scripts: the shell's own behaviour is what is tested here. */
function stubCore(invoke: Core['invoke'], locale: Locale = 'en'): Core {
  return {
    invoke,
    events: new CoreEvents(),
    locale: () => locale,
    close: async () => {},
  }
}

const echo: Core['invoke'] = async (channel) => ({ ok: true, data: channel })

const open: BrowserShell[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

async function start(core: Core = stubCore(echo)): Promise<BrowserShell> {
  const shell = await startBrowserShell({
    core,
    rendererDir: fakeRendererDir(),
  })
  open.push(shell)
  return shell
}

function upgrade(shell: BrowserShell, headers: Record<string, string>): Promise<'open' | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${shell.origin.replace('http', 'ws')}/bridge`, { headers })
    socket.on('open', () => {
      socket.close()
      resolve('open')
    })
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    socket.on('error', () => resolve(0))
  })
}

describe('the browser shell session', () => {
  it('prints an address with a one-time code that buys an HttpOnly, SameSite=Strict cookie once', async () => {
    const shell = await start()
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?code=[\w-]{43}$/)

    const first = await get(shell.url)
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const setCookie = first.headers['set-cookie']![0]!
    expect(setCookie).toMatch(new RegExp(`^${shell.cookieName}=[\\w-]{43}; HttpOnly; SameSite=Strict; Path=/$`))
    const cookie = setCookie.split(';')[0]!

    // The code is spent: a second browser (no cookie) is refused with the bilingual page.
    const second = await get(shell.url)
    expect(second.status).toBe(403)
    expect(second.headers['set-cookie']).toBeUndefined()
    expect(second.body).toContain('这个地址已经用过了')
    expect(second.body).toContain('This address has already been used')

    // The browser that holds the cookie may open the printed address again: it is just sent on.
    const again = await get(shell.url, { Cookie: cookie })
    expect(again.status).toBe(303)
    expect(again.headers['set-cookie']).toBeUndefined()

    const page = await get(`${shell.origin}/`, { Cookie: cookie })
    expect(page.status).toBe(200)
    expect(page.body).toContain('console page')
    expect((await get(`${shell.origin}/app.js`, { Cookie: cookie })).status).toBe(200)
  })

  it('serves nothing without the cookie, and the refusal page holds neither token nor code', async () => {
    const shell = await start()
    const code = new URL(shell.url).searchParams.get('code')!
    for (const path of ['/', '/index.html', '/app.js', '/#/customers']) {
      const answer = await get(`${shell.origin}${path}`)
      expect(answer.status).toBe(403)
      expect(answer.body).toContain('npm run start:browser')
      expect(answer.body).toContain('请从启动地址打开控制台')
      expect(answer.body).not.toContain(code)
      expect(answer.body).not.toContain('console page')
      expect(answer.headers['content-security-policy']).toContain("default-src 'none'")
    }
    const cookie = await signIn(shell.url)
    const token = cookie.split('=')[1]!
    const refused = await get(`${shell.origin}/`, {
      Cookie: `${shell.cookieName}=wrong`,
    })
    expect(refused.status).toBe(403)
    expect(refused.body).not.toContain(token)
    const served = await get(`${shell.origin}/`, { Cookie: cookie })
    expect(served.body).not.toContain(token)
  })

  it('does not spend the code on HEAD, on a wrong code, or through another Host', async () => {
    const shell = await start()
    const { port } = shell
    expect((await get(shell.url, {}, 'HEAD')).status).toBe(403)
    expect((await get(`${shell.origin}/?code=wrong`)).status).toBe(403)
    expect((await get(shell.url, { Host: `localhost:${port}` })).status).toBe(421)
    expect((await get(shell.url, {}, 'POST')).status).toBe(405)
    expect((await get(shell.url)).status).toBe(303)
  })

  it('redirects to "/" only, never to a path taken from the request', async () => {
    const shell = await start()
    const code = new URL(shell.url).searchParams.get('code')!
    const answer = await get(`${shell.origin}//evil.example/?code=${code}`)
    expect(answer.status).toBe(303)
    expect(answer.headers.location).toBe('/')
  })

  it('opens the bridge only for the cookie, from its own Origin and Host', async () => {
    const shell = await start()
    const cookie = await signIn(shell.url)
    const origin = shell.origin
    expect(await upgrade(shell, { Origin: origin, Cookie: cookie })).toBe('open')
    expect(await upgrade(shell, { Origin: origin })).toBe(401)
    expect(
      await upgrade(shell, {
        Origin: origin,
        Cookie: `${shell.cookieName}=wrong`,
      }),
    ).toBe(401)
    expect(
      await upgrade(shell, {
        Origin: origin,
        Cookie: `console-shell-1=${cookie.split('=')[1]}`,
      }),
    ).toBe(401)
    expect(await upgrade(shell, { Origin: 'https://evil.example', Cookie: cookie })).toBe(401)
    expect(await upgrade(shell, { Cookie: cookie })).toBe(401)
    expect(
      await upgrade(shell, {
        Origin: origin,
        Cookie: cookie,
        Host: `localhost:${shell.port}`,
      }),
    ).toBe(401)
    // The old query token means nothing now.
    const client = new WebSocket(`${origin.replace('http', 'ws')}/bridge?token=${cookie.split('=')[1]}`, {
      headers: { Origin: origin },
    })
    const status = await new Promise<number>((resolve) =>
      client.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    )
    expect(status).toBe(401)
  })

  it('gives two shells on one host cookies of different names', async () => {
    const a = await start()
    const b = await start()
    expect(a.cookieName).not.toBe(b.cookieName)
    const cookieA = await signIn(a.url)
    // B must not take A's token, nor be confused by it sitting next to its own.
    expect(await upgrade(b, { Origin: b.origin, Cookie: cookieA })).toBe(401)
    const cookieB = await signIn(b.url)
    expect(await upgrade(b, { Origin: b.origin, Cookie: `${cookieA}; ${cookieB}` })).toBe('open')
  })

  it('reads every cookie of one name from a Cookie header', () => {
    expect(cookieValues('a=1; b=2;  a = 3 ;c', 'a')).toEqual(['1', '3'])
    expect(cookieValues(undefined, 'a')).toEqual([])
  })
})
