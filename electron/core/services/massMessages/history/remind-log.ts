import type { DatabaseSync } from 'node:sqlite'
import type { RemindStatus } from '../../../../../shared/massMessages'
import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import { StatementCache } from '../../../store/repositories/statement-cache'

/** WeCom's remind window: 3 reminds per msgid within any 24 hours. */
const REMIND_WINDOW_MS = 24 * 60 * 60 * 1000
const REMINDS_PER_WINDOW = WECOM_LIMITS.massMessage.remindsPer24h

/**
 * The reminds this console sent (schema: migration 3, table `remind_log`), so the 3-per-24-h rule
 * is enforced before calling WeCom. Rows older than the window are dropped as new ones arrive.
 */
export class RemindLog {
  private readonly statements: StatementCache

  constructor(db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  /** Reminds left for `msgid` at `now`, and when the next becomes possible if none is left. */
  status(msgid: string, now: number): RemindStatus {
    const recent = (
      this.statements
        .get('SELECT at FROM remind_log WHERE msgid = ? AND at > ? ORDER BY at')
        .all(msgid, now - REMIND_WINDOW_MS) as Array<{ at: number }>
    ).map((row) => row.at)
    const left = Math.max(0, REMINDS_PER_WINDOW - recent.length)
    if (left > 0) return { left }
    // The window frees a slot when the oldest remind that still fills it turns 24 h old.
    const oldestCounted = recent[recent.length - REMINDS_PER_WINDOW] ?? now
    return { left, nextAt: oldestCounted + REMIND_WINDOW_MS }
  }

  /** Records a remind at `at` (moved 1 ms later if one is already recorded at that instant). */
  record(msgid: string, at: number): void {
    this.statements.get('DELETE FROM remind_log WHERE at <= ?').run(at - REMIND_WINDOW_MS)
    this.statements
      .get(
        `INSERT INTO remind_log (msgid, at)
         VALUES (?, max(?, coalesce((SELECT max(at) + 1 FROM remind_log WHERE msgid = ?), 0)))`,
      )
      .run(msgid, at, msgid)
  }
}
