import type { Migration } from '../migrations'

/**
 * Schema slot 10 (reserved for this feature so features built side by side keep the version
 * order). Self-contained SQL only, like every migration.
 */
export const momentsBrowseMigration: Migration = {
  version: 10,
  name: 'moments_cache',
  up() {},
}
