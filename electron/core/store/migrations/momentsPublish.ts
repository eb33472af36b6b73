import type { Migration } from '../migrations'

/**
 * Schema slot 11: publishing customer moments. Self-contained SQL only, like every migration.
 *
 * - `moment_drafts`: the composer's autosaved drafts (content with local media refs, visible range).
 * - `moment_publish_jobs`: the publish journal, one add_moment_task per job (protocol in
 *   electron/core/services/moments/publish/journal.ts). `moment_id` is unique: one moment is
 *   never claimed by two jobs.
 * - `moment_media_uploads`: media_ids from media/upload_attachment (attachment_type 1) by file
 *   content, reused for 2.5 days (WeCom keeps them 3); ids from media/upload are refused by
 *   moments (40007), so they are kept apart from `media_uploads`.
 */
export const momentsPublishMigration: Migration = {
  version: 11,
  name: 'moments_publish',
  up(db) {
    db.exec(`
      CREATE TABLE moment_drafts (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL CHECK (json_valid(content)),
        range TEXT NOT NULL CHECK (json_valid(range)),
        revision INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX moment_drafts_updated ON moment_drafts (updated_at);

      CREATE TABLE moment_publish_jobs (
        id TEXT PRIMARY KEY,
        draft_id TEXT,
        title TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL CHECK (json_valid(content)),
        range TEXT NOT NULL CHECK (json_valid(range)),
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN
          ('scheduled', 'pending', 'in_flight', 'unknown', 'created', 'done', 'failed', 'cancelled')),
        scheduled_at INTEGER,
        attempt_started_at INTEGER,
        jobid TEXT,
        jobid_at INTEGER,
        polls INTEGER NOT NULL DEFAULT 0,
        next_poll_at INTEGER,
        moment_id TEXT UNIQUE,
        result TEXT CHECK (result IS NULL OR json_valid(result)),
        recovered INTEGER NOT NULL DEFAULT 0 CHECK (recovered IN (0, 1)),
        errcode INTEGER,
        note TEXT CHECK (note IS NULL OR json_valid(note)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX moment_publish_jobs_state ON moment_publish_jobs (state, scheduled_at);
      CREATE INDEX moment_publish_jobs_draft ON moment_publish_jobs (draft_id, created_at);

      CREATE TABLE moment_media_uploads (
        sha256 TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('image', 'video')),
        media_id TEXT NOT NULL,
        uploaded_at INTEGER NOT NULL,
        PRIMARY KEY (sha256, kind)
      ) STRICT;
    `)
  },
}
