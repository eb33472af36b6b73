import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, expect } from 'vitest'
import type { SyncStatus } from '../../../../shared/customers'
import type { Core } from '../../../../electron/core'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle, SandboxOptions } from '../../../../electron/core/sandbox/types'
import { coreConnectedTo, openCore, syncStatusWhere, syncStopped } from '../../../bench/support/core'

/** A sandbox corp and a core connected to it through a saved profile, both closed after the test. */
export interface SyncHarness {
  sandbox: SandboxHandle
  /** The current core (see `reopen`). */
  core: Core
  dataDir: string
  profileId: string
  /** `core.invoke` that fails the test on an error answer. */
  call<T>(channel: string, input?: unknown): Promise<T>
  /** Starts (or resumes) a sync and waits until it stops. */
  syncToEnd(): Promise<SyncStatus>
  /** The profile's workspace database, for comparing with the sandbox's ground truth. */
  cache(options?: { readOnly?: boolean }): DatabaseSync
  /** Closes the core (as the app does on quit) and opens a new one on the same data folder. */
  reopen(): Promise<void>
}

const cleanups: Array<() => Promise<void> | void> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A small sandbox (fast to seed, no latency) with a core connected to it. */
export async function syncHarness(options: SandboxOptions = {}): Promise<SyncHarness> {
  const sandbox = await startSandbox({ customers: 1500, members: 30, groups: 25, ...options })
  cleanups.push(() => sandbox.close())
  const { core, dataDir, profileId } = await coreConnectedTo(sandbox)
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
  const databases: DatabaseSync[] = []
  const harness: SyncHarness = {
    sandbox,
    core,
    dataDir,
    profileId,
    call: async <T>(channel: string, input?: unknown): Promise<T> => {
      const result = await harness.core.invoke(channel, input)
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
      return result.data as T
    },
    syncToEnd: async () => {
      const stopped = syncStatusWhere(harness.core, syncStopped)
      await harness.call('customers:startSync')
      return stopped
    },
    cache: ({ readOnly = true } = {}) => {
      const db = new DatabaseSync(join(dataDir, 'workspaces', `${profileId}.sqlite`), { readOnly })
      databases.push(db)
      return db
    },
    reopen: async () => {
      await harness.core.close()
      harness.core = await openCore(dataDir)
    },
  }
  cleanups.push(() => harness.core.close())
  cleanups.push(() => databases.forEach((db) => db.close()))
  return harness
}

/** Resolves once `condition` holds, checking every few ms (for faults injected mid-sync). */
export async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('waitUntil: timed out')
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

const BATCH_PATH = 'externalcontact/batch/get_by_user'

/** Successful batch/get_by_user requests of the sandbox log. */
export function customerPageRequests(sandbox: SandboxHandle) {
  return sandbox.requestLog.filter((record) => record.path === BATCH_PATH && record.errcode === 0)
}

/**
 * No page of batch/get_by_user was answered twice: every (userid_list, cursor) appears once among
 * the successful requests from `fromRequest` on (a later sync starts over, as it should).
 */
export function expectNoPageFetchedTwice(sandbox: SandboxHandle, fromRequest = 0): void {
  const keys = customerPageRequests(sandbox)
    .slice(fromRequest)
    .map((record) => {
      const body = record.body as { userid_list: string[]; cursor?: string }
      return JSON.stringify([body.userid_list, body.cursor ?? ''])
    })
  expect(new Set(keys).size).toBe(keys.length)
}

/** The cache holds exactly the sandbox's live customers, follow relations and their tags. */
export function expectCacheMatchesCorp(sandbox: SandboxHandle, cache: DatabaseSync): void {
  const { state } = sandbox
  const liveCustomers = cache
    .prepare('SELECT external_userid AS id, name, follow_count AS followCount FROM customers WHERE gone_at IS NULL')
    .all() as Array<{ id: string; name: string; followCount: number }>
  expect(liveCustomers.map((c) => c.id).sort()).toEqual(state.customers.map((c) => c.externalUserid).sort())
  const byId = new Map(state.customers.map((c) => [c.externalUserid, c]))
  for (const row of liveCustomers) {
    const customer = byId.get(row.id)
    expect({ name: row.name, followCount: row.followCount }).toEqual({
      name: customer?.name,
      followCount: customer?.follows.length,
    })
  }
  const follows = cache
    .prepare(
      `SELECT f.external_userid AS id, f.userid, f.remark,
         coalesce((SELECT json_group_array(tag_id) FROM (SELECT tag_id FROM follow_tags t
           WHERE t.external_userid = f.external_userid AND t.userid = f.userid ORDER BY tag_id)), '[]') AS tags
       FROM follows f WHERE f.gone_at IS NULL ORDER BY f.external_userid, f.userid`,
    )
    .all() as Array<{ id: string; userid: string; remark: string; tags: string }>
  const expected = state.customers
    .flatMap((c) =>
      c.follows.map((f) => ({ id: c.externalUserid, userid: f.userid, remark: f.remark, tags: [...f.tagIds].sort() })),
    )
    .sort((a, b) => (a.id === b.id ? (a.userid < b.userid ? -1 : 1) : a.id < b.id ? -1 : 1))
  expect(follows.map((f) => ({ ...f, tags: JSON.parse(f.tags) as string[] }))).toEqual(expected)
}
