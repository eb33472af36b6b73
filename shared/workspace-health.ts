/** Why a workspace database was found damaged. */
export type WorkspaceDamageReason =
  /** SQLite's `quick_check` / `integrity_check` listed problems. */
  | 'integrity'
  /** SQLite does not take the file for a database any more (its header is damaged). */
  | 'corrupt'
  /** The main file is empty or missing while its write-ahead log (`-wal`) still holds data. */
  | 'missing_main_file'

/** A copy of the user's work (drafts, their media, the send journal) the core keeps on the side. */
export interface WorkspaceBackupInfo {
  /** When the copy was taken, ms since epoch. */
  takenAt: number
}

/** What a fresh start brought back from a copy. */
export interface WorkspaceRestoreSummary {
  /** When the copy it came from was taken, ms. */
  takenAt: number
  drafts: number
  localMedia: number
  sendJobs: number
  /** Recipient chunks that may have gone out after the copy: WeCom is asked before any resend. */
  chunksToCheck: number
}

/** The active workspace's state, for the damaged-workspace dialog. */
export interface WorkspaceHealth {
  profileId: string
  /**
   * `ok`: usable; `checking`: usable while a background integrity check runs (after an unclean
   * shutdown); `damaged`: moved aside, nothing is read or written until the user starts fresh.
   */
  state: 'ok' | 'checking' | 'damaged'
  damage?: {
    reason: WorkspaceDamageReason
    /** Where the database file was. */
    file: string
    /** The folder the damaged files were moved into (never deleted). */
    movedTo: string
    /** The files moved there (database, -wal, -shm, -journal that existed). */
    movedFiles: string[]
    /** Files that could not be moved (still at their place). */
    notMoved: string[]
    detectedAt: number
    /** What happened and what to do, in the user's language. */
    message: string
    hint: string
  }
  /** The newest copy a fresh start would restore from. */
  backup?: WorkspaceBackupInfo
  /** Set after a fresh start in this session: what came back. */
  restored?: WorkspaceRestoreSummary
}
