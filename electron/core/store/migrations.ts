import type { DatabaseSync } from 'node:sqlite'
import { AppError, text } from '../errors'
import { runInTransaction } from './transaction'

/**
 * One step of the workspace schema. The database records the last applied step in
 * `PRAGMA user_version`; each step runs in its own transaction together with the version bump,
 * so a failing step leaves both the schema and the version as they were.
 */
export interface Migration {
  /** 1, 2, 3, …: must be exactly one more than the previous entry. */
  readonly version: number
  /** Short snake_case description, shown in errors and logs. */
  readonly name: string
  /** Applies the change. Runs inside a transaction; must be synchronous. */
  up(db: DatabaseSync): void
}

/**
 * The workspace schema history, oldest first.
 *
 * To change the schema, APPEND a migration with the next version number; never edit or reorder one
 * that has shipped, because existing workspaces have already applied it. Notes for authors:
 * - Tables are `STRICT`; store JSON as `TEXT` checked with `json_valid`, times as ms since epoch.
 * - `foreign_keys` is ON and cannot be switched off inside the migration's transaction; when
 *   rebuilding a table that others reference, use `PRAGMA defer_foreign_keys = ON` instead.
 * - Keep migrations self-contained SQL (no repository code), so they keep working as the code moves on.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit_log_and_kv',
    up(db) {
      db.exec(`
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          at INTEGER NOT NULL,
          profile_id TEXT NOT NULL,
          api TEXT NOT NULL,
          summary TEXT NOT NULL,
          result TEXT NOT NULL CHECK (result IN ('ok', 'error', 'unknown')),
          errcode INTEGER,
          detail TEXT CHECK (detail IS NULL OR json_valid(detail))
        ) STRICT;
        CREATE INDEX audit_log_at ON audit_log (at);

        CREATE TABLE kv (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL CHECK (json_valid(value)),
          updated_at INTEGER NOT NULL
        ) STRICT;
      `)
    },
  },
]

/** The schema version a workspace has once every migration in `migrations` is applied. */
export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0
}

/** The schema version recorded in the database file (0 for a new, empty database). */
export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined
  return row?.user_version ?? 0
}

/**
 * Refuses a database written by a newer app version: this version does not know its schema and
 * could damage it.
 */
export function assertNotNewer(db: DatabaseSync, filePath: string, migrations = MIGRATIONS): void {
  const found = schemaVersion(db)
  const known = latestVersion(migrations)
  if (found <= known) return
  throw new AppError(
    'workspace_too_new',
    text(
      `工作区数据库来自更新版本的应用（结构版本 ${found}，当前应用只支持到 ${known}），无法打开。`,
      `This workspace database was created by a newer version of the app (schema ${found}; this version supports up to ${known}), so it cannot be opened.`,
    ),
    {
      hint: text(
        `请将应用更新到最新版本后再打开。文件未做任何改动：${filePath}`,
        `Update the app to the latest version, then open it again. The file was not changed: ${filePath}`,
      ),
    },
  )
}

/**
 * Applies, in order, every migration newer than the database's `user_version`. Each one commits
 * on its own, so a failure keeps the steps before it and reports which step failed.
 */
export function migrate(db: DatabaseSync, migrations = MIGRATIONS): void {
  assertWellOrdered(migrations)
  const from = schemaVersion(db)
  for (const migration of migrations) {
    if (migration.version <= from) continue
    try {
      runInTransaction(db, () => {
        migration.up(db)
        db.exec(`PRAGMA user_version = ${migration.version}`)
      })
    } catch (cause) {
      throw new AppError(
        'workspace_migration_failed',
        text(
          `更新工作区数据库结构失败（第 ${migration.version} 步：${migration.name}），这一步的改动已撤销。`,
          `Updating the workspace database failed (step ${migration.version}: ${migration.name}); that step was undone.`,
        ),
        {
          hint: text(
            '已有数据保持不变。请重启应用再试；如仍失败，请联系技术支持并提供日志。',
            'Your existing data is unchanged. Restart the app and try again; if it keeps failing, contact support with the logs.',
          ),
          cause,
        },
      )
    }
  }
}

/** A developer mistake in the list (gap, duplicate, reordering) must fail loudly, not half-migrate. */
function assertWellOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Workspace migration "${migration.name}" has version ${migration.version}; expected ${index + 1}. Versions must be 1, 2, 3, … in order.`,
      )
    }
  })
}
