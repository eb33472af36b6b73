import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '../../../electron/core/log'
import { startSandbox } from '../../../electron/core/sandbox'
import { servedStatistics, type ServedStatistic } from '../../../electron/core/sandbox/handlers/statistics'
import type { SandboxHandle, SandboxOptions } from '../../../electron/core/sandbox/types'
import { StatisticsService } from '../../../electron/core/services/statistics'
import { openWorkspace, type Workspace } from '../../../electron/core/store/workspace'
import { createWecomClient, WecomRateLimiter, WecomTokenCache, type WecomClient } from '../../../electron/core/wecom'
import type { FillStatus } from '../../../shared/statistics'

/** 10:00 China time: yesterday is settled. */
export const SETTLED_MORNING = Date.parse('2026-12-05T10:00:00+08:00')
export const HOUR = 3_600_000
export const DAY = 24 * HOUR

/** A clock the sandbox, the client and the service share. */
export class Clock {
  constructor(public ms = SETTLED_MORNING) {}
  readonly now = () => this.ms
  advance(ms: number): void {
    this.ms += ms
  }
}

/** A small corp on a shared clock, a real client over HTTP, a workspace and the statistics service on them. */
export interface StatsCorp {
  clock: Clock
  sandbox: SandboxHandle
  client: WecomClient
  workspace: Workspace
  service: StatisticsService
  statuses: FillStatus[]
  /** The sandbox's ledger of answered statistics calls. */
  served: () => ServedStatistic[]
  /** Opens the workspace again (after a simulated crash closed it) and a new service on it. */
  reopen(): void
  /** Runs a fill to its end; returns its last status. */
  fill(): Promise<FillStatus>
  close(): Promise<void>
}

export async function statsCorp(options: SandboxOptions = {}, clock = new Clock()): Promise<StatsCorp> {
  const sandbox = await startSandbox({ members: 12, customers: 300, groups: 30, now: clock.now, ...options })
  const client = createWecomClient({
    baseUrl: sandbox.url,
    corpid: sandbox.corpid,
    secret: sandbox.secret,
    tokenCache: new WecomTokenCache(),
    rateLimiter: new WecomRateLimiter(),
    retry: { maxAttempts: 1 },
  })
  const dir = mkdtempSync(join(tmpdir(), 'statistics-'))
  const file = join(dir, 'workspace.sqlite')
  const statuses: FillStatus[] = []
  const make = (workspace: Workspace) =>
    new StatisticsService({
      profileId: () => 'test',
      workspace: () => workspace,
      client: async () => client,
      now: clock.now,
      locale: () => 'en',
      log: createLogger(),
      emit: (status) => statuses.push(status),
    })
  const corp: StatsCorp = {
    clock,
    sandbox,
    client,
    workspace: openWorkspace(file),
    service: undefined as unknown as StatisticsService,
    statuses,
    served: () => servedStatistics(sandbox.state),
    reopen() {
      if (corp.workspace.isOpen) corp.workspace.close()
      corp.workspace = openWorkspace(file)
      corp.service = make(corp.workspace)
    },
    async fill() {
      corp.service.start()
      await corp.service.run()!.finished
      return corp.service.status()
    },
    async close() {
      await corp.service.close()
      if (corp.workspace.isOpen) corp.workspace.close()
      await sandbox.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  corp.service = make(corp.workspace)
  return corp
}

/** Data calls (per member, per owner, team) in a slice of the ledger. */
export function dataCalls(served: readonly ServedStatistic[]): number {
  return served.filter((call) => call.path !== 'group_by_owner').length
}
