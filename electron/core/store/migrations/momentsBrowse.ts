import type { Migration } from '../migrations'

/**
 * Schema slot 10: the local cache of customer moments (客户朋友圈) for browsing.
 *
 * - `moments`: one row per moment get_moment_list returned (its content never changes). `content`
 *   holds the images / video / link / location as JSON; `search_text` is the lowercased text and
 *   link title, for the keyword search. A corp moment's publish progress (get_moment_task) is kept
 *   beside it with the time it was read.
 * - `moment_days`: which corp days (China time, `YYYY-MM-DD`) have been fetched completely and
 *   when; a day fetched well after it ended never changes again, so it is never fetched again.
 * - `moment_media`: thumbnails downloaded with media/get; `bytes` NULL when WeCom no longer has
 *   the file (temporary media expire), so it is not asked again.
 */
export const momentsBrowseMigration: Migration = {
  version: 10,
  name: 'moments_cache',
  up(db) {
    db.exec(`
      CREATE TABLE moments (
        moment_id TEXT PRIMARY KEY,
        create_time INTEGER NOT NULL,
        create_type INTEGER NOT NULL CHECK (create_type IN (0, 1)),
        creator TEXT,
        visible_type INTEGER NOT NULL CHECK (visible_type IN (0, 1)),
        kind TEXT NOT NULL CHECK (kind IN ('text', 'image', 'video', 'link')),
        text TEXT NOT NULL DEFAULT '',
        search_text TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(content)),
        fetched_at INTEGER NOT NULL,
        progress_published INTEGER,
        progress_total INTEGER,
        progress_checked_at INTEGER
      ) STRICT;
      CREATE INDEX moments_by_time ON moments (create_time);
      CREATE INDEX moments_by_creator ON moments (creator, create_time);

      CREATE TABLE moment_days (
        day TEXT PRIMARY KEY CHECK (length(day) = 10),
        fetched_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE moment_media (
        media_id TEXT PRIMARY KEY,
        content_type TEXT NOT NULL DEFAULT '',
        bytes BLOB,
        fetched_at INTEGER NOT NULL
      ) STRICT;
    `)
  },
}
