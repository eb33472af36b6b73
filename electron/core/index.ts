import { contract, type Handlers } from '../../shared/contract'
import { DEFAULT_LOCALE, LOCALES, type Locale, type Result } from '../../shared/result'
import type { SecretProtection } from '../../shared/profiles'
import { createDispatcher } from './api/dispatch'
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

  let sandbox: Promise<SandboxHandle> | undefined
  const embeddedSandbox = () => (sandbox ??= startSandbox({ port: 0, ...options.sandbox }))

  const profiles = new ProfileService(settings, vault, log, embeddedSandbox)
  const connection = new ConnectionService({ profiles, events, log, locale: () => locale, workspaces })
  const publishProfiles = async () => events.emit('profiles:onChanged', await profiles.list(locale))
  const summaryOf = async (id: string) => (await profiles.list(locale)).find((p) => p.id === id)!

  const handlers: Handlers = {
    app: {
      getInfo: async () => ({
        version: options.version,
        shell: options.shell,
        locale,
        secretProtection: vault.protection as SecretProtection,
      }),
      setLocale: async (input) => {
        locale = input.locale
        settings.set('locale', locale)
        return { locale }
      },
      getStatus: async () => connection.status(),
    },
    profiles: {
      list: async () => profiles.list(locale),
      save: async (input) => {
        const saved = await profiles.save(input)
        await publishProfiles()
        if (profiles.activeId() === saved.id) void connection.activate()
        return summaryOf(saved.id)
      },
      remove: async ({ id }) => {
        const wasActive = profiles.activeId() === id
        await profiles.remove(id)
        workspaces.deleteProfile(id)
        await publishProfiles()
        if (wasActive) void connection.activate()
        return { id }
      },
      activate: async ({ id }) => {
        profiles.setActive(id)
        await publishProfiles()
        return connection.activate()
      },
      testConnection: async ({ id }) => connection.test(id),
    },
  }

  const invoke = createDispatcher(contract, handlers, { locale: () => locale, log })
  void connection.activate()

  return {
    invoke,
    events,
    locale: () => locale,
    close: async () => {
      workspaces.closeAll()
      if (sandbox) await (await sandbox).close()
    },
  }
}
