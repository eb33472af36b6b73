import { Buffer } from 'node:buffer'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../../../electron/core'
import { createLogger } from '../../../electron/core/log'
import { startSandbox } from '../../../electron/core/sandbox'
import type { SandboxHandle, SandboxOptions, SandboxState } from '../../../electron/core/sandbox/types'
import { CustomerCacheRepository } from '../../../electron/core/store/repositories/customer-cache'
import { WorkspaceManager } from '../../../electron/core/store/manager'
import { JsonFileSettings } from '../../../electron/core/store/settings'
import { LocalFileVault } from '../../../electron/core/store/vault'
import { openWorkspace, type Workspace } from '../../../electron/core/store/workspace'
import { createWecomClient, WecomRateLimiter, WecomTokenCache, type WecomClient } from '../../../electron/core/wecom'
import type { CustomerFilter, CustomerSort, SyncStatus } from '../../../shared/customers'

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
 * Fills a workspace's customer cache the way a sync does, over real HTTP and through the real
 * cache writer: members with names, the tag library, every member's customers
 * (batch/get_by_user, 100 members per walk, walks in parallel) and every group (with names).
 */
export async function fillCustomerCache(
  workspace: Workspace,
  client: WecomClient,
  syncedAt = Date.now(),
): Promise<void> {
  const cache = workspace.repository(CustomerCacheRepository)
  const userids = await client.members.getFollowUserList()
  const root = (await client.members.listDepartments()).find((department) => department.parentid === 0)
  const names = new Map(
    (root ? await client.members.listUsersSimple(root.id, true) : []).map((member) => [member.userid, member.name]),
  )
  const tagGroups = await client.tags.getCorpTagList()
  workspace.transaction(() => {
    cache.upsertMembers(
      userids.map((userid) => ({ userid, name: names.get(userid) ?? '', departments: [] })),
      syncedAt,
    )
    cache.replaceTagLibrary(tagGroups, syncedAt)
  })

  const walks: Promise<void>[] = []
  for (let start = 0; start < userids.length; start += 100) {
    const walk = client.customers.batchGetByUser({ userid_list: userids.slice(start, start + 100), limit: 100 })
    walks.push(
      (async () => {
        for await (const page of walk.pages()) {
          workspace.transaction(() => cache.upsertCustomerPage(page.external_contact_list ?? [], syncedAt))
        }
      })(),
    )
  }
  await Promise.all(walks)

  for await (const summary of client.groups.list({ limit: 1000 })) {
    const detail = await client.groups.get(summary.chat_id, true)
    workspace.transaction(() => cache.upsertGroup(detail, summary.status, syncedAt))
  }
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
  /** The active profile's workspace, opened separately: fill it, and read what the core wrote. */
  workspace: Workspace
  close(): Promise<void>
}

/** Starts a core in a temporary data folder with a profile on `sandbox`, made active. */
export async function startCoreOn(sandbox: SandboxHandle): Promise<CoreOnSandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), 'customers-core-'))
  const core = await createCore({
    dataDir,
    shell: 'browser',
    version: 'test',
    settings: new JsonFileSettings(join(dataDir, 'settings.json')),
    vault: new LocalFileVault(dataDir),
    log: createLogger(),
    sandbox: { customers: 5, members: 2, groups: 0 },
  })
  const saved = await core.invoke('profiles:save', {
    name: 'Test corp',
    corpid: sandbox.corpid,
    secret: sandbox.secret,
    baseUrl: sandbox.url,
  })
  if (!saved.ok) throw new Error(saved.error.message)
  const profileId = (saved.data as { id: string }).id
  const activated = await core.invoke('profiles:activate', { id: profileId })
  if (!activated.ok) throw new Error(activated.error.message)
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

/** Runs the real sync (`sync:start`) of the core's active profile to its end; throws unless it is done. */
export async function syncThroughCore(core: Core): Promise<SyncStatus> {
  const stopped = new Promise<SyncStatus>((resolve) => {
    const unsubscribe = core.events.subscribe((channel, payload) => {
      const status = payload as SyncStatus
      if (channel !== 'sync:onProgress' || !['done', 'failed', 'cancelled'].includes(status.state)) return
      unsubscribe()
      resolve(status)
    })
  })
  const started = await core.invoke('sync:start', undefined)
  if (!started.ok) throw new Error(started.error.message)
  const final = await stopped
  if (final.state !== 'done') throw new Error(`sync ${final.state}: ${final.message ?? ''}`)
  return final
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
