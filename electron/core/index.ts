import { contract, type Handlers } from '../../shared/contract'
import type { SecretProtection } from '../../shared/profiles'
import type { Locale, Result } from '../../shared/result'
import { createDispatcher } from './api/dispatch'
import { createCoreContext } from './context'
import type { CoreEvents } from './events'
import { appHandlers, type FolderOpener, type UpdatesPort } from './api/handlers/app'
import { customersHandlers } from './api/handlers/customers'
import { massMessagesHandlers } from './api/handlers/massMessages'
import { momentsHandlers } from './api/handlers/moments'
import { statisticsHandlers } from './api/handlers/statistics'
import { welcomeTemplatesHandlers } from './api/handlers/welcomeTemplates'
import { profileHandlers } from './api/handlers/profiles'
import { createLogger, type Logger } from './log'
import { startSandbox } from './sandbox'
import type { SandboxHandle, SandboxOptions } from './sandbox/types'
import type { SettingsStore } from './store/settings'
import type { SecretVault } from './store/vault'

export interface CoreOptions {
  /** The app's data folder: workspaces, logs. */
  dataDir: string
  shell: 'electron' | 'browser'
  version: string
  settings: SettingsStore
  vault: SecretVault
  log?: Logger
  /** Options of the embedded sandbox corp (started on first use). */
  sandbox?: SandboxOptions
  /** How often drafts and the send journal are copied aside while they change (default 5 minutes). */
  backupIntervalMs?: number
  /** The desktop app's updater (electron/main); the browser shell has none, and says so. */
  updates?: UpdatesPort
  /** Opens folders in the file manager (Settings → open the log folder); without it the page offers the path. */
  folders?: FolderOpener
}

export type { FolderOpener, UpdatesPort }

/** What a shell needs from the core: one entry point for calls, the event stream, shutdown. */
export interface Core {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  events: CoreEvents
  locale(): Locale
  close(): Promise<void>
}

/**
 * Builds the Electron-free core: services behind the contract's handler table. Both shells (the
 * Electron main process and the browser shell) run exactly this.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const { vault } = options
  const log = options.log ?? createLogger()
  let sandbox: Promise<SandboxHandle> | undefined
  const { ctx, setLocale, close } = createCoreContext({
    dataDir: options.dataDir,
    settings: options.settings,
    vault,
    log,
    sandbox: () => (sandbox ??= startSandbox({ port: 0, ...options.sandbox })),
    ...(options.backupIntervalMs === undefined ? {} : { backupIntervalMs: options.backupIntervalMs }),
  })
  const { connection, events } = ctx

  const handlers: Handlers = {
    app: appHandlers(ctx, {
      version: options.version,
      shell: options.shell,
      secretProtection: vault.protection as SecretProtection,
      setLocale,
      ...(options.updates ? { updates: options.updates } : {}),
      ...(options.folders ? { folders: options.folders } : {}),
    }),
    profiles: profileHandlers(ctx),
    customers: customersHandlers(ctx),
    massMessages: massMessagesHandlers(ctx),
    moments: momentsHandlers(ctx),
    welcomeTemplates: welcomeTemplatesHandlers(ctx),
    statistics: statisticsHandlers(ctx),
  }

  const invoke = createDispatcher(contract, handlers, {
    locale: ctx.locale,
    log,
    // A page found damaged after open moves the workspace aside at once, like damage found on open.
    translateFailure: (error) => ctx.workspaces.reportDamage(ctx.profiles.activeId(), error),
  })
  const stopUpdateEvents = options.updates?.subscribe((state) => events.emit('app:onUpdateState', state))
  void connection.activate()

  return {
    invoke,
    events,
    locale: ctx.locale,
    close: async () => {
      stopUpdateEvents?.()
      await close()
      if (sandbox) await (await sandbox).close()
    },
  }
}
