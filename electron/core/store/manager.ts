import fs from 'node:fs'
import { join } from 'node:path'
import type { Locale } from '../../../shared/result'
import type { WorkspaceHealth, WorkspaceRestoreSummary } from '../../../shared/workspace-health'
import type { Logger } from '../log'
import {
  backupPaths,
  checkedBackups,
  existingBackups,
  restoreUserWork,
  takeBackup,
  trackUserWork,
  type BackupCopy,
} from './backup'
import {
  databaseFiles,
  moveAside,
  readDamageRecord,
  removeDamageRecord,
  WorkspaceDamagedError,
  writeDamageRecord,
  type WorkspaceDamage,
} from './damage'
import {
  damageReasonOf,
  isDamageErrcode,
  startIntegrityCheck,
  type IntegrityReport,
  type RunningIntegrityCheck,
} from './integrity'
import { ensurePrivateDir, ensurePrivateFile } from './private-files'
import { assertProfileId } from './profile-id'
import { assertMainFileBesideWal, openWorkspace, type Workspace, type WorkspaceOptions } from './workspace'

/** Copy the user's work this often while it changes (`WorkspaceManagerOptions.backupIntervalMs`). */
export const DEFAULT_BACKUP_INTERVAL_MS = 5 * 60_000

export interface WorkspaceManagerOptions extends WorkspaceOptions {
  /**
   * A copy of the user's work (drafts, their media, the send journal) is taken this often, when it
   * changed since the last copy: a damaged workspace loses at most this much of it. 0: no timer
   * (copies only through `backupNow`). Default 5 minutes.
   */
  backupIntervalMs?: number
  now?: () => number
  log?: Logger
  /** Called when a profile's health changes in the background (damage found, fresh start). */
  onHealthChanged?: (profileId: string) => void
}

/** What the manager knows about one profile's workspace. */
interface Slot {
  workspace?: Workspace
  /** The `quick_check` running in a worker before the workspace is opened (`prepare`). */
  precheck?: RunningIntegrityCheck
  /** The precheck passed: the next open need not check again. */
  verified: boolean
  /** The `integrity_check` running after an unclean shutdown. */
  background?: RunningIntegrityCheck
  /** The user's work changed since the last copy. */
  dirty: boolean
  timer?: NodeJS.Timeout
  backup?: Promise<void>
  restored?: WorkspaceRestoreSummary
  /** Damage found while open, until the files are moved: nothing may use the workspace meanwhile. */
  pendingDamage?: WorkspaceDamage
  /** The newest copy on disk (null: none), read once and then kept up to date by `backupNow`. */
  copy?: BackupCopy | null
}

const silentLog: Pick<Logger, 'info' | 'warn' | 'error'> = { info() {}, warn() {}, error() {} }

/**
 * Owns the per-profile workspace databases under `<dataDir>/workspaces/`: opens each at most once
 * and keeps it open until it is closed or deleted.
 *
 * Damaged workspaces: before a workspace is opened its file is checked (`quick_check`, in a worker
 * when `prepare` is used; an empty main file beside a non-empty WAL counts as damaged); after an
 * unclean shutdown a full `integrity_check` runs in a worker while the workspace is used. A damaged
 * workspace is moved, unchanged, to `<dataDir>/workspaces/damaged/<profileId>-<time>/`, recorded
 * (so it stays damaged across restarts) and answered with `workspace_damaged` until the user agrees
 * to `startFresh`, which restores the user's work from the newest good copy in
 * `<dataDir>/workspaces/backups/`.
 *
 * Everything it creates is owner-only: folders 0700, files 0600.
 */
export class WorkspaceManager {
  /** Damage reported by a failing call, being moved aside (concurrent calls share one move). */
  private readonly reportingDamage = new Map<string, Promise<WorkspaceDamagedError>>()
  private readonly slots = new Map<string, Slot>()
  private readonly now: () => number
  private readonly log: Pick<Logger, 'info' | 'warn' | 'error'>
  private readonly backupIntervalMs: number

  constructor(
    readonly dataDir: string,
    private readonly options: WorkspaceManagerOptions = {},
  ) {
    this.now = options.now ?? Date.now
    this.log = options.log ?? silentLog
    this.backupIntervalMs = options.backupIntervalMs ?? DEFAULT_BACKUP_INTERVAL_MS
  }

  private get workspacesDir(): string {
    return join(this.dataDir, 'workspaces')
  }

  /** The database file of a profile, `<dataDir>/workspaces/<profileId>.sqlite`. */
  pathFor(profileId: string): string {
    assertProfileId(profileId)
    return join(this.workspacesDir, `${profileId}.sqlite`)
  }

  /** The newest copy of a profile's work, `<dataDir>/workspaces/backups/<profileId>.sqlite` (the one before: `.previous.sqlite`). */
  backupPathFor(profileId: string): string {
    assertProfileId(profileId)
    return join(this.workspacesDir, 'backups', `${profileId}.sqlite`)
  }

  /** Where damaged workspaces are moved: `<dataDir>/workspaces/damaged/`. */
  get damagedDir(): string {
    return join(this.workspacesDir, 'damaged')
  }

  /** Written when a workspace opens, removed when it closes cleanly: found at open = unclean shutdown. */
  private markerPath(profileId: string): string {
    return `${this.pathFor(profileId)}.in-use`
  }

  private slot(profileId: string): Slot {
    let slot = this.slots.get(profileId)
    if (slot === undefined) {
      slot = { verified: false, dirty: false }
      this.slots.set(profileId, slot)
    }
    return slot
  }

  /**
   * The profile's open workspace, opening (and migrating) it on first use. Throws
   * `workspace_damaged` for a damaged workspace (moved aside) until the user starts fresh.
   *
   * Call `prepare` first where possible: it checks the file in a worker. Without it the check runs
   * here, on the calling thread; with it still running, this waits for its remaining time.
   */
  forProfile(profileId: string): Workspace {
    const filePath = this.pathFor(profileId)
    const slot = this.slot(profileId)
    if (slot.pendingDamage) throw this.damagedError(profileId, slot.pendingDamage)
    if (slot.workspace?.isOpen) return slot.workspace
    this.assertNotDamaged(profileId)
    if (slot.precheck) {
      const check = slot.precheck
      slot.precheck = undefined
      this.applyPrecheck(profileId, check.waitSync())
      this.assertNotDamaged(profileId)
    }
    ensurePrivateDir(this.dataDir)
    ensurePrivateDir(this.workspacesDir)
    const unclean = fs.existsSync(this.markerPath(profileId))
    let workspace: Workspace
    try {
      workspace = openWorkspace(filePath, { ...this.options, integrityCheck: slot.verified ? 'skip' : 'quick' })
    } catch (error) {
      if (error instanceof WorkspaceDamagedError) throw this.recordDamage(profileId, error.damage)
      throw error
    } finally {
      slot.verified = false
    }
    this.adopt(profileId, workspace)
    if (unclean) this.startBackgroundCheck(profileId)
    return workspace
  }

  /** Starts tracking, the copy timer and the unclean-shutdown marker of a freshly opened workspace. */
  private adopt(profileId: string, workspace: Workspace): void {
    const slot = this.slot(profileId)
    slot.workspace = workspace
    const marker = this.markerPath(profileId)
    ensurePrivateFile(marker)
    fs.writeFileSync(marker, `${JSON.stringify({ pid: process.pid, openedAt: this.now() })}\n`)
    trackUserWork(workspace.db, () => (slot.dirty = true))
    if (this.backupIntervalMs > 0 && slot.timer === undefined) {
      slot.timer = setInterval(() => {
        if (slot.dirty && slot.backup === undefined && slot.workspace?.isOpen) void this.backupNow(profileId)
      }, this.backupIntervalMs)
      slot.timer.unref()
    }
  }

  /**
   * Checks the profile's workspace file in a worker thread (never holding the event loop), so the
   * `forProfile` that follows opens it without checking again. Damage is recorded (files moved
   * aside) here. Never throws; a no-op when the workspace is open, damaged, or being checked.
   */
  async prepare(profileId: string): Promise<void> {
    const filePath = this.pathFor(profileId)
    const slot = this.slot(profileId)
    if (slot.workspace?.isOpen || slot.verified || readDamageRecord(filePath)) return
    if (slot.precheck) {
      await slot.precheck.report
      return
    }
    try {
      assertMainFileBesideWal(filePath)
    } catch (error) {
      if (!(error instanceof WorkspaceDamagedError)) throw error
      this.recordDamage(profileId, error.damage)
      return
    }
    if (!fs.existsSync(filePath) || fs.statSync(filePath).size === 0) return // new: nothing to check
    const check = startIntegrityCheck(filePath, 'quick_check')
    slot.precheck = check
    const report = await check.report
    if (slot.precheck !== check) return // forProfile took it over
    slot.precheck = undefined
    this.applyPrecheck(profileId, report)
  }

  private applyPrecheck(profileId: string, report: IntegrityReport): void {
    this.log.info('workspace quick_check', { profileId, verdict: report.verdict, ms: Math.round(report.elapsedMs) })
    if (report.verdict === 'ok') this.slot(profileId).verified = true
    else if (report.verdict === 'damaged') {
      this.recordDamage(profileId, {
        reason: damageReasonOf(report),
        filePath: this.pathFor(profileId),
        problems: report.problems,
        detectedAt: this.now(),
        movedFiles: [],
        notMoved: [],
      })
    }
    // Inconclusive (locked, no permission): the open that follows explains it.
  }

  /** After an unclean shutdown: the full `integrity_check`, in a worker, while the workspace is used. */
  private startBackgroundCheck(profileId: string): void {
    const slot = this.slot(profileId)
    if (slot.background) return
    const check = startIntegrityCheck(this.pathFor(profileId), 'integrity_check')
    slot.background = check
    this.options.onHealthChanged?.(profileId)
    void check.report.then(async (report) => {
      if (slot.background !== check) return
      slot.background = undefined
      this.log.info('workspace integrity_check after an unclean shutdown', {
        profileId,
        verdict: report.verdict,
        ms: Math.round(report.elapsedMs),
      })
      if (report.verdict === 'damaged') {
        await this.damageFound(profileId, {
          reason: 'integrity',
          filePath: this.pathFor(profileId),
          problems: report.problems,
          detectedAt: this.now(),
          movedFiles: [],
          notMoved: [],
        })
      } else {
        this.options.onHealthChanged?.(profileId)
      }
    })
  }

  /** Damage found while the workspace is open: stop using it, then move it aside and say so. */
  private async damageFound(profileId: string, damage: WorkspaceDamage): Promise<WorkspaceDamagedError> {
    const slot = this.slot(profileId)
    slot.pendingDamage = damage // from now on every use is refused
    this.stopTimers(slot)
    let answer: WorkspaceDamagedError
    try {
      await slot.backup // a copy in progress reads the file: let it end (it is checked before use)
      slot.workspace?.close()
      slot.workspace = undefined
      answer = this.recordDamage(profileId, damage)
    } finally {
      slot.pendingDamage = undefined
    }
    this.options.onHealthChanged?.(profileId)
    return answer
  }

  /**
   * A call hit a damaged page after the workspace opened (SQLite answered SQLITE_CORRUPT or
   * SQLITE_NOTADB): stop using it at once, move it aside like damage found on open, and return the
   * `workspace_damaged` answer for that call. Undefined when the error is not damage.
   */
  async reportDamage(profileId: string, error: unknown): Promise<WorkspaceDamagedError | undefined> {
    const errcode = (error as { errcode?: unknown } | null)?.errcode
    if (typeof errcode !== 'number' || !isDamageErrcode(errcode)) return undefined
    const inFlight = this.reportingDamage.get(profileId)
    if (inFlight) return inFlight
    const slot = this.slot(profileId)
    if (!slot.workspace?.isOpen) {
      // Another call already moved it aside: answer with what was recorded.
      try {
        this.assertNotDamaged(profileId)
      } catch (damaged) {
        if (damaged instanceof WorkspaceDamagedError) return damaged
      }
      return undefined
    }
    const reporting = this.damageFound(profileId, {
      reason: 'integrity',
      filePath: this.pathFor(profileId),
      problems: [error instanceof Error ? error.message : String(error)],
      detectedAt: this.now(),
      movedFiles: [],
      notMoved: [],
    }).finally(() => this.reportingDamage.delete(profileId))
    this.reportingDamage.set(profileId, reporting)
    return reporting
  }

  /** Moves the files aside, keeps the record, and returns the error the user sees. */
  private recordDamage(profileId: string, found: WorkspaceDamage): WorkspaceDamagedError {
    const filePath = this.pathFor(profileId)
    fs.rmSync(this.markerPath(profileId), { force: true })
    const damage = moveAside(found, this.damagedDir, profileId)
    writeDamageRecord(filePath, damage)
    this.log.error('workspace damaged: moved aside', {
      profileId,
      reason: damage.reason,
      movedTo: damage.movedTo,
      notMoved: damage.notMoved,
      problems: damage.problems.slice(0, 5),
    })
    return this.damagedError(profileId, damage)
  }

  private damagedError(profileId: string, damage: WorkspaceDamage): WorkspaceDamagedError {
    return new WorkspaceDamagedError(damage, this.latestCopy(profileId)?.takenAt, this.now())
  }

  /** The newest copy of the profile's work, if any (read from disk once per profile). */
  private latestCopy(profileId: string): BackupCopy | undefined {
    const slot = this.slot(profileId)
    if (slot.copy === undefined) slot.copy = existingBackups(this.backupPathFor(profileId))[0] ?? null
    return slot.copy ?? undefined
  }

  private assertNotDamaged(profileId: string): void {
    const damage = readDamageRecord(this.pathFor(profileId))
    if (damage) throw this.damagedError(profileId, damage)
  }

  /** The profile's workspace state, for the damaged-workspace dialog; messages in `locale`. */
  health(profileId: string, locale: Locale): WorkspaceHealth {
    const filePath = this.pathFor(profileId)
    const slot = this.slots.get(profileId)
    const damage = readDamageRecord(filePath)
    const copy = this.latestCopy(profileId)
    const health: WorkspaceHealth = {
      profileId,
      state: damage ? 'damaged' : slot?.precheck || slot?.background ? 'checking' : 'ok',
    }
    if (damage) {
      const error = this.damagedError(profileId, damage).toApiError(locale)
      health.damage = {
        reason: damage.reason,
        file: damage.filePath,
        movedTo: damage.movedTo ?? '',
        movedFiles: damage.movedFiles,
        notMoved: damage.notMoved,
        detectedAt: damage.detectedAt,
        message: error.message,
        hint: error.hint ?? '',
      }
    }
    if (copy) health.backup = { takenAt: copy.takenAt }
    if (slot?.restored) health.restored = slot.restored
    return health
  }

  /**
   * Copies the profile's open workspace to its backup now (the timer calls this while the user's
   * work changes). Resolves with the copy, or undefined when nothing was copied (not open, or the
   * copy failed: logged, and tried again at the next tick). A copy that fails its check starts an
   * `integrity_check` of the workspace itself.
   */
  async backupNow(profileId: string): Promise<BackupCopy | undefined> {
    const slot = this.slot(profileId)
    if (slot.backup) await slot.backup
    if (!slot.workspace?.isOpen) return undefined
    slot.dirty = false
    let copy: BackupCopy | undefined
    const run = (async () => {
      try {
        const result = await takeBackup(this.pathFor(profileId), this.backupPathFor(profileId), this.now)
        if ('copy' in result) {
          copy = result.copy
          slot.copy = result.copy
        } else {
          slot.dirty = true
          this.log.error('workspace copy failed its check; checking the workspace', {
            profileId,
            problems: result.damaged.problems.slice(0, 5),
          })
          if (slot.workspace?.isOpen) this.startBackgroundCheck(profileId)
        }
      } catch (error) {
        slot.dirty = true
        this.log.warn('workspace copy failed', { profileId, error })
      }
    })()
    slot.backup = run
    try {
      await run
    } finally {
      slot.backup = undefined
    }
    return copy
  }

  /**
   * The user agreed to start over: a new, empty workspace in place of the damaged one, with the
   * user's work restored from the newest good copy (if any). The damaged files stay where they were
   * moved. A no-op for a workspace that is not damaged.
   */
  async startFresh(profileId: string): Promise<WorkspaceRestoreSummary | undefined> {
    const filePath = this.pathFor(profileId)
    let damage = readDamageRecord(filePath)
    if (!damage) return this.slots.get(profileId)?.restored
    // Anything still (or again) at the workspace's place is moved aside too, never overwritten.
    if (databaseFiles(filePath).some((path) => fs.existsSync(path))) {
      damage = moveAside(damage, this.damagedDir, profileId)
      writeDamageRecord(filePath, damage)
      if (damage.notMoved.length > 0) throw this.damagedError(profileId, damage)
    }
    const { usable, failures } = await checkedBackups(existingBackups(this.backupPathFor(profileId)))
    ensurePrivateDir(this.dataDir)
    ensurePrivateDir(this.workspacesDir)
    const workspace = openWorkspace(filePath, { ...this.options, integrityCheck: 'skip' })
    let restored: WorkspaceRestoreSummary | undefined
    try {
      const result = restoreUserWork(workspace.db, usable, this.now())
      failures.push(...result.failures)
      restored = result.restored
    } catch (error) {
      workspace.close()
      throw error
    }
    if (failures.length > 0) this.log.warn('workspace copies not restored', { profileId, failures })
    this.log.info('workspace started fresh', { profileId, restored })
    removeDamageRecord(filePath)
    const slot = this.slot(profileId)
    if (restored) slot.restored = restored
    this.adopt(profileId, workspace)
    // Copy the restored work soon, from the new workspace.
    slot.dirty = restored !== undefined
    this.options.onHealthChanged?.(profileId)
    return restored
  }

  private stopTimers(slot: Slot): void {
    if (slot.timer) clearInterval(slot.timer)
    slot.timer = undefined
    for (const check of [slot.precheck, slot.background]) if (check) void check.stop()
    slot.precheck = undefined
    slot.background = undefined
  }

  /** Closes the profile's workspace if it is open; the next `forProfile` reopens it. */
  closeProfile(profileId: string): void {
    assertProfileId(profileId)
    const slot = this.slots.get(profileId)
    if (slot === undefined) return
    this.stopTimers(slot)
    if (slot.workspace) {
      slot.workspace.close()
      slot.workspace = undefined
      fs.rmSync(this.markerPath(profileId), { force: true })
    }
  }

  /**
   * Closes the profile's workspace and removes its database file, its SQLite side files and its
   * copies. Damaged workspaces moved aside are kept (they are only ever removed by the user).
   */
  deleteProfile(profileId: string): void {
    const filePath = this.pathFor(profileId)
    this.closeProfile(profileId)
    this.slots.delete(profileId)
    const { latest, previous } = backupPaths(this.backupPathFor(profileId))
    for (const path of [...databaseFiles(filePath), ...databaseFiles(latest), ...databaseFiles(previous)]) {
      fs.rmSync(path, { force: true })
    }
    fs.rmSync(this.markerPath(profileId), { force: true })
    removeDamageRecord(filePath)
  }

  /** Closes every open workspace at once, e.g. when the app quits (prefer `close`). */
  closeAll(): void {
    for (const profileId of [...this.slots.keys()]) this.closeProfile(profileId)
  }

  /** Takes a last copy of work changed since the previous one, then closes every workspace. */
  async close(): Promise<void> {
    for (const [profileId, slot] of this.slots) {
      this.stopTimers(slot)
      if (slot.dirty) await this.backupNow(profileId)
      else await slot.backup
    }
    this.closeAll()
  }
}
