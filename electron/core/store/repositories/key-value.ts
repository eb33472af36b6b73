import type { DatabaseSync } from 'node:sqlite'
import { StatementCache } from './statement-cache'

/**
 * Small per-workspace values stored as JSON in the `kv` table (e.g. sync cursors, last-seen
 * markers). Values must survive `JSON.stringify`/`JSON.parse`.
 */
export class KeyValueRepository {
  private readonly statements: StatementCache

  constructor(
    db: DatabaseSync,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = new StatementCache(db)
  }

  /** The stored value, or `undefined` when the key is not set. The type is the caller's promise. */
  get<T>(key: string): T | undefined {
    const row = this.statements.get('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined
    return row === undefined ? undefined : (JSON.parse(row.value) as T)
  }

  /** Stores `value` (any JSON-serializable value, `null` included) under `key`, replacing any old one. */
  set(key: string, value: unknown): void {
    const json = JSON.stringify(value) as string | undefined
    if (json === undefined) {
      throw new TypeError(`kv value for "${key}" is not JSON-serializable; use delete() to remove a key.`)
    }
    this.statements
      .get(
        `INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, json, this.now())
  }

  /** Removes `key`; returns whether it existed. */
  delete(key: string): boolean {
    return this.statements.get('DELETE FROM kv WHERE key = ?').run(key).changes > 0
  }
}
