import type { DatabaseSync } from 'node:sqlite'
import { AppError, text } from '../errors'
import { runInTransaction } from './transaction'
import { momentsBrowseMigration } from './migrations/momentsBrowse'
import { momentsPublishMigration } from './migrations/momentsPublish'
import { statisticsMigration } from './migrations/statistics'
import { customersGroupIndexMigration } from './migrations/customersGroupIndex'
import { welcomeTemplatesMigration } from './migrations/welcomeTemplates'

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
  {
    version: 2,
    name: 'customer_cache',
    up(db) {
      // The local cache of members, tags, customers and groups. Times are ms since epoch.
      // `gone_at` marks rows the last complete sync no longer found (kept, not deleted, so
      // history and drafts that name them still resolve). `search_text` is the lowercased
      // name, remarks and companies, for substring search without a scan of the follows.
      db.exec(`
        CREATE TABLE members (
          userid TEXT PRIMARY KEY,
          name TEXT NOT NULL DEFAULT '',
          departments TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(departments)),
          synced_at INTEGER NOT NULL,
          gone_at INTEGER
        ) STRICT;

        CREATE TABLE tag_groups (
          group_id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          sort_order INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL DEFAULT 0,
          synced_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE tags (
          tag_id TEXT PRIMARY KEY,
          group_id TEXT NOT NULL REFERENCES tag_groups (group_id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          sort_order INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL DEFAULT 0,
          synced_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX tags_group ON tags (group_id);

        CREATE TABLE customers (
          external_userid TEXT PRIMARY KEY,
          name TEXT NOT NULL DEFAULT '',
          type INTEGER NOT NULL DEFAULT 1,
          gender INTEGER NOT NULL DEFAULT 0,
          avatar TEXT NOT NULL DEFAULT '',
          corp_name TEXT NOT NULL DEFAULT '',
          corp_full_name TEXT NOT NULL DEFAULT '',
          position TEXT NOT NULL DEFAULT '',
          unionid TEXT NOT NULL DEFAULT '',
          search_text TEXT NOT NULL DEFAULT '',
          added_at INTEGER NOT NULL DEFAULT 0,
          follow_count INTEGER NOT NULL DEFAULT 0,
          synced_at INTEGER NOT NULL,
          gone_at INTEGER
        ) STRICT;
        CREATE INDEX customers_added_at ON customers (added_at);
        CREATE INDEX customers_name ON customers (name);

        CREATE TABLE follows (
          external_userid TEXT NOT NULL REFERENCES customers (external_userid) ON DELETE CASCADE,
          userid TEXT NOT NULL,
          remark TEXT NOT NULL DEFAULT '',
          description TEXT NOT NULL DEFAULT '',
          remark_corp_name TEXT NOT NULL DEFAULT '',
          remark_mobiles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(remark_mobiles)),
          added_at INTEGER NOT NULL DEFAULT 0,
          add_way INTEGER NOT NULL DEFAULT 0,
          state TEXT NOT NULL DEFAULT '',
          oper_userid TEXT NOT NULL DEFAULT '',
          synced_at INTEGER NOT NULL,
          gone_at INTEGER,
          PRIMARY KEY (external_userid, userid)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX follows_userid ON follows (userid, external_userid);

        CREATE TABLE follow_tags (
          external_userid TEXT NOT NULL,
          userid TEXT NOT NULL,
          tag_id TEXT NOT NULL,
          PRIMARY KEY (external_userid, userid, tag_id),
          FOREIGN KEY (external_userid, userid) REFERENCES follows (external_userid, userid) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX follow_tags_tag ON follow_tags (tag_id, external_userid);

        CREATE TABLE group_chats (
          chat_id TEXT PRIMARY KEY,
          name TEXT NOT NULL DEFAULT '',
          owner TEXT NOT NULL DEFAULT '',
          created_at INTEGER NOT NULL DEFAULT 0,
          notice TEXT NOT NULL DEFAULT '',
          status INTEGER NOT NULL DEFAULT 0,
          member_count INTEGER NOT NULL DEFAULT 0,
          member_version TEXT NOT NULL DEFAULT '',
          admins TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(admins)),
          synced_at INTEGER NOT NULL,
          gone_at INTEGER
        ) STRICT;
        CREATE INDEX group_chats_owner ON group_chats (owner);

        CREATE TABLE group_chat_members (
          chat_id TEXT NOT NULL REFERENCES group_chats (chat_id) ON DELETE CASCADE,
          member_id TEXT NOT NULL,
          type INTEGER NOT NULL,
          name TEXT NOT NULL DEFAULT '',
          group_nickname TEXT NOT NULL DEFAULT '',
          join_time INTEGER NOT NULL DEFAULT 0,
          join_scene INTEGER NOT NULL DEFAULT 0,
          invitor TEXT NOT NULL DEFAULT '',
          PRIMARY KEY (chat_id, member_id)
        ) STRICT, WITHOUT ROWID;
      `)
    },
  },
  {
    version: 3,
    name: 'mass_message_drafts_and_send_journal',
    up(db) {
      // Drafts keep their media bytes locally (uploaded at send time); the send journal records
      // each recipient chunk's state before and after its add_msg_template call, so a send
      // interrupted at any point resumes without a duplicate and without a lost chunk.
      db.exec(`
        CREATE TABLE drafts (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL DEFAULT '',
          chat_type TEXT NOT NULL CHECK (chat_type IN ('single', 'group')),
          content TEXT NOT NULL CHECK (json_valid(content)),
          targeting TEXT NOT NULL CHECK (json_valid(targeting)),
          revision INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX drafts_updated ON drafts (updated_at);

        CREATE TABLE local_media (
          id TEXT PRIMARY KEY,
          sha256 TEXT NOT NULL,
          filename TEXT NOT NULL,
          content_type TEXT NOT NULL,
          size INTEGER NOT NULL,
          bytes BLOB NOT NULL,
          created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX local_media_sha256 ON local_media (sha256);

        CREATE TABLE media_uploads (
          sha256 TEXT NOT NULL,
          kind TEXT NOT NULL,
          media_id TEXT NOT NULL,
          uploaded_at INTEGER NOT NULL,
          PRIMARY KEY (sha256, kind)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE send_jobs (
          id TEXT PRIMARY KEY,
          draft_id TEXT,
          title TEXT NOT NULL DEFAULT '',
          chat_type TEXT NOT NULL CHECK (chat_type IN ('single', 'group')),
          content TEXT NOT NULL CHECK (json_valid(content)),
          content_fingerprint TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('scheduled', 'preparing', 'sending', 'reconciling', 'done', 'partial', 'failed', 'cancelled')),
          scheduled_at INTEGER,
          recipient_count INTEGER NOT NULL DEFAULT 0,
          error TEXT CHECK (error IS NULL OR json_valid(error)),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX send_jobs_state ON send_jobs (state, scheduled_at);

        CREATE TABLE send_chunks (
          job_id TEXT NOT NULL REFERENCES send_jobs (id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          sender TEXT NOT NULL DEFAULT '',
          recipients TEXT NOT NULL CHECK (json_valid(recipients)),
          recipient_count INTEGER NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'sent', 'unknown', 'failed')),
          attempt_started_at INTEGER,
          msgid TEXT,
          fail_list TEXT CHECK (fail_list IS NULL OR json_valid(fail_list)),
          errcode INTEGER,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (job_id, seq)
        ) STRICT, WITHOUT ROWID;
        CREATE UNIQUE INDEX send_chunks_msgid ON send_chunks (msgid) WHERE msgid IS NOT NULL;

        CREATE TABLE remind_log (
          msgid TEXT NOT NULL,
          at INTEGER NOT NULL,
          PRIMARY KEY (msgid, at)
        ) STRICT, WITHOUT ROWID;
      `)
    },
  },
  {
    version: 4,
    name: 'customer_query_indexes',
    up(db) {
      // For the customer filter at 100,000 customers (services/customers/filter-sql.ts, query.ts):
      // - follows_gone, customers_gone: the few gone rows, so "is it live?" is one probe of a tiny index;
      // - customers_live_id: the filter's full pass reads this index alone (customer columns and search
      //   text), in external_userid order, so its probes of the tag postings move forward through them;
      // - customers_live_follow_count: live customers by follower count (external_userid breaks the
      //   many ties), so a window of a broad match is read in order; the name and added-at orders use
      //   the indexes of step 2.
      db.exec(`
        CREATE INDEX follows_gone ON follows (external_userid, userid) WHERE gone_at IS NOT NULL;
        CREATE INDEX customers_gone ON customers (external_userid) WHERE gone_at IS NOT NULL;
        CREATE INDEX customers_live_id ON customers (gone_at, external_userid, added_at, gender, type, search_text);
        CREATE INDEX customers_live_follow_count ON customers (gone_at, follow_count, external_userid);
      `)
    },
  },
  {
    version: 5,
    name: 'mass_message_cache_and_stops',
    up(db) {
      // mass_message_cache: every mass message a list showed (WeCom's fields as the console shows
      //   them), so a detail opened by msgid (reload, direct link) has its header without WeCom;
      //   all_sent_at marks one whose every member task was seen sent (final, never asked again).
      // mass_message_stops: messages this console stopped; WeCom's list and task APIs have no such
      //   flag. `reached` lists the recipients who had received it when it stopped (NULL until known),
      //   for the receive-cap estimate.
      db.exec(`
        CREATE TABLE mass_message_cache (
          msgid TEXT PRIMARY KEY,
          chat_type TEXT NOT NULL CHECK (chat_type IN ('single', 'group')),
          create_time INTEGER NOT NULL,
          summary TEXT NOT NULL CHECK (json_valid(summary)),
          seen_at INTEGER NOT NULL,
          all_sent_at INTEGER
        ) STRICT;
        CREATE INDEX mass_message_cache_time ON mass_message_cache (create_time);

        CREATE TABLE mass_message_stops (
          msgid TEXT PRIMARY KEY,
          stopped_at INTEGER NOT NULL,
          reached TEXT CHECK (reached IS NULL OR json_valid(reached))
        ) STRICT;
      `)
    },
  },
  {
    version: 6,
    name: 'customer_sort_indexes',
    up(db) {
      // The Customers page's name and added-at orders, as covering indexes of live customers
      // (external_userid breaks ties, as in customers_live_follow_count): a window anywhere in the
      // list, row 50,000 too, is read from the index alone, without a table row per skipped row.
      // They replace step 2's single-column indexes, so a sync maintains as many indexes as before.
      db.exec(`
        DROP INDEX customers_name;
        DROP INDEX customers_added_at;
        CREATE INDEX customers_live_name ON customers (gone_at, name, external_userid);
        CREATE INDEX customers_live_added_at ON customers (gone_at, added_at, external_userid);
      `)
    },
  },
  {
    version: 7,
    name: 'saved_audiences',
    up(db) {
      // Customer filters the user named to reuse (the composer's targeting, the Customers filter bar).
      // Names are unique per workspace, compared without letter case (`name_key`: the trimmed name,
      // Latin letters lowercased); `filter` is the contract's CustomerFilter as JSON.
      db.exec(`
        CREATE TABLE saved_audiences (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          name_key TEXT NOT NULL UNIQUE,
          filter TEXT NOT NULL CHECK (json_valid(filter)),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
      `)
    },
  },
  {
    version: 8,
    name: 'test_sends',
    up(db) {
      // Send jobs that were a test ("send to myself first"): one customer or one group, sent through
      // the same journal as real sends, but never marking their draft as sent.
      db.exec(`
        CREATE TABLE send_job_tests (
          job_id TEXT PRIMARY KEY REFERENCES send_jobs (id) ON DELETE CASCADE
        ) STRICT;
      `)
    },
  },
  // One file per feature from here on, so features built side by side do not edit one list.
  welcomeTemplatesMigration,
  momentsBrowseMigration,
  momentsPublishMigration,
  statisticsMigration,
  customersGroupIndexMigration,
]

/** The schema version a workspace has once every migration in `migrations` is applied. */
export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0
}

/** The schema version recorded in the database file (0 for a new, empty database). */
function schemaVersion(db: DatabaseSync): number {
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
