import type { DatabaseSync } from 'node:sqlite'
import { JSON_LIST, jsonList } from '../../../store/json-list'
import { StatementCache } from '../../../store/repositories/statement-cache'

/**
 * Which send jobs were tests ("send to myself first": one customer or group the member picked),
 * schema: migration 8, `send_job_tests`. The job itself is an ordinary journaled job; this mark
 * keeps it from counting as its draft's send and shows it as a test.
 */
export class TestSends {
  private readonly statements: StatementCache

  constructor(db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  /** Marks a job as a test; call in the transaction that creates it. */
  mark(jobId: string): void {
    this.statements.get('INSERT OR IGNORE INTO send_job_tests (job_id) VALUES (?)').run(jobId)
  }

  isTest(jobId: string): boolean {
    return this.statements.get('SELECT 1 FROM send_job_tests WHERE job_id = ?').get(jobId) !== undefined
  }

  /** Every test job's id. */
  all(): Set<string> {
    const rows = this.statements.get('SELECT job_id AS jobId FROM send_job_tests').all() as Array<{ jobId: string }>
    return new Set(rows.map((row) => row.jobId))
  }

  /** The msgids among `msgids` that a test send created. */
  testMessages(msgids: readonly string[]): Set<string> {
    if (msgids.length === 0) return new Set()
    const rows = this.statements
      .get(
        `SELECT c.msgid FROM send_chunks c JOIN send_job_tests t ON t.job_id = c.job_id WHERE c.msgid IN ${JSON_LIST}`,
      )
      .all(jsonList(msgids)) as Array<{ msgid: string }>
    return new Set(rows.map((row) => row.msgid))
  }
}
