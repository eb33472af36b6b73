import { expect, test } from '@playwright/test'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'

/** Starts `tsx electron/browser/cli.ts` (what `npm run start:browser` runs after building). */
async function startCli(dataDir: string): Promise<{ url: string; stop: () => void; readyMs: number }> {
  const started = Date.now()
  const child = spawn(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'electron/browser/cli.ts', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`no ready line within 30 s:\n${out}`)), 30_000)
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /^browser shell: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)))
  })
  return { url, readyMs: Date.now() - started, stop: () => child.kill('SIGTERM') }
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

test('start:browser prints its ready line, serves the zh-CN shell, and guards the bridge', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-cli-'))
  const cli = await startCli(dataDir)
  try {
    expect(cli.readyMs).toBeLessThan(30_000)
    await page.goto(cli.url)
    await expect(page.getByRole('heading', { name: '企微客户联系控制台' })).toBeVisible()

    const token = await page.locator('meta[name="console-shell-token"]').getAttribute('content')
    expect(token).toBeTruthy()
    const origin = cli.url.replace(/\/$/, '')
    const bridge = `${origin.replace('http', 'ws')}/bridge`
    expect(await tryConnect(`${bridge}?token=${token}`, { Origin: origin })).toBe('open')
    expect(await tryConnect(bridge, { Origin: origin })).toBe(401)
    expect(await tryConnect(`${bridge}?token=wrong`, { Origin: origin })).toBe(401)
    expect(await tryConnect(`${bridge}?token=${token}`, { Origin: 'https://evil.example' })).toBe(401)
  } finally {
    cli.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
