import { expect, test } from '@playwright/test'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import type { Api } from '../../shared/contract'

type WithApi = { api: Api }

const cliArgs = (dataDir: string, extra: string[] = []) => [
  'node_modules/tsx/dist/cli.mjs',
  'electron/browser/cli.ts',
  '--data-dir',
  dataDir,
  ...extra,
]

/**
 * Starts `tsx electron/browser/cli.ts` (what `npm run start:browser` runs after building) and
 * returns the one-time address from its ready line, `browser shell: http://127.0.0.1:PORT/?code=…`.
 */
async function startCli(dataDir: string): Promise<{ url: string; origin: string; stop: () => void }> {
  const child = spawn(process.execPath, cliArgs(dataDir), { stdio: ['ignore', 'pipe', 'pipe'] })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`no ready line within 30 s:\n${out}`)), 30_000)
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /^browser shell: (http:\/\/127\.0\.0\.1:\d+\/\?code=[\w-]+)$/m.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)))
  })
  return { url, origin: new URL(url).origin, stop: () => child.kill('SIGTERM') }
}

/** Runs the CLI to its exit and returns its code and everything it printed. */
function runCliToExit(dataDir: string, extra: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, cliArgs(dataDir, extra), { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })))
}

function tryConnect(url: string, headers: Record<string, string> = {}): Promise<'open' | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers })
    socket.on('open', () => {
      socket.close()
      resolve('open')
    })
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    socket.on('error', () => resolve(0))
  })
}

test('start:browser signs in one browser once with an HttpOnly cookie; the page and the bridge carry no token', async ({
  page,
  browser,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-cli-'))
  const cli = await startCli(dataDir)
  try {
    // Anyone who fetches the shell before (or without) signing in gets the bilingual page, nothing else.
    const anonymous = await fetch(`${cli.origin}/`)
    expect(anonymous.status).toBe(403)
    const anonymousHtml = await anonymous.text()
    expect(anonymousHtml).toContain('npm run start:browser')
    expect(anonymousHtml).toContain('Open the console from the address it printed')
    expect(anonymousHtml).not.toContain(new URL(cli.url).searchParams.get('code')!)

    await page.goto(cli.url)
    await expect(page.getByRole('heading', { name: '企微客户联系控制台' })).toBeVisible()
    expect(page.url()).not.toContain('code=')

    const cookies = await page.context().cookies(cli.origin)
    expect(cookies).toHaveLength(1)
    const session = cookies[0]!
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', domain: '127.0.0.1' })
    expect(await page.evaluate(() => document.cookie)).toBe('')
    expect(await page.content()).not.toContain(session.value)
    expect(anonymousHtml).not.toContain(session.value)
    expect(await page.evaluate(() => (globalThis as unknown as WithApi).api.app.getInfo())).toMatchObject({
      ok: true,
      data: { shell: 'browser' },
    })

    // A reload keeps the session: the static files and the bridge still answer.
    await page.reload()
    await expect(page.getByRole('heading', { name: '企微客户联系控制台' })).toBeVisible()
    expect(await page.evaluate(() => (globalThis as unknown as WithApi).api.app.getInfo())).toMatchObject({ ok: true })

    // A second browser profile: the spent code and the clean address both get the refusal page.
    const other = await browser.newContext()
    try {
      const stranger = await other.newPage()
      expect((await stranger.goto(cli.url))?.status()).toBe(403)
      await expect(stranger.locator('body')).toContainText('这个地址已经用过了')
      await expect(stranger.locator('body')).toContainText('This address has already been used')
      expect((await stranger.goto(`${cli.origin}/`))?.status()).toBe(403)
      await expect(stranger.getByRole('heading', { name: '请从启动地址打开控制台' })).toBeVisible()
      expect(await other.cookies(cli.origin)).toEqual([])
    } finally {
      await other.close()
    }

    // The bridge: only the cookie, only from the shell's own Origin.
    const bridge = `${cli.origin.replace('http', 'ws')}/bridge`
    const cookie = `${session.name}=${session.value}`
    expect(await tryConnect(bridge, { Origin: cli.origin, Cookie: cookie })).toBe('open')
    expect(await tryConnect(bridge, { Origin: cli.origin })).toBe(401)
    expect(await tryConnect(bridge, { Origin: cli.origin, Cookie: `${session.name}=wrong` })).toBe(401)
    expect(await tryConnect(`${bridge}?token=${session.value}`, { Origin: cli.origin })).toBe(401)
    expect(await tryConnect(bridge, { Origin: 'https://evil.example', Cookie: cookie })).toBe(401)
  } finally {
    cli.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('start:browser on a port that is taken says so in both languages and exits, without a stack trace', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-cli-'))
  const first = await startCli(dataDir)
  const otherDir = mkdtempSync(join(tmpdir(), 'console-cli-'))
  try {
    const port = new URL(first.url).port
    const second = await runCliToExit(otherDir, ['--port', port])
    expect(second.code).toBe(2)
    expect(second.output).toContain(`端口 ${port} 无法使用`)
    expect(second.output).toContain(`Port ${port} cannot be used (EADDRINUSE)`)
    expect(second.output).not.toMatch(/\n\s+at /)
  } finally {
    first.stop()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(otherDir, { recursive: true, force: true })
  }
})
