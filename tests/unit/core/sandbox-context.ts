import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SyncStatus } from '../../../shared/customers'
import { SANDBOX_PROFILE_ID } from '../../../shared/profiles'
import { createCoreContext, type CoreContext } from '../../../electron/core/context'
import { createLogger } from '../../../electron/core/log'
import type { SandboxHandle } from '../../../electron/core/sandbox/types'
import { SyncService } from '../../../electron/core/services/customers/sync'
import { JsonFileSettings } from '../../../electron/core/store/settings'
import { LocalFileVault } from '../../../electron/core/store/vault'

const SYNC_ENDED = new Set<SyncStatus['state']>(['done', 'failed', 'cancelled'])

/** Where the embedded sandbox profile points: a sandbox started by the test or the bench, so its request log can be read. */
export type SandboxAddress = Pick<SandboxHandle, 'url' | 'corpid' | 'secret'>

/** A core context on the built-in sandbox profile, as createCore builds it, before it connects. */
export interface SandboxContext {
  ctx: CoreContext
  /** Every payload sent on `channel` from now on, in order (the array fills as events arrive). */
  collect<T>(channel: string): T[]
  /** Fills the customer cache through the real sync (`customers:startSync`); resolves when it has finished. */
  syncCache(): Promise<SyncStatus>
  /** Closes like the app does on quit (services stop, workspaces close). */
  close(): Promise<void>
}

/** A fresh temporary data folder. */
export function tempDataDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/**
 * Builds the core context createCore builds (profiles, connection, workspaces, events) over
 * `dataDir`, with the built-in sandbox profile active and pointing at `sandbox`, in English.
 * Start the services under test on `ctx`, then `ctx.connection.activate()` as the app does.
 */
export function openSandboxContext(dataDir: string, sandbox: SandboxAddress): SandboxContext {
  const { ctx, close, setLocale } = createCoreContext({
    dataDir,
    settings: new JsonFileSettings(join(dataDir, 'settings.json')),
    vault: new LocalFileVault(dataDir),
    log: createLogger(),
    sandbox: async () => sandbox,
  })
  ctx.profiles.setActive(SANDBOX_PROFILE_ID)
  setLocale('en')
  const sync = new SyncService(ctx)
  ctx.onClose(() => sync.close())
  return {
    ctx,
    collect: <T>(channel: string) => {
      const payloads: T[] = []
      ctx.events.subscribe((sent, payload) => {
        if (sent === channel) payloads.push(payload as T)
      })
      return payloads
    },
    syncCache: () =>
      new Promise((resolve) => {
        const unsubscribe = ctx.events.subscribe((channel, payload) => {
          const status = payload as SyncStatus
          if (channel !== 'customers:onSyncProgress' || !SYNC_ENDED.has(status.state)) return
          unsubscribe()
          resolve(status)
        })
        void sync.start()
      }),
    close,
  }
}
