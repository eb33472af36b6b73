import type { Migration } from '../migrations'

/**
 * Schema slot 12 (reserved for this feature so features built side by side keep the version
 * order). Self-contained SQL only, like every migration.
 */
export const statisticsMigration: Migration = {
  version: 12,
  name: 'statistics_cache',
  up() {},
}
