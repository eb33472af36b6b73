import type { Migration } from '../migrations'

/**
 * Schema slot 9: the group welcome template library. WeCom has no list call, so this table is the
 * only list there is: every template this console created, imported or copied, with its content,
 * its sync state and the push journal (`push_op` is written before add/edit/del is called and
 * cleared once the answer is recorded, so a crash in between is found on the next start).
 */
export const welcomeTemplatesMigration: Migration = {
  version: 9,
  name: 'welcome_templates',
  up(db) {
    db.exec(`
      CREATE TABLE welcome_templates (
        id TEXT PRIMARY KEY,
        template_id TEXT,
        content TEXT NOT NULL CHECK (json_valid(content)),
        notify INTEGER NOT NULL DEFAULT 1 CHECK (notify IN (0, 1)),
        pushed_content TEXT CHECK (pushed_content IS NULL OR json_valid(pushed_content)),
        origin TEXT NOT NULL CHECK (origin IN ('created', 'imported', 'copied')),
        copied_from TEXT,
        ownership TEXT NOT NULL CHECK (ownership IN ('own', 'other_app', 'unknown')),
        sync_state TEXT NOT NULL
          CHECK (sync_state IN ('draft', 'pushed', 'changed', 'failed', 'maybe_created', 'gone')),
        push_op TEXT CHECK (push_op IS NULL OR push_op IN ('add', 'edit', 'del')),
        push_started_at INTEGER,
        last_error TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
        search_text TEXT NOT NULL DEFAULT '',
        attachment_kind TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_pushed_at INTEGER,
        deleted_at INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX welcome_templates_live_id ON welcome_templates (template_id)
        WHERE template_id IS NOT NULL AND deleted_at IS NULL;
      CREATE INDEX welcome_templates_updated ON welcome_templates (deleted_at, updated_at);
    `)
  },
}
