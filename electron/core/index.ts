import { contract, type Handlers } from '../../shared/contract'
import { SANDBOX_PROFILE_ID, type SecretProtection } from '../../shared/profiles'
import { DEFAULT_LOCALE, LOCALES, type Locale, type Result } from '../../shared/result'
import { createDispatcher } from './api/dispatch'
import { appHandlers } from './api/handlers/app'
import { audienceHandlers } from './api/handlers/audience'
import { campaignsHandlers } from './api/handlers/campaigns'
import { customersHandlers } from './api/handlers/customers'
import { draftsHandlers } from './api/handlers/drafts'
import { groupsHandlers } from './api/handlers/groups'
import { massMessagesHandlers } from './api/handlers/massMessages'
import { profileHandlers } from './api/handlers/profiles'
import { syncHandlers } from './api/handlers/sync'
import { tagsHandlers } from './api/handlers/tags'
import type { CoreContext } from './context'
import { CoreEvents } from './events'
import { createLogger, type Logger } from './log'
import { startSandbox } from './sandbox'
import type { SandboxHandle, SandboxOptions } from './sandbox/types'
import { ConnectionService } from './services/connection'
import { ProfileService } from './services/profiles'
import { WorkspaceManager } from './store/manager'
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
}

/** What a shell needs from the core: one entry point for calls, the event stream, shutdown. */
export interface Core {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  events: CoreEvents
  locale(): Locale
  close(): Promise<void>
}

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/**
 * Builds the Electron-free core: services behind the contract's handler table. Both shells (the
 * Electron main process and the browser shell) run exactly this.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const { settings, vault } = options
  const log = options.log ?? createLogger()
  const events = new CoreEvents()
  const storedLocale = settings.get('locale')
  let locale: Locale = isLocale(storedLocale) ? storedLocale : DEFAULT_LOCALE
  const workspaces = new WorkspaceManager(options.dataDir)
  const closers: Array<() => Promise<void> | void> = []

  let sandbox: Promise<SandboxHandle> | undefined
  const embeddedSandbox = () => (sandbox ??= startSandbox({ port: 0, ...options.sandbox }))

  const profiles = new ProfileService(settings, vault, log, embeddedSandbox)
  const connection = new ConnectionService({ profiles, events, log, locale: () => locale, workspaces })
  const ctx: CoreContext = {
    log,
    events,
    locale: () => locale,
    profiles,
    connection,
    workspaces,
    activeProfileId: () => profiles.activeId(),
    workspace: () => workspaces.forProfile(profiles.activeId() || SANDBOX_PROFILE_ID),
    onClose: (stop) => closers.push(stop),
  }

  const handlers: Handlers = {
    app: appHandlers(ctx, {
      version: options.version,
      shell: options.shell,
      secretProtection: vault.protection as SecretProtection,
      setLocale: (next) => {
        locale = next
        settings.set('locale', next)
      },
    }),
    profiles: profileHandlers(ctx),
    sync: syncHandlers(ctx),
    customers: customersHandlers(ctx),
    tags: tagsHandlers(ctx),
    groups: groupsHandlers(ctx),
    audience: audienceHandlers(ctx),
    drafts: draftsHandlers(ctx),
    campaigns: campaignsHandlers(ctx),
    massMessages: massMessagesHandlers(ctx),
  }

  const invoke = createDispatcher(contract, handlers, { locale: () => locale, log })
  void connection.activate()

  return {
    invoke,
    events,
    locale: () => locale,
    close: async () => {
      for (const stop of closers.reverse()) await stop()
      workspaces.closeAll()
      if (sandbox) await (await sandbox).close()
    },
  }
}
