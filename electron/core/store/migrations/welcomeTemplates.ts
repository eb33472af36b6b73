import type { Migration } from '../migrations'

/**
 * Schema slot 9 (reserved for this feature so features built side by side keep the version
 * order). Self-contained SQL only, like every migration.
 */
export const welcomeTemplatesMigration: Migration = {
  version: 9,
  name: 'welcome_templates',
  up() {},
}
