import { randomBytes, timingSafeEqual } from 'node:crypto'

/** The query parameter that carries the one-time code in the address the shell prints. */
export const CODE_PARAM = 'code'

/**
 * The browser shell's one browser session. The printed address carries a one-time code; the first
 * request with it gets the session token in an HttpOnly, SameSite=Strict cookie, and the code is
 * spent. The token never appears in a page, a script or a URL, so a local user who can reach the
 * port learns nothing from fetching it.
 */
export interface ShellSession {
  /** Cookie names carry the port: cookies are scoped by host, not port, so two shells must not share one. */
  readonly cookieName: string
  /** The one-time code, to be printed in the address; useless once spent. */
  readonly code: string
  /** Spends the code when `given` is it and it is unspent; true only for that one request. */
  exchange(given: string | null): boolean
  /** True when the request's Cookie header holds this launch's session token. */
  hasSession(cookieHeader: string | undefined): boolean
  /** The Set-Cookie value that hands the token to the browser that spent the code. */
  setCookie(): string
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Every value of `name` in a Cookie header (a browser may send several with one name). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return []
  const values: string[] = []
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    values.push(part.slice(eq + 1).trim())
  }
  return values
}

export function createShellSession(port: number): ShellSession {
  const token = randomBytes(32).toString('base64url')
  const code = randomBytes(32).toString('base64url')
  const cookieName = `console-shell-${port}`
  let spent = false
  return {
    cookieName,
    code,
    exchange: (given) => {
      if (spent || !given || !sameSecret(given, code)) return false
      spent = true
      return true
    },
    hasSession: (header) => cookieValues(header, cookieName).some((value) => sameSecret(value, token)),
    // No Max-Age: a session cookie, gone when the browser closes; a new launch prints a new code anyway.
    setCookie: () => `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
  }
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/**
 * The short page served to a browser without the session cookie: what to open instead, in both
 * languages. It holds no token and no code.
 */
export function refusalPage(reason: 'no-session' | 'code-spent'): string {
  const spent =
    reason === 'code-spent'
      ? {
          zh: '这个地址已经用过了：它只能打开一次，且只在第一次打开它的浏览器中有效。',
          en: 'This address has already been used: it opens once, in the browser that opened it first.',
        }
      : {
          zh: '这个浏览器还没有登录控制台。',
          en: 'This browser has not signed in to the console.',
        }
  const command = '<code>npm run start:browser</code>'
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>企微客户联系控制台 · WeCom Contact Console</title>
<style>body{font:15px/1.6 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em;color:#303133}code{background:#f4f4f5;padding:0 .3em}</style></head>
<body>
<h1>请从启动地址打开控制台</h1>
<p>${escapeHtml(spent.zh)}请打开 ${command} 在终端里打印的地址（地址中带有 <code>?${CODE_PARAM}=</code>）。要换一个浏览器使用，请重新启动 ${command}，再打开它新打印的地址。</p>
<h1 lang="en">Open the console from the address it printed</h1>
<p lang="en">${escapeHtml(spent.en)} Open the address ${command} printed in its terminal (it contains <code>?${CODE_PARAM}=</code>). To use another browser, restart ${command} and open the new address it prints.</p>
</body>
</html>
`
}
