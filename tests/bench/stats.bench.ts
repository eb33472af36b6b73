/**
 * `npm run bench:stats [-- --members 500 --groups 248 --latency-ms 30 --skip-build]`: the statistics
 * cache against a sandbox corp of 500 members and ~200 group owners answering every request after
 * a fixed latency, on its own thread (as WeCom's servers run elsewhere). The service runs here with
 * the client's default limits, on a clock both sides share (10:00 China time, so yesterday is
 * settled; the refresh then runs one day later). Prints, last line `key=value`:
 *
 * - `cold_calls`: data calls of the first fill (per member, per owner, team), as the sandbox served
 *   them; `min_calls`: the fewest for 180 days from the sandbox's ground truth (one call per
 *   30-day window per member, per owner and for the team). `scope_calls`: the few directory calls
 *   that find the members, departments and owners (not data; printed apart).
 * - `cold_wall_s` and `bound_s = min_calls × latency / concurrency`; `ratio = cold_wall_s / bound_s`.
 * - `warm_calls`: calls made while every dashboard is reopened over the full cache (and a second
 *   fill the same morning: `warm_fill_calls`, its data calls).
 * - `next_day_calls`, the refresh a day later, and `next_day_expected`: one window per member,
 *   owner and the team, plus one per subject whose provisional day is not next to the new day.
 * - `query_p95_ms` (and max): the dashboards' queries over the full cache for every preset range
 *   and a custom one × team / department / 10 and 100 members / owners, including the member table
 *   with sparklines and the JSON the IPC carries; `query_p95_cpu_ms` the same in this thread's CPU
 *   time (what a loaded machine does not inflate). `cold_cpu_s`: the fill's CPU on this thread.
 *   `snapshot_load_ms`: the first read after the fill, which loads the cache into memory in slices.
 * - `stats_chunk_kb_gzip`: the renderer's statistics route chunks (everything reachable from
 *   views/statistics that the app's entry does not already load, ECharts included), gzipped;
 *   `stats_only_kb_gzip`: the part no other page loads (the rest is Element Plus components
 *   other pages share).
 * - `load_start` / `load_end`: the machine's 1-minute load average (the bench shares the machine).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { gzipSync } from 'node:zlib'
import { startSandbox } from '../../electron/core/sandbox'
import {
  servedStatistics,
  statisticsGroundTruth,
  type ServedStatistic,
} from '../../electron/core/sandbox/handlers/statistics'
import type { Logger } from '../../electron/core/log'
import { StatisticsService } from '../../electron/core/services/statistics'
import { StatisticsQueries } from '../../electron/core/services/statistics/queries'
import { openWorkspace } from '../../electron/core/store/workspace'
import { createWecomClient, DEFAULT_WECOM_LIMITS } from '../../electron/core/wecom'
import { addDays, corpDayStart, corpToday, dayToNumber } from '../../shared/date'
import {
  RANGE_PRESETS,
  presetRange,
  type ContactScope,
  type FillStatus,
  type GroupScope,
  type StatsRange,
} from '../../shared/statistics'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

// ── the sandbox thread ───────────────────────────────────────────────────────────────────────

type Question = { type: 'served' } | { type: 'truth' } | { type: 'advance'; ms: number } | { type: 'close' }

async function serveSandbox(): Promise<void> {
  const port = parentPort!
  const options = workerData as {
    members: number
    groups: number
    customers: number
    latencyMs: number
    offset: number
  }
  let offset = options.offset
  const sandbox = await startSandbox({
    members: options.members,
    customers: options.customers,
    groups: options.groups,
    faults: { latencyMs: options.latencyMs },
    now: () => Date.now() + offset,
  })
  port.on('message', async (message: Question & { id: number }) => {
    const reply = (value: unknown) => port.postMessage({ id: message.id, value })
    if (message.type === 'served') reply(servedStatistics(sandbox.state))
    else if (message.type === 'truth') reply(statisticsGroundTruth(sandbox.state))
    else if (message.type === 'advance') {
      offset += message.ms
      reply(undefined)
    } else {
      await sandbox.close()
      reply(undefined)
    }
  })
  port.postMessage({ url: sandbox.url, corpid: sandbox.corpid, secret: sandbox.secret })
}

if (!isMainThread) await serveSandbox()
else await main()

async function main(): Promise<void> {
  const { values: flags } = parseArgs({
    options: {
      members: { type: 'string', default: '500' },
      groups: { type: 'string', default: '248' },
      customers: { type: 'string', default: '5000' },
      'latency-ms': { type: 'string', default: '30' },
      'skip-build': { type: 'boolean', default: false },
    },
  })
  const latencyMs = Number(flags['latency-ms'])
  const loadStart = loadavg()[0]!
  // 10:00 China time today: yesterday is settled, as on a normal working morning.
  let offset = corpDayStart(corpToday()) + 10 * HOUR_MS - Date.now()
  const now = () => Date.now() + offset

  console.log(`seeding sandbox: members=${flags.members} groups=${flags.groups} latency_ms=${latencyMs}`)
  const worker = new Worker(new URL(import.meta.url), {
    workerData: {
      members: Number(flags.members),
      groups: Number(flags.groups),
      customers: Number(flags.customers),
      latencyMs,
      offset,
    },
  })
  const address = await new Promise<{ url: string; corpid: string; secret: string }>((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', resolve)
  })
  const pending = new Map<number, (value: unknown) => void>()
  let nextId = 0
  worker.on('message', (message: { id: number; value: unknown }) => pending.get(message.id)?.(message.value))
  const ask = <T>(question: Question) =>
    new Promise<T>((resolve) => {
      const id = ++nextId
      pending.set(id, resolve as (value: unknown) => void)
      worker.postMessage({ ...question, id })
    })
  const served = () => ask<ServedStatistic[]>({ type: 'served' })
  const truth = await ask<ReturnType<typeof statisticsGroundTruth>>({ type: 'truth' })
  console.log(`ground truth: members=${truth.members} owners=${truth.owners} windows=${truth.windows}`)

  const dir = mkdtempSync(join(tmpdir(), 'stats-bench-'))
  const workspace = openWorkspace(join(dir, 'workspace.sqlite'))
  const client = createWecomClient({ baseUrl: address.url, corpid: address.corpid, secret: address.secret })
  const quiet = () => {}
  const log: Logger = {
    debug: quiet,
    info: quiet,
    warn: (message, fields) => console.log(`warn: ${message} ${JSON.stringify(fields ?? {})}`),
    error: (message, fields) => console.log(`error: ${message} ${String(fields?.error ?? '')}`),
    redact: quiet,
  }
  let lastLine = 0
  const service = new StatisticsService({
    profileId: () => 'bench',
    workspace: () => workspace,
    client: async () => client,
    now,
    locale: () => 'zh-CN',
    log,
    emit: (status: FillStatus) => {
      if (Date.now() - lastLine < 1000 && status.state === 'running') return
      lastLine = Date.now()
      console.log(
        `progress state=${status.state} calls=${status.done}/${status.total} eta=${status.etaSeconds ?? '?'}s ` +
          `data_up_to=${status.dataUpTo ?? '-'}`,
      )
    },
  })
  const fill = async () => {
    service.start()
    const run = service.run()!
    await run.finished
    if (run.state !== 'done') throw new Error(`fill ${run.state}: ${service.status().message ?? ''}`)
    return run
  }
  const dataCalls = (calls: readonly ServedStatistic[]) => calls.filter((call) => call.path !== 'group_by_owner').length
  const scopeCalls = (calls: readonly ServedStatistic[]) =>
    calls.filter((call) => call.path === 'group_by_owner').length

  // 1. The first fill of 180 days.
  const started = performance.now()
  const coldCpuStart = process.threadCpuUsage()
  const cold = await fill()
  const coldWallS = (performance.now() - started) / 1000
  const coldCpu = process.threadCpuUsage(coldCpuStart)
  const coldCpuS = (coldCpu.user + coldCpu.system) / 1e6
  const coldServed = await served()
  const coldCalls = dataCalls(coldServed)
  const concurrency = DEFAULT_WECOM_LIMITS.concurrencyPerPath
  const boundS = (truth.minCalls * latencyMs) / 1000 / concurrency
  console.log(
    `cold fill: data calls team=${cold.counts.team} members=${cold.counts.members} owners=${cold.counts.owners} ` +
      `directory=${cold.counts.directory} (of which groupchat/statistic=${scopeCalls(coldServed)})`,
  )

  // 2. Reopening every dashboard over the full cache: the queries, timed; no call at all.
  const queries = new StatisticsQueries(workspace.db)
  // The first read after the fill loads the cache into memory, in slices (the event loop keeps turning).
  const loadStarted = performance.now()
  const loadCpu = process.threadCpuUsage()
  await queries.ready()
  const snapshotLoadMs = performance.now() - loadStarted
  const snapshotCpu = process.threadCpuUsage(loadCpu)
  const snapshotCpuMs = (snapshotCpu.user + snapshotCpu.system) / 1000
  const scopes = queries.scopes()
  const departments = [...scopes.departments].sort((a, b) => b.memberCount - a.memberCount)
  const members = scopes.members.map((member) => member.userid)
  const owners = scopes.owners.map((owner) => owner.userid)
  const contactScopes: ContactScope[] = [
    { kind: 'team' },
    { kind: 'department', departmentId: departments[0]!.id },
    { kind: 'department', departmentId: departments.find((d) => d.memberCount > 0 && d.memberCount < 60)!.id },
    { kind: 'members', userids: members.slice(0, 10) },
    { kind: 'members', userids: members.slice(100, 200) },
  ]
  const groupScopes: GroupScope[] = [{ kind: 'team' }, { kind: 'owners', userids: owners.slice(0, 10) }]
  const ranges: StatsRange[] = [
    ...RANGE_PRESETS.map((preset) => presetRange(preset, now())),
    { from: addDays(corpToday(now()), -120), to: addDays(corpToday(now()), -45) },
  ]
  const before = (await served()).length
  const samples: number[] = []
  const cpuSamples: number[] = []
  // As the handler answers: the snapshot brought up to date (in slices), the query, its JSON.
  const time = async (run: () => unknown) => {
    const cpu = process.threadCpuUsage()
    const t0 = performance.now()
    await queries.ready()
    JSON.stringify(run())
    samples.push(performance.now() - t0)
    const spent = process.threadCpuUsage(cpu)
    cpuSamples.push((spent.user + spent.system) / 1000)
  }
  for (let round = 0; round < 5; round++) {
    for (const range of ranges) {
      for (const scope of contactScopes)
        await time(() => queries.contactDashboard({ range, scope, sparkMetric: 'message_cnt' }, now(), 'zh-CN'))
      for (const scope of groupScopes)
        await time(() => queries.groupDashboard({ range, scope, sparkMetric: 'msg_total' }, now(), 'zh-CN'))
      await time(() => queries.memberTrends({ userid: members[round]!, range }, now()))
      await time(() =>
        queries.compareMembers({ userids: members.slice(0, 10), metric: 'reply_percentage', range }, now()),
      )
    }
    await time(() => service.status())
  }
  const warmCalls = (await served()).length - before
  samples.sort((a, b) => a - b)
  cpuSamples.sort((a, b) => a - b)
  const p95 = samples[Math.ceil(samples.length * 0.95) - 1]!
  const cpuP95 = cpuSamples[Math.ceil(cpuSamples.length * 0.95) - 1]!
  const maxMs = samples.at(-1)!
  console.log(`queries: n=${samples.length} p50=${samples[Math.floor(samples.length / 2)]!.toFixed(1)}ms`)

  // A second fill the same morning: nothing is missing or provisional.
  const warmBefore = (await served()).length
  await fill()
  const warmFillCalls = dataCalls((await served()).slice(warmBefore))

  // 3. The next day.
  const newDay = dayToNumber(addDays(corpToday(now()), 0))
  const provisionalAlone = (
    workspace.db
      .prepare(
        `SELECT COUNT(*) AS n FROM (
           SELECT userid AS who FROM stat_member_days a WHERE day = ?1 AND final = 0
             AND EXISTS (SELECT 1 FROM stat_member_days b WHERE b.userid = a.userid AND b.day = ?2 AND b.final = 1)
           UNION ALL SELECT owner FROM stat_owner_days a WHERE day = ?1 AND final = 0
             AND EXISTS (SELECT 1 FROM stat_owner_days b WHERE b.owner = a.owner AND b.day = ?2 AND b.final = 1)
           UNION ALL SELECT 'team' FROM stat_team_days WHERE day = ?1 AND final = 0
             AND EXISTS (SELECT 1 FROM stat_team_days WHERE day = ?2 AND final = 1))`,
      )
      .get(newDay - 2, newDay - 1) as { n: number }
  ).n
  const subjects = queries.scopes()
  const nextDayExpected =
    subjects.members.filter((m) => m.status === 'ok').length +
    subjects.owners.filter((o) => o.status === 'ok').length +
    1 +
    provisionalAlone
  offset += DAY_MS
  await ask({ type: 'advance', ms: DAY_MS })
  const nextBefore = (await served()).length
  const nextStarted = performance.now()
  await fill()
  const nextWallS = (performance.now() - nextStarted) / 1000
  const nextServed = (await served()).slice(nextBefore)
  const nextDayCalls = dataCalls(nextServed)
  const status = service.status()
  console.log(
    `next day: data_up_to=${status.dataUpTo} provisional=${status.provisionalDays.join(',') || '-'} ` +
      `wall_s=${nextWallS.toFixed(2)} scope_calls=${scopeCalls(nextServed)}`,
  )

  await service.close()
  workspace.close()
  await ask({ type: 'close' })
  await worker.terminate()
  rmSync(dir, { recursive: true, force: true })

  // 4. The statistics route's chunks.
  const chunk = flags['skip-build'] ? undefined : statisticsChunkKb()
  const loadEnd = loadavg()[0]!

  const figures: Record<string, string | number> = {
    cold_calls: coldCalls,
    min_calls: truth.minCalls,
    scope_calls: cold.counts.directory,
    cold_wall_s: coldWallS.toFixed(2),
    cold_cpu_s: coldCpuS.toFixed(2),
    bound_s: boundS.toFixed(2),
    ratio: (coldWallS / boundS).toFixed(2),
    warm_calls: warmCalls,
    warm_fill_calls: warmFillCalls,
    next_day_calls: nextDayCalls,
    next_day_expected: nextDayExpected,
    query_p95_ms: p95.toFixed(1),
    query_max_ms: maxMs.toFixed(1),
    query_p95_cpu_ms: cpuP95.toFixed(1),
    snapshot_load_ms: snapshotLoadMs.toFixed(0),
    snapshot_load_cpu_ms: snapshotCpuMs.toFixed(0),
    stats_chunk_kb_gzip: chunk === undefined ? 'skipped' : chunk.total.toFixed(1),
    stats_only_kb_gzip: chunk === undefined ? 'skipped' : chunk.exclusive.toFixed(1),
    latency_ms: latencyMs,
    concurrency,
    load_start: loadStart.toFixed(2),
    load_end: loadEnd.toFixed(2),
  }
  const failures = [
    coldCalls !== truth.minCalls && 'cold_calls != min_calls',
    coldWallS > 1.25 * boundS && 'cold_wall_s > 1.25 × bound_s',
    warmCalls !== 0 && 'warm_calls != 0',
    warmFillCalls !== 0 && 'warm_fill_calls != 0',
    nextDayCalls !== nextDayExpected && 'next_day_calls != next_day_expected',
    p95 > 50 && 'query_p95_ms > 50',
  ].filter(Boolean)
  if (failures.length) {
    console.log(`FAILED: ${failures.join('; ')}`)
    process.exitCode = 1
  }
  console.log(
    Object.entries(figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(' '),
  )
}

/**
 * Builds the renderer into a temporary folder with a manifest and sums the gzipped size of the
 * chunks (JS and CSS) reachable from views/statistics that the app's entry does not load itself.
 */
function statisticsChunkKb(): { total: number; exclusive: number } {
  const out = mkdtempSync(join(tmpdir(), 'stats-renderer-'))
  try {
    execFileSync(
      process.execPath,
      [
        join('node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--outDir',
        out,
        '--emptyOutDir',
        '--manifest',
        '--logLevel',
        'warn',
      ],
      { stdio: 'inherit' },
    )
    const manifestPath = join(out, '.vite', 'manifest.json')
    if (!existsSync(manifestPath)) throw new Error('no build manifest')
    type Entry = {
      file: string
      imports?: string[]
      dynamicImports?: string[]
      css?: string[]
      isEntry?: boolean
      isDynamicEntry?: boolean
    }
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Entry>
    const closure = (keys: string[]) => {
      const seen = new Set<string>()
      const pending = [...keys]
      for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
        if (seen.has(key) || !manifest[key]) continue
        seen.add(key)
        pending.push(...(manifest[key]!.imports ?? []))
      }
      return seen
    }
    const entry = closure(Object.keys(manifest).filter((key) => manifest[key]!.isEntry))
    const routeKeys = Object.keys(manifest).filter((key) => key.startsWith('views/statistics/'))
    if (routeKeys.length === 0) console.log('note: no views/statistics chunk in the build yet (the page is not built)')
    // Chunks other pages load too (Element Plus components shared by several routes).
    const others = closure(
      Object.keys(manifest).filter((key) => manifest[key]!.isDynamicEntry && !key.startsWith('views/statistics/')),
    )
    let bytes = 0
    let exclusive = 0
    for (const key of closure(routeKeys)) {
      if (entry.has(key)) continue
      for (const file of [manifest[key]!.file, ...(manifest[key]!.css ?? [])]) {
        const size = gzipSync(readFileSync(join(out, file)), { level: 9 }).length
        const shared = others.has(key)
        console.log(`chunk ${file} gzip=${(size / 1024).toFixed(1)}KB${shared ? ' (also loaded by other pages)' : ''}`)
        bytes += size
        if (!shared) exclusive += size
      }
    }
    console.log(`statistics-only chunks (ECharts included): ${(exclusive / 1024).toFixed(1)}KB gzip`)
    return { total: bytes / 1024, exclusive: exclusive / 1024 }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}
