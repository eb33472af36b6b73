import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SyncStatus } from '../../../shared/customers'
import { createCore, type Core } from '../../../electron/core'
import type { Logger } from '../../../electron/core/log'
import type { SandboxHandle } from '../../../electron/core/sandbox/types'
import { JsonFileSettings } from '../../../electron/core/store/settings'
import { LocalFileVault } from '../../../electron/core/store/vault'

/** A core over `dataDir` as the browser shell builds it: settings and secrets in files there. */
export function openCore(dataDir: string, log?: Logger): Promise<Core> {
  return createCore({
    dataDir,
    ...(log ? { log } : {}),
    shell: 'browser',
    version: 'test',
    settings: new JsonFileSettings(join(dataDir, 'settings.json')),
    vault: new LocalFileVault(dataDir),
    // The built-in demo corp connects at start-up; keep it tiny, the caller uses its own sandbox.
    sandbox: { customers: 0, members: 1, groups: 0 },
  })
}

/**
 * A core on a fresh data folder (`dataDir`, else a new temporary one), connected to `sandbox`
 * through a saved, activated profile: the way a user connects a corp. `log` receives the core's log.
 */
export async function coreConnectedTo(
  sandbox: Pick<SandboxHandle, 'url' | 'corpid' | 'secret'>,
  options: { dataDir?: string; log?: Logger } = {},
): Promise<{ core: Core; dataDir: string; profileId: string }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wecom-sync-'))
  const core = await openCore(dataDir, options.log)
  const saved = await core.invoke('profiles:save', {
    name: 'sync',
    corpid: sandbox.corpid,
    secret: sandbox.secret,
    baseUrl: sandbox.url,
  })
  if (!saved.ok) throw new Error(`profiles:save failed: ${saved.error.message}`)
  const profileId = (saved.data as { id: string }).id
  const activated = await core.invoke('profiles:activate', { id: profileId })
  if (!activated.ok) throw new Error(`profiles:activate failed: ${activated.error.message}`)
  return { core, dataDir, profileId }
}

/** Resolves with the first sync status `until` accepts, from the core's progress events. */
export function syncStatusWhere(core: Core, until: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const unsubscribe = core.events.subscribe((channel, payload) => {
      if (channel !== 'customers:onSyncProgress' || !until(payload as SyncStatus)) return
      unsubscribe()
      resolve(payload as SyncStatus)
    })
  })
}

/** A sync that stopped: done, cancelled or failed. */
export const syncStopped = (status: SyncStatus) =>
  status.state === 'done' || status.state === 'cancelled' || status.state === 'failed'
