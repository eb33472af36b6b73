/**
 * `npm run bench:moments [-- --members N --latency-ms N --searches N]`: browsing 180 days of
 * customer moments (客户朋友圈) through the core against a sandbox corp with six months of history
 * (≥ 2,000 moments) at a fixed latency per request. Prints how the figures are made up, then the
 * result line last:
 *
 * - `moments`: moments the 180 days hold (= the sandbox's ground truth, checked);
 * - `calls`: get_moment_list calls of the first open; `min_calls`: the fewest that range allows,
 *   from the ground truth: Σ over the windows of max(1, ceil(moments in the window / 20)), the
 *   windows being the fewest WeCom's rules allow (whole China days, open interval, ≤ 30 days);
 * - `wall_s`: the first open, until every window is in the workspace; `latency_bound_s`: its floor,
 *   the pages of the longest window × latency (a window follows its cursor; windows run side by side);
 * - `reopen_calls`: opening the same range again (must be 0);
 * - `refresh_calls`: a refresh (only the days that can still change: today, and yesterday just
 *   after midnight China time);
 * - `search_p95_ms`: keyword searches over the cached moments through the contract (`moments:list`),
 *   95th percentile (bound 50 ms);
 * - `load`: the machine's 1-minute load average when the run ended (others share the machine).
 */
import { rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { addDays, corpDayStart, corpToday } from '../../shared/date'
import type { MomentListResult, MomentLoadStatus } from '../../shared/moments'
import type { Logger } from '../../electron/core/log'
import { startSandbox } from '../../electron/core/sandbox'
import { LIST_PAGE_LIMIT } from '../../electron/core/services/moments/browse/loader'
import { daysOfRange, splitIntoWindows } from '../../electron/core/services/moments/browse/windows'
import { coreConnectedTo } from './support/core'

const LIST = 'externalcontact/get_moment_list'
const SEARCH_P95_BOUND_MS = 50
const MIN_MOMENTS = 2000

const { values: flags } = parseArgs({
  options: {
    members: { type: 'string', default: '200' },
    customers: { type: 'string', default: '3000' },
    'latency-ms': { type: 'string', default: '30' },
    searches: { type: 'string', default: '300' },
  },
})
const members = Number(flags.members)
const latencyMs = Number(flags['latency-ms'])
const searches = Number(flags.searches)

console.log(`seeding sandbox: members=${members} customers=${flags.customers} latency_ms=${latencyMs}`)
const sandbox = await startSandbox({
  members,
  customers: Number(flags.customers),
  groups: 20,
  faults: { latencyMs },
})
const quiet = () => {}
const log: Logger = {
  debug: quiet,
  info: quiet,
  warn: (message, fields) => console.log(`warn: ${message} ${JSON.stringify(fields ?? {})}`),
  error: (message, fields) => console.log(`error: ${message} ${String(fields?.error ?? '')}`),
  redact: quiet,
}
const { core, dataDir } = await coreConnectedTo(sandbox, { log })
const listCalls = () => sandbox.requestLog.filter((record) => record.path === LIST).length

async function invoke<T>(channel: string, input?: unknown): Promise<T> {
  const result = await core.invoke(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.data as T
}

// The 180 China days WeCom lists, today included.
const now = Date.now()
const from = corpDayStart(addDays(corpToday(now), -179))
const to = now
const range = { from, to }

// Ground truth: what WeCom lists per window, and the fewest calls.
const windows = splitIntoWindows(daysOfRange(from, to, now), now)
const listed = sandbox.state.moments.filter(
  (moment) => moment.listedFromMs <= now && (moment.deletedAtMs === undefined || moment.deletedAtMs > now),
)
const perWindow = windows.map(
  (window) =>
    listed.filter((moment) => {
      const second = Math.floor(moment.createdAtMs / 1000)
      return second > window.startTime && second < window.endTime
    }).length,
)
const expectedMoments = perWindow.reduce((sum, count) => sum + count, 0)
const pagesPerWindow = perWindow.map((count) => Math.max(1, Math.ceil(count / LIST_PAGE_LIMIT)))
const minCalls = pagesPerWindow.reduce((sum, pages) => sum + pages, 0)
// A window's pages follow its cursor one after another; windows run side by side (≤ 8 at a time).
const latencyBoundS = (Math.max(...pagesPerWindow) * latencyMs) / 1000
console.log(
  `ground truth: windows=${windows.length} moments_per_window=${perWindow.join(',')} ` +
    `min_calls=Σ max(1, ceil(n/${LIST_PAGE_LIMIT}))=${minCalls}`,
)

let lastLine = 0
core.events.subscribe((channel, payload) => {
  if (channel !== 'moments:onLoadProgress') return
  const status = payload as MomentLoadStatus
  if (Date.now() - lastLine < 500 && status.state === 'loading') return
  lastLine = Date.now()
  console.log(
    `progress state=${status.state} windows=${status.windowsDone}/${status.windowsTotal} ` +
      `failed=${status.windowsFailed} moments=${status.moments}`,
  )
})

// First open: every window fetched.
let before = listCalls()
const started = performance.now()
const first = await invoke<MomentLoadStatus>('moments:load', range)
const wallS = (performance.now() - started) / 1000
const calls = listCalls() - before
const listedNow = await invoke<MomentListResult>('moments:list', { ...range, limit: 1 })
const moments = listedNow.total
if (first.windowsFailed > 0) console.log(`error: ${first.windowsFailed} windows failed: ${first.message ?? ''}`)

// Reopen: the cache answers.
before = listCalls()
await invoke('moments:load', range)
const reopenCalls = listCalls() - before

// Refresh: only the days that can still change.
before = listCalls()
await invoke('moments:load', { ...range, refresh: true })
const refreshCalls = listCalls() - before

// Keyword search over the cached moments, through the contract.
const keywords = [
  '直播',
  '会员',
  '新品',
  '上海',
  '门店',
  '积分',
  '福利',
  '秒杀',
  '春季',
  '618',
  '课堂',
  '杭州',
  '祝福',
  'nothing',
]
const durations: number[] = []
for (let i = 0; i < searches; i++) {
  const keyword = keywords[i % keywords.length]!
  const filters = i % 3 === 0 ? { createType: 0 } : i % 3 === 1 ? { kind: 'image' } : {}
  const t0 = performance.now()
  await invoke<MomentListResult>('moments:list', { ...range, keyword, ...filters, offset: 0, limit: 20 })
  durations.push(performance.now() - t0)
}
durations.sort((a, b) => a - b)
const searchP95 = durations[Math.min(durations.length - 1, Math.ceil(durations.length * 0.95) - 1)]!
const searchP50 = durations[Math.floor(durations.length / 2)]!

await core.close()
await sandbox.close()
rmSync(dataDir, { recursive: true, force: true })

const problems: string[] = []
if (moments !== expectedMoments) problems.push(`cached ${moments} moments, WeCom lists ${expectedMoments}`)
if (moments < MIN_MOMENTS) problems.push(`only ${moments} moments (< ${MIN_MOMENTS})`)
if (reopenCalls !== 0) problems.push(`reopening made ${reopenCalls} calls`)
if (searchP95 > SEARCH_P95_BOUND_MS) problems.push(`search p95 ${searchP95.toFixed(1)} ms > ${SEARCH_P95_BOUND_MS}`)
for (const problem of problems) console.log(`FAIL ${problem}`)
if (problems.length > 0) process.exitCode = 1
console.log(
  `moments=${moments} calls=${calls} min_calls=${minCalls} wall_s=${wallS.toFixed(2)} ` +
    `latency_bound_s=${latencyBoundS.toFixed(2)} reopen_calls=${reopenCalls} refresh_calls=${refreshCalls} ` +
    `search_p95_ms=${searchP95.toFixed(1)} search_p50_ms=${searchP50.toFixed(1)} ` +
    `windows=${windows.length} latency_ms=${latencyMs} load=${loadavg()[0]!.toFixed(2)}`,
)
