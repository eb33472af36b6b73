import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../../../shared/customers'
import { CoreEvents } from '../../../../electron/core/events'
import { createLogger } from '../../../../electron/core/log'
import { startSandbox } from '../../../../electron/core/sandbox'
import { SyncRun } from '../../../../electron/core/services/customers/sync/run'
import { syncDiskFull } from '../../../../electron/core/services/customers/sync/status'
import { DEFAULT_WECOM_LIMITS } from '../../../../electron/core/wecom'
import { coreConnectedTo, syncStatusWhere, syncStopped } from '../../../bench/support/core'
import { startCorp, tempWorkspace } from '../support'
import { expectCacheMatchesCorp, syncHarness } from './harness'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/**
 * Watches this thread's event loop: the wall-clock delay of a 10 ms timer (what a waiting call
 * feels, load included), and the CPU time this thread spent between two turns of a 5 ms timer
 * (the longest piece of work that held the loop: unlike the delay, it does not grow when a
 * loaded machine gives the thread no core).
 */
function watchEventLoop(): { stop(): { delayMaxMs: number; busyMaxMs: number } } {
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  let busyMaxMs = 0
  let last = process.threadCpuUsage()
  const timer = setInterval(() => {
    const spent = process.threadCpuUsage(last)
    last = process.threadCpuUsage()
    busyMaxMs = Math.max(busyMaxMs, (spent.user + spent.system) / 1000)
  }, 5)
  return {
    stop: () => {
      clearInterval(timer)
      delay.disable()
      return { delayMaxMs: delay.max / 1e6, busyMaxMs }
    },
  }
}

const count = (db: DatabaseSync, sql: string) => (db.prepare(sql).get() as { n: number }).n

describe('sync writer thread', () => {
  it("keeps the core's event loop free while the sync writes thousands of customers", async () => {
    // No latency: pages arrive as fast as the sandbox answers, so writing is all there is to wait
    // for. Written on the core's thread, these pages held its loop for hundreds of ms at a time.
    const { sandbox, syncToEnd, cache } = await syncHarness({ customers: 8000, members: 16, groups: 40 })
    const watch = watchEventLoop()
    const status = await syncToEnd()
    const { delayMaxMs, busyMaxMs } = watch.stop()

    expect(status).toMatchObject({ state: 'done', counts: { customers: 8000 } })
    expectCacheMatchesCorp(sandbox, cache())
    console.log(
      `event loop during the sync: busy max ${busyMaxMs.toFixed(1)} ms, delay max ${delayMaxMs.toFixed(1)} ms`,
    )
    expect(busyMaxMs).toBeLessThan(50)
    // Wall-clock, with room for a loaded CI machine that leaves the thread waiting for a core.
    expect(delayMaxMs).toBeLessThan(1000)
  })

  it('answers the page while the sync writes: a query sees the customers saved so far', async () => {
    const { syncToEnd, call } = await syncHarness({ customers: 6000, members: 16, groups: 10 })
    const sync = syncToEnd()
    const totals: number[] = []
    let finished = false
    void sync.then(() => (finished = true))
    while (!finished) {
      const page = await call<{ total: number }>('customers:query', { filter: {}, limit: 20 })
      totals.push(page.total)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect((await sync).state).toBe('done')
    expect(totals).toEqual([...totals].sort((a, b) => a - b))
    expect(totals.length).toBeGreaterThan(1)
  })

  it('saves edits from the page while the sync writes on its own connection', async () => {
    const { sandbox, syncToEnd, call } = await syncHarness({ customers: 8000, members: 16, groups: 10 })
    await syncToEnd()
    const resync = syncToEnd()
    const edited = sandbox.state.customers.slice(0, 5)
    for (const [i, customer] of edited.entries()) {
      const follow = customer.follows[0]!
      const detail = await call<{ remark: string }>('customers:updateRemark', {
        userid: follow.userid,
        externalUserid: customer.externalUserid,
        remark: `同步中编辑 ${i}`,
      })
      expect(detail.remark).toBe(`同步中编辑 ${i}`)
    }
    expect((await resync).state).toBe('done')
  })

  it('fails with disk_full when the database cannot grow, shows what is saved, and resumes', async () => {
    const { sandbox, client } = await startCorp({ customers: 3000, members: 12, groups: 10 })
    cleanups.push(() => sandbox.close())
    const temp = tempWorkspace()
    cleanups.push(() => temp.remove())
    const { workspace } = temp
    const pages = (workspace.db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count
    const run = (maxDatabasePages?: number) =>
      new SyncRun({
        profileId: 'test',
        workspace,
        client: async () => client,
        events: new CoreEvents(),
        locale: () => 'en',
        log: createLogger(),
        concurrency: DEFAULT_WECOM_LIMITS.concurrencyPerPath,
        now: Date.now,
        ...(maxDatabasePages !== undefined ? { maxDatabasePages } : {}),
      })

    const full = run(pages + 40)
    await full.finished
    const failed = full.status()
    const diskFull = syncDiskFull(undefined)
    expect(failed).toMatchObject({
      state: 'failed',
      resumable: true,
      message: diskFull.text.en,
      hint: diskFull.hint?.en,
    })
    // The status counts what the database holds, not what was fetched.
    const { db } = workspace
    expect(failed.counts.customers).toBe(count(db, 'SELECT count(*) AS n FROM customers'))
    expect(failed.counts.follows).toBe(count(db, 'SELECT count(*) AS n FROM follows'))
    expect(failed.counts.customers).toBeLessThan(3000)
    const saved = workspace.kv.get<{ done: number; counts: SyncStatus['counts'] }>('sync:checkpoint')
    expect({ done: failed.done, counts: failed.counts }).toEqual({ done: saved?.done, counts: saved?.counts })

    const resumed = run()
    await resumed.finished
    expect(resumed.status()).toMatchObject({ state: 'done', counts: { customers: 3000 } })
    expectCacheMatchesCorp(sandbox, db)
  })
})

/** True when this process may mount a tmpfs (root on Linux): the real full disk below needs one. */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
  const dir = mkdtempSync(join(tmpdir(), 'tmpfs-probe-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' })
    execFileSync('umount', [dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('sync on a full disk', () => {
  it.skipIf(!canMountTmpfs())(
    'stops with disk_full in the user language, claims only what is saved, and resumes once there is room',
    async () => {
      // The corp of the report: 6,706 customers, on a data folder with room for a few hundred.
      const sandbox = await startSandbox({ customers: 6706, members: 40, groups: 20 })
      cleanups.push(() => sandbox.close())
      const dataDir = mkdtempSync(join(tmpdir(), 'sync-full-disk-'))
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1536k', 'tmpfs', dataDir])
      cleanups.push(() => {
        execFileSync('umount', [dataDir])
        rmSync(dataDir, { recursive: true, force: true })
      })
      const { core, profileId } = await coreConnectedTo(sandbox, { dataDir })
      cleanups.push(() => core.close())
      const stopped = syncStatusWhere(core, syncStopped)
      const started = await core.invoke('customers:startSync', undefined)
      expect(started.ok).toBe(true)
      const failed = await stopped

      const diskFull = syncDiskFull(undefined)
      expect(failed).toMatchObject({
        state: 'failed',
        resumable: true,
        message: diskFull.text['zh-CN'],
        hint: diskFull.hint?.['zh-CN'],
      })
      const db = new DatabaseSync(join(dataDir, 'workspaces', `${profileId}.sqlite`), { readOnly: true })
      const saved = count(db, 'SELECT count(*) AS n FROM customers')
      db.close()
      expect(saved).toBeLessThan(6706)
      expect(failed.counts.customers).toBe(saved)
      const status = await core.invoke('customers:getSyncStatus', undefined)
      expect(status).toMatchObject({ ok: true, data: { state: 'failed', message: diskFull.text['zh-CN'] } })

      execFileSync('mount', ['-o', 'remount,size=64m', dataDir])
      expect(await core.invoke('app:setLocale', { locale: 'en' })).toMatchObject({ ok: true })
      const inEnglish = await core.invoke('customers:getSyncStatus', undefined)
      expect(inEnglish).toMatchObject({ ok: true, data: { state: 'failed', message: diskFull.text.en } })
      const done = syncStatusWhere(core, syncStopped)
      await core.invoke('customers:startSync', undefined)
      expect(await done).toMatchObject({ state: 'done', counts: { customers: 6706 } })
      const after = new DatabaseSync(join(dataDir, 'workspaces', `${profileId}.sqlite`), { readOnly: true })
      expectCacheMatchesCorp(sandbox, after)
      after.close()
    },
  )
})
