import { mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { AppError, text } from '../errors'
import { databaseFiles, WorkspaceDamagedError } from './damage'
import { damageReasonOf, isDamageErrcode, runIntegrityCheck } from './integrity'
import { ensurePrivateFile, PRIVATE_DIR_MODE, restrictFiles } from './private-files'
import { AuditLogRepository } from './repositories/audit-log'
import { KeyValueRepository } from './repositories/key-value'
import { assertNotNewer, migrate, MIGRATIONS, type Migration } from './migrations'
import { runInTransaction } from './transaction'

/** Options for `openWorkspace`; the defaults suit the app. */
export interface WorkspaceOptions {
  /** How long a statement waits for another connection's lock before failing, in ms. Default 5000. */
  busyTimeoutMs?: number
  /** The schema history to apply. Default: the app's `MIGRATIONS` (tests pass their own). */
  migrations?: readonly Migration[]
  /**
   * `quick`: run `PRAGMA quick_check` on this thread before opening (default). `skip`: the caller
   * already checked the file (the workspace manager does, in a worker, so that a large workspace
   * never holds the event loop).
   */
  integrityCheck?: 'quick' | 'skip'
}

/** A repository class: built once per workspace from its connection (see `Workspace.repository`). */
export type RepositoryClass<R> = new (db: DatabaseSync) => R

/** One profile's workspace database, opened, configured and migrated to the current schema. */
export interface Workspace {
  /** The database file. */
  readonly filePath: string
  /** The underlying connection, for repositories. */
  readonly db: DatabaseSync
  /** False once `close()` was called. */
  readonly isOpen: boolean
  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE … COMMIT, ROLLBACK if it throws). Nested
   * calls join the outer transaction. `fn` must be synchronous.
   */
  transaction<T>(fn: () => T): T
  /**
   * The workspace's single instance of a repository, so its prepared statements are reused.
   * Features with their own tables add a repository class and get it here.
   */
  repository<R>(repositoryClass: RepositoryClass<R>): R
  /** The audit log of WeCom calls (same as `repository(AuditLogRepository)`). */
  readonly auditLog: AuditLogRepository
  /** Small JSON values by key (same as `repository(KeyValueRepository)`). */
  readonly kv: KeyValueRepository
  /** Closes the connection; later use of `db` or any repository throws. Safe to call twice. */
  close(): void
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000

/** SQLite primary result codes that mean another connection holds the lock. */
const SQLITE_BUSY = 5
const SQLITE_LOCKED = 6

/**
 * Opens (creating it and its folder if needed) the workspace database at `filePath`: WAL journal,
 * `synchronous=NORMAL`, foreign keys on, a busy timeout, and pending migrations applied. The folder
 * is created 0700 and the database, its -wal and -shm 0600 (owner only), whatever the umask.
 *
 * Never deletes or rewrites an unreadable file: a damaged one (failing `quick_check`, refused by
 * SQLite as corrupt or not a database, or an empty / missing main file beside a non-empty WAL,
 * which SQLite would open as a new database and whose WAL it would discard) raises
 * `workspace_damaged` before any read-write connection touches it; an inaccessible one raises
 * `workspace_unreadable`, one from a newer app `workspace_too_new`, one locked by another process
 * `workspace_busy`, and a failed migration `workspace_migration_failed`.
 */
export function openWorkspace(filePath: string, options: WorkspaceOptions = {}): Workspace {
  const migrations = options.migrations ?? MIGRATIONS
  assertMainFileBesideWal(filePath)
  if (options.integrityCheck !== 'skip') assertIntact(filePath)
  const db = connect(filePath, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS)
  try {
    assertNotNewer(db, filePath, migrations)
    db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA synchronous = NORMAL')
    // SQLite gives its -wal and -shm the database's mode; set it anyway for files left from before.
    restrictFiles(databaseFiles(filePath))
    migrate(db, migrations)
  } catch (error) {
    db.close()
    // SQLite errors here come from the journal-mode switch; anything else is already explained.
    throw sqliteErrcode(error) === undefined ? error : openFailure(filePath, error)
  }
  return new SqliteWorkspace(filePath, db)
}

/** Size of a file, or undefined when it does not exist (or is not a regular file). */
function fileSize(path: string): number | undefined {
  try {
    const stat = statSync(path)
    return stat.isFile() ? stat.size : undefined
  } catch {
    return undefined
  }
}

/**
 * An empty or missing main file beside a WAL that holds data is a damaged workspace (the file was
 * truncated or replaced): SQLite would open it as a new database and throw the WAL away.
 */
export function assertMainFileBesideWal(filePath: string): void {
  const walSize = fileSize(`${filePath}-wal`) ?? 0
  const mainSize = fileSize(filePath) ?? 0
  if (walSize === 0 || mainSize > 0) return
  throw new WorkspaceDamagedError({
    reason: 'missing_main_file',
    filePath,
    problems: [`main file ${mainSize} bytes, -wal ${walSize} bytes`],
    detectedAt: Date.now(),
    movedFiles: [],
    notMoved: [],
  })
}

/**
 * `PRAGMA quick_check` through a read-only connection of its own (which never writes, and never
 * checkpoints a WAL into a damaged file on close). Inconclusive checks (locked, no permission) are
 * left to the open that follows, which explains them.
 */
function assertIntact(filePath: string): void {
  if (!fileSize(filePath)) return // new, or a directory: nothing to check
  let db: DatabaseSync | undefined
  let report: ReturnType<typeof runIntegrityCheck>
  try {
    db = new DatabaseSync(filePath, { readOnly: true })
    report = runIntegrityCheck(db, 'quick_check')
  } catch (error) {
    const errcode = sqliteErrcode(error)
    if (errcode === undefined || !isDamageErrcode(errcode)) return
    report = { verdict: 'damaged', problems: [(error as Error).message], errcode, elapsedMs: 0 }
  } finally {
    db?.close()
  }
  if (report.verdict !== 'damaged') return
  throw new WorkspaceDamagedError({
    reason: damageReasonOf(report),
    filePath,
    problems: report.problems,
    detectedAt: Date.now(),
    movedFiles: [],
    notMoved: [],
  })
}

/** Opens the connection and reads the file header, so an unreadable file fails here, untouched. */
function connect(filePath: string, busyTimeoutMs: number): DatabaseSync {
  let db: DatabaseSync | undefined
  try {
    // Missing folders are created owner-only; an existing one is the caller's (the manager makes
    // its own folders private).
    mkdirSync(dirname(filePath), { recursive: true, mode: PRIVATE_DIR_MODE })
    // Created 0600 before SQLite opens it: SQLite would create it 0644 (less the umask).
    ensurePrivateFile(filePath)
    db = new DatabaseSync(filePath)
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`)
    db.exec('PRAGMA foreign_keys = ON')
    // 64 MiB of page cache (default 2 MiB): the customer cache's indexes at 100,000 customers no
    // longer fit the default, and sync writes and filter queries then re-read the same pages.
    db.exec('PRAGMA cache_size = -65536')
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
    return db
  } catch (error) {
    db?.close()
    const errcode = sqliteErrcode(error)
    if (errcode !== undefined && isDamageErrcode(errcode)) {
      throw new WorkspaceDamagedError({
        reason: damageReasonOf({ errcode }),
        filePath,
        problems: [(error as Error).message],
        detectedAt: Date.now(),
        movedFiles: [],
        notMoved: [],
      })
    }
    throw openFailure(filePath, error)
  }
}

/** Turns a low-level open error into the bilingual error the user sees. */
function openFailure(filePath: string, cause: unknown): AppError {
  const errcode = sqliteErrcode(cause)
  const primaryCode = errcode === undefined ? undefined : errcode & 0xff
  if (primaryCode === SQLITE_BUSY || primaryCode === SQLITE_LOCKED) {
    return new AppError(
      'workspace_busy',
      text(
        '工作区数据库正被另一个程序占用，暂时无法打开。',
        'The workspace database is in use by another program and cannot be opened right now.',
      ),
      {
        hint: text(
          '请关闭其他正在运行的本应用窗口或副本，然后重试。',
          'Close any other running copy or window of this app, then try again.',
        ),
        cause,
      },
    )
  }
  return new AppError(
    'workspace_unreadable',
    text(
      '无法打开工作区数据库：文件可能已损坏，或没有读写权限。',
      'The workspace database could not be opened: the file may be damaged, or the app may not have permission to read and write it.',
    ),
    {
      hint: text(
        `文件已原样保留，未做任何删除：${filePath}。请检查文件权限或从备份恢复；如需重新开始，可先将该文件移到别处再打开此配置。`,
        `The file was left exactly as it was: ${filePath}. Check its permissions or restore it from a backup; to start fresh, move the file elsewhere and open this profile again.`,
      ),
      cause,
    },
  )
}

/** The SQLite result code node:sqlite attaches to its errors, or undefined for other errors. */
function sqliteErrcode(error: unknown): number | undefined {
  const errcode = (error as { errcode?: unknown } | null)?.errcode
  return typeof errcode === 'number' ? errcode : undefined
}

class SqliteWorkspace implements Workspace {
  private readonly repositories = new Map<RepositoryClass<unknown>, unknown>()

  constructor(
    readonly filePath: string,
    readonly db: DatabaseSync,
  ) {}

  get isOpen(): boolean {
    return this.db.isOpen
  }

  transaction<T>(fn: () => T): T {
    return runInTransaction(this.db, fn)
  }

  repository<R>(repositoryClass: RepositoryClass<R>): R {
    let instance = this.repositories.get(repositoryClass) as R | undefined
    if (instance === undefined) {
      instance = new repositoryClass(this.db)
      this.repositories.set(repositoryClass, instance)
    }
    return instance
  }

  get auditLog(): AuditLogRepository {
    return this.repository(AuditLogRepository)
  }

  get kv(): KeyValueRepository {
    return this.repository(KeyValueRepository)
  }

  close(): void {
    this.repositories.clear()
    if (this.db.isOpen) this.db.close()
  }
}
