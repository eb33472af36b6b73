/**
 * `npm run bench:sync [-- --customers N --members N --latency-ms N]`: a full first sync of a
 * sandbox corp through the core, with the client's default settings, against WeCom's documented
 * per-API rate limit (enforced by the sandbox) and a fixed latency per request. The sandbox runs
 * on its own thread, as WeCom's servers run elsewhere; the core runs on this process's main
 * thread, whose event loop is watched during the sync. Prints progress, how min_calls is made
 * up, then the result line last:
 *
 * - `latency_bound_s = min_calls × latency / concurrency`: the floor. The limiter (a sliding
 *   60-second window of WeCom's per-minute quota) never makes a sync of this size wait, so the
 *   latency of the fewest calls, `concurrency` at a time, is all a sync cannot avoid.
 * - `ratio = wall_s / latency_bound_s`.
 * - `loop_block_max_ms`: the longest event-loop stall of the core during the sync, as
 *   `monitorEventLoopDelay` (10 ms resolution) measures it: its max, which includes up to one
 *   resolution step on top of the stall itself.
 */
import { rmSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { SyncStatus } from '../../shared/customers'
import type { Logger } from '../../electron/core/log'
import { DEFAULT_WECOM_LIMITS } from '../../electron/core/wecom'
import { coreConnectedTo, syncStatusWhere, syncStopped } from './support/core'
import { startSandboxThread } from './support/sandbox-thread'

const PROGRESS_LINE_INTERVAL_MS = 1000
const RSS_SAMPLE_INTERVAL_MS = 250
const LOOP_DELAY_RESOLUTION_MS = 10

const { values: flags } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    members: { type: 'string', default: '500' },
    'latency-ms': { type: 'string', default: '30' },
  },
})
const customers = Number(flags.customers)
const members = Number(flags.members)
const latencyMs = Number(flags['latency-ms'])

console.log(`seeding sandbox: customers=${customers} members=${members} latency_ms=${latencyMs}`)
const sandbox = await startSandboxThread({ customers, members, faults: { latencyMs } })
/** What the sync's writer thread reported (the core logs it when the run ends). */
let writerStats: Record<string, unknown> | undefined
const quiet = () => {}
const log: Logger = {
  debug: quiet,
  info: (message, fields) => {
    if (message === 'sync: writes saved') writerStats = fields
  },
  warn: (message, fields) => console.log(`warn: ${message} ${JSON.stringify(fields ?? {})}`),
  error: (message, fields) => console.log(`error: ${message} ${String(fields?.error ?? JSON.stringify(fields ?? {}))}`),
  redact: quiet,
}
const { core, dataDir } = await coreConnectedTo(sandbox, { log })

let lastLineAt = 0
const unsubscribe = core.events.subscribe((channel, payload) => {
  if (channel !== 'customers:onSyncProgress') return
  const status = payload as SyncStatus
  const now = Date.now()
  if (now - lastLineAt < PROGRESS_LINE_INTERVAL_MS && !syncStopped(status)) return
  lastLineAt = now
  const eta = status.etaMs === undefined ? '?' : `${(status.etaMs / 1000).toFixed(1)}s`
  console.log(
    `progress state=${status.state} phase=${status.phase} calls=${status.done}/${status.total} eta=${eta} ` +
      `customers=${status.counts.customers} follows=${status.counts.follows} groups=${status.counts.groups}`,
  )
})

const { logLength, tokenIssued } = await sandbox.mark()
let peakRss = process.memoryUsage.rss()
const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), RSS_SAMPLE_INTERVAL_MS)
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS })
// The loop's longest busy stretch in CPU time (this thread's, between two turns of a 5 ms timer):
// unlike the delay, it does not count time a loaded machine leaves the thread without a core.
let busyMaxMs = 0
let cpuAtTurn = process.threadCpuUsage()
const busySampler = setInterval(() => {
  const spent = process.threadCpuUsage(cpuAtTurn)
  cpuAtTurn = process.threadCpuUsage()
  busyMaxMs = Math.max(busyMaxMs, (spent.user + spent.system) / 1000)
}, 5)
const stopped = syncStatusWhere(core, syncStopped)
loopDelay.enable()
const startedAt = performance.now()
const cpuAtStart = process.cpuUsage()
const mainCpuAtStart = process.threadCpuUsage()
await core.invoke('customers:startSync', undefined)
const final = await stopped
const wallS = (performance.now() - startedAt) / 1000
loopDelay.disable()
clearInterval(busySampler)
const processCpu = process.cpuUsage(cpuAtStart)
const mainCpu = process.threadCpuUsage(mainCpuAtStart)
clearInterval(rssSampler)
peakRss = Math.max(peakRss, process.memoryUsage.rss())
unsubscribe()
if (final.state !== 'done') {
  console.error(`sync ended ${final.state}: ${final.message ?? ''} ${final.hint ?? ''}`)
  process.exitCode = 1
}

const concurrency = DEFAULT_WECOM_LIMITS.concurrencyPerPath
// Connecting the profile fetched a token, which the sync then reuses: gettoken is not among its calls.
const report = await sandbox.report(logLength, { concurrency, tokenHeld: tokenIssued })
const { min } = report
const latencyBoundS = (min.total * latencyMs) / 1000 / concurrency
const ms = (ns: number) => ns / 1e6
const batchPages = min.byPath['externalcontact/batch/get_by_user'] ?? 0

console.log(
  `batch/get_by_user: pairs=${min.pairs} lower_bound=ceil(pairs/100)=${min.customerPagesLowerBound} ` +
    `with_sync_batching=${batchPages} (+${batchPages - min.customerPagesLowerBound})`,
)
console.log(
  'min_calls by path (called): ' +
    Object.entries(min.byPath)
      .map(([path, calls]) => `${path}=${calls} (${report.callsByPath[path] ?? 0})`)
      .join(' ') +
    (tokenIssued ? ' [gettoken 0: the connection already holds a valid token]' : ''),
)
console.log(
  `latency_bound_s = min_calls*${latencyMs}ms/${concurrency}; ` +
    `sync=${final.state} follows=${final.counts.follows} groups=${final.counts.groups}`,
)
console.log(
  `event loop delay during the sync (ms, resolution ${LOOP_DELAY_RESOLUTION_MS}): ` +
    `p50=${ms(loopDelay.percentile(50)).toFixed(1)} p99=${ms(loopDelay.percentile(99)).toFixed(1)} ` +
    `max=${ms(loopDelay.max).toFixed(1)} samples=${loopDelay.count}; busy stretch max (thread CPU) ${busyMaxMs.toFixed(1)}`,
)
const cpuS = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1e6).toFixed(2)
console.log(
  `cpu_s during the sync: process=${cpuS(processCpu)} (all threads: core, sync writer, sandbox) core_thread=${cpuS(mainCpu)}; ` +
    `writer ${JSON.stringify(writerStats ?? {})}`,
)

await core.close()
await sandbox.close()
rmSync(dataDir, { recursive: true, force: true })
console.log(
  `customers=${final.counts.customers} calls=${report.calls} min_calls=${min.total} wall_s=${wallS.toFixed(2)} ` +
    `latency_bound_s=${latencyBoundS.toFixed(2)} ratio=${(wallS / latencyBoundS).toFixed(3)} ` +
    `rate_limit_errors=${report.rateLimitErrors} loop_block_max_ms=${Math.round(ms(loopDelay.max))} ` +
    `peak_rss_mb=${Math.round(peakRss / 1024 / 1024)}`,
)
