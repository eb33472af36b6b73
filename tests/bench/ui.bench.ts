/**
 * `npm run bench:ui [-- --runs N]`: how fast the console's pages are usable, measured in Chromium
 * (/usr/bin/chromium, else CHROMIUM_PATH or the one the e2e tests find) through the browser shell
 * on the sandbox corp (20,000 customers, 200 members), its customers synced first.
 *
 * - `cold_load_ms`: the app opened at its address (`/`, which shows 群发) in a new browser context
 *   (nothing cached), until it is **interactive**: the side navigation shows all its items, the
 *   page heading is drawn, the status bar shows the connection (app:getInfo and app:getStatus
 *   answered), and the page's first data is drawn (the drafts from massMessages:listDrafts: their
 *   rows, or the empty state when there are none).
 * - `history_detail_ms`: `#/massMessages/history/<msgid>` opened directly (a link, or F5) for the
 *   seeded single-chat message with the recipient count nearest 3,000, in a new browser context,
 *   until the message (its text), the member table and the first page of recipients are drawn.
 *   `history_detail_first_ms` is the first such open, when the core had never seen the message.
 *
 * Each figure is the median of `runs` (default 5) after one warm-up load; timings are the page's
 * own clock from navigation start (performance.now()). Each load's line says where its time went:
 * the HTML, the scripts, and every contract call (sent at, round trip). Targets: cold load ≤ 1,500 ms, detail ≤ 1,000 ms.
 */
import { chromium, type Browser, type BrowserContext, type Cookie } from '@playwright/test'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { build } from 'vite'
import { launchBrowserShell } from '../../electron/browser/launch'
import { startSandbox } from '../../electron/core/sandbox'
import { rendererConfig } from '../../renderer/vite.config'
import { syncStatusWhere, syncStopped } from './support/core'
import { findChromium, systemChromiumSearch } from '../e2e/support/chromium'

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '5' } } })
const RUNS = Math.max(1, Number(flags.runs))
const TARGET_RECIPIENTS = 3_000

/** In the page: resolves with performance.now() at the first animation frame where `ready` holds. */
const READY_SCRIPT = `
  window.__benchReady = new Promise((resolve) => {
    const check = () => (window.__benchCheck && window.__benchCheck() ? resolve(performance.now()) : requestAnimationFrame(check))
    requestAnimationFrame(check)
  })
`

/** The app is interactive: nav items, the page heading, the status bar's connection, the drafts (listed, or none). */
const APP_INTERACTIVE = `window.__benchCheck = () => {
  const text = (selector) => document.querySelector(selector)?.textContent?.trim() ?? ''
  return document.querySelectorAll('nav [data-nav]').length >= 6 &&
    text('main h2') !== '' &&
    text('[data-testid="status-profile"]') !== '' &&
    (document.querySelector('[data-testid="drafts-empty"]') !== null ||
      document.querySelector('[data-testid="draft-table"] .el-table__body tr') !== null)
}`

/** The detail is drawn: the message's text, a member row, a recipient row. */
const DETAIL_DRAWN = `window.__benchCheck = () =>
  (document.querySelector('[data-testid="detail-text"]')?.textContent?.trim() ?? '') !== '' &&
  document.querySelector('[data-testid="task-table"] .el-table__body tr') !== null &&
  document.querySelector('[data-testid="result-table"] .el-table__body tr') !== null`

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const load = () => loadavg()[0]!.toFixed(2)

/** The built renderer: BENCH_RENDERER_DIR when set, else a fresh build of this tree in a temporary folder. */
async function rendererDir(): Promise<{ dir: string; temporary: boolean }> {
  const given = process.env['BENCH_RENDERER_DIR']
  if (given) return { dir: given, temporary: false }
  const dir = mkdtempSync(join(tmpdir(), 'bench-ui-renderer-'))
  console.log(`building the renderer into ${dir}`)
  // configFile false: the config is given here, a second copy of its plugins would compile each file twice.
  await build({
    ...rendererConfig,
    configFile: false,
    logLevel: 'warn',
    build: { ...rendererConfig.build, outDir: dir },
  })
  return { dir, temporary: true }
}

function chromiumPath(): string {
  if (!process.env['CHROMIUM_PATH'] && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  const found = findChromium(systemChromiumSearch())
  if (!found.path) throw new Error('No Chromium found: install one (apt-get install -y chromium) or set CHROMIUM_PATH.')
  return found.path
}

/**
 * In the page: every contract call over the bridge's WebSocket, with when it was sent (ms from
 * navigation start) and its round trip, for the breakdown.
 */
const CALLS_SCRIPT = `
  window.__benchCalls = []
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      const pending = new Map()
      const send = this.send.bind(this)
      this.send = (data) => {
        const frame = JSON.parse(data)
        if (frame.type === 'call') pending.set(frame.id, { channel: frame.channel, at: performance.now() })
        return send(data)
      }
      this.addEventListener('message', (event) => {
        const frame = JSON.parse(event.data)
        const call = frame.type === 'result' ? pending.get(frame.id) : undefined
        if (call) window.__benchCalls.push({ channel: call.channel, at: Math.round(call.at), ms: Math.round(performance.now() - call.at) })
      })
    }
  }
`

interface Timing {
  ms: number
  /** The page's HTML answered, and its scripts ran (DOMContentLoaded), ms from navigation start. */
  html: number
  domReady: number
  calls: Array<{ channel: string; at: number; ms: number }>
}

/** Opens `url` in a new context (no cache) signed in with `cookies`; ms from navigation start until `check` holds. */
async function timeLoad(browser: Browser, cookies: Cookie[], url: string, check: string): Promise<Timing> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    await context.addCookies(cookies)
    await context.addInitScript(`${check};${READY_SCRIPT};${CALLS_SCRIPT}`)
    const page = await context.newPage()
    await page.goto(url, { waitUntil: 'commit' })
    // Strings: this file is type-checked without the DOM's types.
    const ms = await page.evaluate<number>('window.__benchReady')
    const timing = await page.evaluate<Omit<Timing, 'ms'>>(`(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      return { html: Math.round(nav.responseEnd), domReady: Math.round(nav.domContentLoadedEventEnd), calls: window.__benchCalls }
    })()`)
    return { ms: Math.round(ms), ...timing }
  } finally {
    await context.close()
  }
}

/** Where a load's time went: the HTML, the scripts, then each contract call (sent at, round trip). */
const breakdown = (timing: Timing) =>
  `html ${timing.html} ms, scripts run ${timing.domReady} ms; calls: ` +
  timing.calls.map((c) => `${c.channel} @${c.at}+${c.ms}`).join(', ')

async function main(): Promise<void> {
  const renderer = await rendererDir()
  console.log('seeding the sandbox corp (20,000 customers, 200 members)')
  const sandbox = await startSandbox({})
  const message = [...sandbox.state.massMessages]
    .filter((m) => m.chatType === 'single')
    .map((m) => ({ msgid: m.msgid, recipients: m.tasks.reduce((sum, task) => sum + task.recipients.length, 0) }))
    .sort((a, b) => Math.abs(a.recipients - TARGET_RECIPIENTS) - Math.abs(b.recipients - TARGET_RECIPIENTS))[0]
  if (!message) throw new Error('the sandbox has no single-chat mass message')
  console.log(`history detail: ${message.msgid} with ${message.recipients} recipients`)

  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ui-'))
  const shell = await launchBrowserShell({
    dataDir,
    rendererDir: renderer.dir,
    // The built-in demo corp connects at start-up; keep it tiny, the bench connects the sandbox above.
    sandbox: { customers: 0, members: 1, groups: 0 },
  })
  let browser: Browser | undefined
  try {
    const { core } = shell
    const saved = await core.invoke('profiles:save', {
      name: '沙箱企业',
      corpid: sandbox.corpid,
      secret: sandbox.secret,
      baseUrl: sandbox.url,
    })
    if (!saved.ok) throw new Error(saved.error.message)
    const activated = await core.invoke('profiles:activate', { id: (saved.data as { id: string }).id })
    if (!activated.ok) throw new Error(activated.error.message)
    const synced = syncStatusWhere(core, syncStopped)
    const started = performance.now()
    await core.invoke('customers:startSync', undefined)
    const status = await synced
    console.log(
      `synced: ${status.state}, ${status.counts.customers} customers in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )

    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    })
    const signIn = await browser.newContext()
    const page = await signIn.newPage()
    await page.goto(shell.url)
    await page.getByTestId('status-bar').waitFor()
    const cookies = await signIn.cookies()
    await signIn.close()
    const origin = new URL(shell.url).origin

    const appUrl = `${origin}/`
    const detailUrl = `${origin}/#/massMessages/history/${message.msgid}`
    console.log(`warm-up load: ${(await timeLoad(browser, cookies, appUrl, APP_INTERACTIVE)).ms} ms`)

    const cold: number[] = []
    for (let run = 1; run <= RUNS; run++) {
      const result = await timeLoad(browser, cookies, appUrl, APP_INTERACTIVE)
      cold.push(result.ms)
      console.log(`cold load ${run}/${RUNS}: ${result.ms} ms (load ${load()}): ${breakdown(result)}`)
    }

    const first = await timeLoad(browser, cookies, detailUrl, DETAIL_DRAWN)
    console.log(`history detail, first open: ${first.ms} ms (load ${load()}): ${breakdown(first)}`)
    const detail: number[] = []
    for (let run = 1; run <= RUNS; run++) {
      const result = await timeLoad(browser, cookies, detailUrl, DETAIL_DRAWN)
      detail.push(result.ms)
      console.log(`history detail ${run}/${RUNS}: ${result.ms} ms (load ${load()}): ${breakdown(result)}`)
    }

    console.log(
      [
        `cold_load_ms=${median(cold)}`,
        `history_detail_ms=${median(detail)}`,
        `history_detail_first_ms=${first.ms}`,
        `recipients=${message.recipients}`,
        `runs=${RUNS}`,
        `loadavg=${load()}`,
      ].join(' '),
    )
  } finally {
    await browser?.close()
    await shell.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
    if (renderer.temporary) rmSync(renderer.dir, { recursive: true, force: true })
  }
}

await main()
