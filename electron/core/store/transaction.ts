import type { DatabaseSync } from 'node:sqlite'

/**
 * Runs `fn` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws. A call made while a
 * transaction is already open joins it instead of starting a new one, so an error thrown inside
 * rolls back the whole outer transaction unless the caller catches it.
 *
 * `fn` must be synchronous: node:sqlite is synchronous, and committing before a promise settles
 * would commit half the work, so a returned promise is rolled back and rejected.
 */
export function runInTransaction<T>(db: DatabaseSync, fn: () => T): T {
  if (db.isTransaction) return fn()
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = fn()
    if (isThenable(result)) {
      throw new TypeError('Workspace transactions must be synchronous; the callback returned a promise.')
    }
    db.exec('COMMIT')
    return result
  } catch (error) {
    // SQLite may already have rolled back by itself (e.g. disk full); ROLLBACK would then fail.
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
}
