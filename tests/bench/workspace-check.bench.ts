/**
 * `npx tsx tests/bench/workspace-check.bench.ts`: what the damaged-workspace guard costs on a
 * 100,000-customer workspace (filled by the real sync from the sandbox corp over HTTP).
 *
 * Measured: `quick_check` before open (in a worker), the open after it, the rolling copy (backup
 * API + quick_check of the copy, in the thread pool and a worker), the `integrity_check` after an
 * unclean shutdown (in a worker while the workspace is used), and for comparison the blocking
 * fallback (a `forProfile` with no `prepare` before it). For each, the core's longest event-loop
 * stall (`monitorEventLoopDelay`). The last line is `key=value …`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { WorkspaceManager } from '../../electron/core/store/manager'
import { fillCustomerCache, startCorp } from '../unit/customers/support'

const CUSTOMERS = 100_000

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; loopMaxMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 1 })
  loop.enable()
  const started = performance.now()
  await work()
  const ms = performance.now() - started
  loop.disable()
  return { ms: Math.round(ms), loopMaxMs: Math.round(loop.max / 1e6) }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-workspace-check-'))
  try {
    const { sandbox, client } = await startCorp({ customers: CUSTOMERS, members: 500, groups: 0 })
    const filling = new WorkspaceManager(dataDir, { backupIntervalMs: 0 })
    await fillCustomerCache(filling.forProfile('big'), client)
    await sandbox.close()
    await filling.close()
    console.log(`filled ${CUSTOMERS} customers`)

    const manager = new WorkspaceManager(dataDir, { backupIntervalMs: 0 })
    const quick = await timed(() => manager.prepare('big'))
    const open = await timed(() => manager.forProfile('big'))
    manager
      .forProfile('big')
      .db.prepare(
        "INSERT INTO drafts (id, title, chat_type, content, targeting, created_at, updated_at) VALUES ('d', '', 'single', '{}', '{}', 0, 0)",
      )
      .run()
    const copy = await timed(() => manager.backupNow('big'))
    await manager.close()

    // Unclean shutdown: the in-use marker is left, so the open is followed by integrity_check.
    writeFileSync(join(dataDir, 'workspaces', 'big.sqlite.in-use'), '{}')
    const unclean = new WorkspaceManager(dataDir, { backupIntervalMs: 0 })
    await unclean.prepare('big')
    unclean.forProfile('big')
    const full = await timed(async () => {
      while (unclean.health('big', 'en').state === 'checking') await new Promise((resolve) => setTimeout(resolve, 5))
    })
    await unclean.close()

    const blocking = new WorkspaceManager(dataDir, { backupIntervalMs: 0 })
    const fallback = await timed(() => blocking.forProfile('big'))
    await blocking.close()

    console.log(
      `quick_check_ms=${quick.ms} quick_check_loop_max_ms=${quick.loopMaxMs} open_ms=${open.ms}` +
        ` copy_ms=${copy.ms} copy_loop_max_ms=${copy.loopMaxMs}` +
        ` integrity_check_ms=${full.ms} integrity_check_loop_max_ms=${full.loopMaxMs}` +
        ` unprepared_open_blocks_ms=${fallback.ms}`,
    )
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

void main()
