import type { Migration } from '../migrations'

/**
 * Schema slot 11 (reserved for this feature so features built side by side keep the version
 * order). Self-contained SQL only, like every migration.
 */
export const momentsPublishMigration: Migration = {
  version: 11,
  name: 'moments_publish',
  up() {},
}
