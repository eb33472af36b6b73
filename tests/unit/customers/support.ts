import { Buffer } from 'node:buffer'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Core } from '../../../electron/core'
import { CoreEvents } from '../../../electron/core/events'
import { createLogger } from '../../../electron/core/log'
import { startSandbox } from '../../../electron/core/sandbox'
import type { SandboxHandle, SandboxOptions, SandboxState } from '../../../electron/core/sandbox/types'
import { SyncRun } from '../../../electron/core/services/customers/sync/run'
import { WorkspaceManager } from '../../../electron/core/store/manager'
import { openWorkspace, type Workspace } from '../../../electron/core/store/workspace'
import {
  createWecomClient,
  DEFAULT_WECOM_LIMITS,
  WecomRateLimiter,
  WecomTokenCache,
  type WecomClient,
} from '../../../electron/core/wecom'
import type { CustomerFilter, CustomerSort, SyncStatus } from '../../../shared/customers'
import { coreConnectedTo, syncStatusWhere, syncStopped } from '../../bench/support/core'

/** A small demo corp: fast to seed and to cache, still with multi-follower customers and every tag group. */
export const SMALL_CORP: SandboxOptions = { customers: 400, members: 12, groups: 30 }

/** A sandbox and a real WeCom client on it (own token cache and limiter, so tests do not share state). */
export async function startCorp(
  options: SandboxOptions = {},
): Promise<{ sandbox: SandboxHandle; client: WecomClient }> {
  const sandbox = await startSandbox({ ...SMALL_CORP, ...options })
  const client = createWecomClient({
    baseUrl: sandbox.url,
    corpid: sandbox.corpid,
    secret: sandbox.secret,
    tokenCache: new WecomTokenCache(),
    rateLimiter: new WecomRateLimiter(),
  })
  return { sandbox, client }
}

/**
 * Fills a workspace's customer cache with the real sync engine (`SyncRun`, as `customers:startSync` runs it)
 * over real HTTP, on a clock fixed at `syncedAt`: every row it writes carries that `synced_at`, and
 * rows an earlier fill saw that this one does not are marked gone at `syncedAt`.
 */
export async function fillCustomerCache(
  workspace: Workspace,
  client: WecomClient,
  syncedAt = Date.now(),
): Promise<SyncStatus> {
  const run = new SyncRun({
    profileId: 'test',
    workspace,
    client: async () => client,
    events: new CoreEvents(),
    locale: () => 'en',
    log: createLogger(),
    concurrency: DEFAULT_WECOM_LIMITS.concurrencyPerPath,
    now: () => syncedAt,
  })
  await run.finished
  const status = run.status()
  if (status.state !== 'done') throw new Error(`sync ${status.state}: ${status.message ?? ''}`)
  return status
}

/** A temporary workspace database, for service-level tests. */
export function tempWorkspace(): { workspace: Workspace; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'customers-'))
  const workspace = openWorkspace(join(dir, 'workspace.sqlite'))
  return {
    workspace,
    remove: () => {
      workspace.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A core (as a shell builds it) whose active profile is `sandbox`, and a second connection to that profile's workspace. */
export interface CoreOnSandbox {
  core: Core
  /** The active profile's workspace, opened separately: read what the core wrote. */
  workspace: Workspace
  close(): Promise<void>
}

/** A core connected to `sandbox` through a saved, activated profile (`coreConnectedTo`). */
export async function startCoreOn(sandbox: SandboxHandle): Promise<CoreOnSandbox> {
  const { core, dataDir, profileId } = await coreConnectedTo(sandbox)
  const workspaces = new WorkspaceManager(dataDir)
  return {
    core,
    workspace: workspaces.forProfile(profileId),
    close: async () => {
      workspaces.closeAll()
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Runs the real sync (`customers:startSync`) of the core's active profile to its end; throws unless it is done. */
export async function syncThroughCore(core: Core): Promise<SyncStatus> {
  const stopped = syncStatusWhere(core, syncStopped)
  const started = await core.invoke('customers:startSync', undefined)
  if (!started.ok) throw new Error(started.error.message)
  const final = await stopped
  if (final.state !== 'done') throw new Error(`sync ${final.state}: ${final.message ?? ''}`)
  return final
}

/**
 * A test file's corp for its whole run: the small sandbox corp, a core connected to it and the real
 * sync done. Call from `beforeAll`; `close` ends both.
 */
export async function openSyncedCorp(): Promise<{
  sandbox: SandboxHandle
  app: CoreOnSandbox
  close(): Promise<void>
}> {
  const { sandbox } = await startCorp()
  const app = await startCoreOn(sandbox)
  await syncThroughCore(app.core)
  return {
    sandbox,
    app,
    close: async () => {
      await app.close()
      await sandbox.close()
    },
  }
}

/** One contract call through the core; throws with the core's message when it fails. */
export async function invokeOk<T>(core: Core, channel: string, input?: unknown): Promise<T> {
  const result = await core.invoke(channel, input)
  if (!result.ok) throw new Error(result.error.message)
  return result.data as T
}

type SeedCustomer = SandboxState['customers'][number]

/** Lower-cases Latin letters only, as SQLite's lower() does. */
const asciiLower = (value: string) => value.replace(/[A-Z]/g, (letter) => letter.toLowerCase())

/** The earliest follow relation, ms. */
export const addedAtOf = (customer: SeedCustomer) => Math.min(...customer.follows.map((f) => f.createTime)) * 1000

/**
 * The filter's meaning computed directly over the sandbox's ground truth, independently of the SQL:
 * the customers a filter should return, in no particular order.
 */
export function expectedCustomers(state: SandboxState, filter: CustomerFilter): SeedCustomer[] {
  const some = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0
  return state.customers.filter((customer) => {
    const scoped = customer.follows.filter((f) => !some(filter.members) || filter.members.includes(f.userid))
    const tags = new Set(scoped.flatMap((f) => f.tagIds))
    if (some(filter.members) && scoped.length === 0) return false
    if (filter.search) {
      const fields = [customer.name, customer.corpName, customer.corpFullName]
      for (const f of customer.follows) fields.push(f.remark, f.remarkCorpName, f.description)
      if (!fields.some((field) => asciiLower(field).includes(asciiLower(filter.search!)))) return false
    }
    if (filter.tags) {
      const has = (id: string) => tags.has(id)
      if (filter.tags.mode === 'and' ? !filter.tags.ids.every(has) : !filter.tags.ids.some(has)) return false
    }
    if (filter.excludeTags?.some((id) => tags.has(id))) return false
    if (filter.excludeCustomers?.includes(customer.externalUserid)) return false
    const addedAt = addedAtOf(customer)
    if (filter.addedFrom !== undefined && addedAt < filter.addedFrom) return false
    if (filter.addedTo !== undefined && addedAt > filter.addedTo) return false
    if (some(filter.genders) && !filter.genders.includes(customer.gender)) return false
    if (some(filter.types) && !filter.types.includes(customer.type)) return false
    if (some(filter.addWays) && !scoped.some((f) => filter.addWays!.includes(f.addWay))) return false
    return true
  })
}

/** SQLite's BINARY order: UTF-8 bytes. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b))

/** External ids in the order a sort should give, computed from the ground truth. */
export function expectedOrder(customers: readonly SeedCustomer[], sort: CustomerSort): string[] {
  const key = (customer: SeedCustomer): number | string =>
    sort.field === 'name' ? customer.name : sort.field === 'addedAt' ? addedAtOf(customer) : customer.follows.length
  const sign = sort.order === 'asc' ? 1 : -1
  return [...customers]
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)]
      const byKey = typeof ka === 'number' ? ka - (kb as number) : byteOrder(ka, kb as string)
      return sign * (byKey || byteOrder(a.externalUserid, b.externalUserid))
    })
    .map((customer) => customer.externalUserid)
}

/**
 * The member who gets a customer's task, from the ground truth: the most recent follow among the
 * filter's members (all followers when none), smallest userid on a tie.
 */
export function expectedSender(customer: SeedCustomer, members?: readonly string[]): string {
  const scoped = customer.follows.filter((f) => !members?.length || members.includes(f.userid))
  scoped.sort((a, b) => b.createTime - a.createTime || byteOrder(a.userid, b.userid))
  return scoped[0]!.userid
}
