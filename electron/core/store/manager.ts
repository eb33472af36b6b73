import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { assertProfileId } from './profile-id'
import { openWorkspace, type Workspace, type WorkspaceOptions } from './workspace'

/** Files SQLite keeps next to a database: the WAL, its shared-memory index, a rollback journal. */
const SIDECAR_SUFFIXES = ['-wal', '-shm', '-journal'] as const

/**
 * Owns the per-profile workspace databases under `<dataDir>/workspaces/`: opens each at most once
 * and keeps it open until it is closed or deleted.
 */
export class WorkspaceManager {
  private readonly openWorkspaces = new Map<string, Workspace>()

  constructor(
    readonly dataDir: string,
    private readonly options: WorkspaceOptions = {},
  ) {}

  /** The database file of a profile, `<dataDir>/workspaces/<profileId>.sqlite`. */
  pathFor(profileId: string): string {
    assertProfileId(profileId)
    return join(this.dataDir, 'workspaces', `${profileId}.sqlite`)
  }

  /** The profile's open workspace, opening (and migrating) it on first use. */
  forProfile(profileId: string): Workspace {
    const cached = this.openWorkspaces.get(profileId)
    if (cached?.isOpen) return cached
    const workspace = openWorkspace(this.pathFor(profileId), this.options)
    this.openWorkspaces.set(profileId, workspace)
    return workspace
  }

  /** Closes the profile's workspace if it is open; the next `forProfile` reopens it. */
  closeProfile(profileId: string): void {
    assertProfileId(profileId)
    this.openWorkspaces.get(profileId)?.close()
    this.openWorkspaces.delete(profileId)
  }

  /** Closes the profile's workspace and removes its database file and SQLite side files. */
  deleteProfile(profileId: string): void {
    const filePath = this.pathFor(profileId)
    this.closeProfile(profileId)
    for (const path of [filePath, ...SIDECAR_SUFFIXES.map((suffix) => filePath + suffix)]) {
      rmSync(path, { force: true })
    }
  }

  /** Closes every open workspace, e.g. when the app quits. */
  closeAll(): void {
    for (const workspace of this.openWorkspaces.values()) workspace.close()
    this.openWorkspaces.clear()
  }
}
