import type { Migration } from '../migrations'

/**
 * Schema slot 12 (reserved for this feature so features built side by side keep the version
 * order). Self-contained SQL only, like every migration.
 *
 * The statistics cache. `day` is a corp day (China time) as its number of days since 1970-01-01,
 * so ranges and week buckets are integer arithmetic. A row is `final` once WeCom has settled the
 * day (fetched after 08:00 China time the next day, and not a suspicious all-zero answer): final
 * rows are never fetched again; the others are fetched again at the next refresh. `fetched_at` is
 * ms since epoch. Ratios (`reply_percentage` in %, `avg_reply_time` in minutes) are NULL where
 * WeCom gave none (no chats).
 */
export const statisticsMigration: Migration = {
  version: 12,
  name: 'statistics_cache',
  up(db) {
    db.exec(`
      CREATE TABLE stat_member_days (
        userid TEXT NOT NULL,
        day INTEGER NOT NULL,
        new_apply_cnt INTEGER NOT NULL,
        new_contact_cnt INTEGER NOT NULL,
        chat_cnt INTEGER NOT NULL,
        message_cnt INTEGER NOT NULL,
        reply_percentage REAL,
        avg_reply_time REAL,
        negative_feedback_cnt INTEGER NOT NULL,
        fetched_at INTEGER NOT NULL,
        final INTEGER NOT NULL CHECK (final IN (0, 1)),
        PRIMARY KEY (userid, day)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX stat_member_days_day ON stat_member_days (day, userid);
      CREATE INDEX stat_member_days_open ON stat_member_days (day) WHERE final = 0;

      CREATE TABLE stat_team_days (
        day INTEGER PRIMARY KEY,
        new_apply_cnt INTEGER NOT NULL,
        new_contact_cnt INTEGER NOT NULL,
        chat_cnt INTEGER NOT NULL,
        message_cnt INTEGER NOT NULL,
        reply_percentage REAL,
        avg_reply_time REAL,
        negative_feedback_cnt INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('department', 'members')),
        fetched_at INTEGER NOT NULL,
        final INTEGER NOT NULL CHECK (final IN (0, 1))
      ) STRICT;

      CREATE TABLE stat_owner_days (
        owner TEXT NOT NULL,
        day INTEGER NOT NULL,
        new_chat_cnt INTEGER NOT NULL,
        chat_total INTEGER NOT NULL,
        chat_has_msg INTEGER NOT NULL,
        new_member_cnt INTEGER NOT NULL,
        member_total INTEGER NOT NULL,
        member_has_msg INTEGER NOT NULL,
        msg_total INTEGER NOT NULL,
        fetched_at INTEGER NOT NULL,
        final INTEGER NOT NULL CHECK (final IN (0, 1)),
        PRIMARY KEY (owner, day)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX stat_owner_days_day ON stat_owner_days (day, owner);
      CREATE INDEX stat_owner_days_open ON stat_owner_days (day) WHERE final = 0;

      CREATE TABLE stat_subjects (
        kind TEXT NOT NULL CHECK (kind IN ('member', 'owner')),
        userid TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        departments TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(departments)),
        status TEXT NOT NULL CHECK (status IN ('ok', 'left', 'not_visible')),
        errcode INTEGER,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, userid)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE stat_departments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        parent_id INTEGER NOT NULL,
        sort_order INTEGER NOT NULL DEFAULT 0
      ) STRICT;
    `)
  },
}
