import type { Locale } from '../../shared/result'
import type { CoreEvents } from './events'
import type { Logger } from './log'
import type { ConnectionService } from './services/connection'
import type { ProfileService } from './services/profiles'
import type { WorkspaceManager } from './store/manager'
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
