import type { DatabaseSync, StatementSync } from 'node:sqlite'

/**
 * Prepares each distinct SQL text once per connection and hands back the same statement after
 * that. Repositories keep one cache each, so hot paths skip re-parsing the SQL.
 */
export class StatementCache {
  private readonly statements = new Map<string, StatementSync>()

  constructor(private readonly db: DatabaseSync) {}

  /** The prepared statement for `sql`, prepared on first use. */
  get(sql: string): StatementSync {
    let statement = this.statements.get(sql)
    if (statement === undefined) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}
