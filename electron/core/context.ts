import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../shared/result'
import { CoreEvents } from './events'
import type { Logger } from './log'
import { ConnectionService } from './services/profiles/connection'
import { ProfileService } from './services/profiles/profiles'
import { WorkspaceManager } from './store/manager'
import { ensurePrivateDir } from './store/private-files'
import type { SettingsStore } from './store/settings'
import type { SecretVault } from './store/vault'
import type { Workspace } from './store/workspace'

/** What every domain's handlers and services may use; built once by createCore. */
export interface CoreContext {
  log: Logger
  events: CoreEvents
  locale(): Locale
  profiles: ProfileService
  connection: ConnectionService
  workspaces: WorkspaceManager
  /** The active profile's id (the sandbox's when none is chosen). */
  activeProfileId(): string
  /** The active profile's workspace database. */
  workspace(): Workspace
  /** Registers work to stop when the core closes (timers, running jobs). */
  onClose(stop: () => Promise<void> | void): void
}

export interface CoreContextOptions {
  dataDir: string
  settings: SettingsStore
  vault: SecretVault
  log: Logger
  /** Address of the embedded sandbox corp, started on first use. */
  sandbox: () => Promise<{ url: string; corpid: string; secret: string }>
  /** How often the user's work is copied while it changes (default 5 minutes). */
  backupIntervalMs?: number
}

/**
 * Wires profiles, the connection, workspaces and events into a CoreContext. createCore builds the
 * handlers on top; tests that need a service with extra options build on the same wiring.
 */
export function createCoreContext(options: CoreContextOptions): {
  ctx: CoreContext
  setLocale(locale: Locale): void
  close(): Promise<void>
} {
  const { settings, log } = options
  const events = new CoreEvents()
  const stored = settings.get('locale')
  let locale: Locale =
    typeof stored === 'string' && (LOCALES as readonly string[]).includes(stored) ? (stored as Locale) : DEFAULT_LOCALE
  // The data folder is the user's alone (another local user of this computer must not read it).
  ensurePrivateDir(options.dataDir)
  const closers: Array<() => Promise<void> | void> = []
  const profiles = new ProfileService(settings, options.vault, log, options.sandbox)
  const workspaces = new WorkspaceManager(options.dataDir, {
    log,
    ...(options.backupIntervalMs === undefined ? {} : { backupIntervalMs: options.backupIntervalMs }),
    onHealthChanged: (profileId) => {
      if (profileId === profiles.activeId())
        events.emit('profiles:onWorkspaceHealth', workspaces.health(profileId, locale))
    },
  })
  // Check the active workspace in a worker now, so that its first use does not wait on the check.
  workspaces.prepare(profiles.activeId()).catch((error: unknown) => log.warn('workspace check failed', { error }))
  const connection = new ConnectionService({ profiles, events, log, locale: () => locale, workspaces })
  const ctx: CoreContext = {
    log,
    events,
    locale: () => locale,
    profiles,
    connection,
    workspaces,
    activeProfileId: () => profiles.activeId(),
    workspace: () => workspaces.forProfile(profiles.activeId()),
    onClose: (stop) => closers.push(stop),
  }
  return {
    ctx,
    /** Saves first, then switches: a failed save throws and leaves the language as it was. */
    setLocale: (next) => {
      settings.set('locale', next)
      locale = next
    },
    close: async () => {
      for (const stop of closers.reverse()) await stop()
      // A last copy of the user's work changed since the previous one, then a clean close.
      await workspaces.close()
    },
  }
}
