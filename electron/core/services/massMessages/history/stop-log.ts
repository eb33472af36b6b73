import type { DatabaseSync } from 'node:sqlite'
import { JSON_LIST, jsonList } from '../../../store/json-list'
import { StatementCache } from '../../../store/repositories/statement-cache'

/** A stop this console made. */
export interface MessageStop {
  stoppedAt: number
  /** Recipients who had received the message when it stopped; undefined until known. */
  reached?: string[]
}

/**
 * The mass messages this console stopped (schema: migration 5, table `mass_message_stops`).
 * WeCom's list and task APIs carry no stopped flag (get_groupmsg_task knows only 0 未发送 and
 * 2 已发送), so this record is what shows 已停止, disables remind and stop, and keeps the
 * receive-cap estimate from counting recipients the message never reached.
 */
export class StopLog {
  private readonly statements: StatementCache

  constructor(db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  get(msgid: string): MessageStop | undefined {
    return this.many([msgid]).get(msgid)
  }

  /** The stops among `msgids`, by msgid. */
  many(msgids: readonly string[]): Map<string, MessageStop> {
    if (msgids.length === 0) return new Map()
    const rows = this.statements
      .get(`SELECT msgid, stopped_at AS stoppedAt, reached FROM mass_message_stops WHERE msgid IN ${JSON_LIST}`)
      .all(jsonList(msgids)) as Array<{ msgid: string; stoppedAt: number; reached: string | null }>
    return new Map(
      rows.map((row) => [
        row.msgid,
        row.reached === null
          ? { stoppedAt: row.stoppedAt }
          : { stoppedAt: row.stoppedAt, reached: JSON.parse(row.reached) as string[] },
      ]),
    )
  }

  /** Records a stop; a second one keeps the first time. True when this call recorded it. */
  record(msgid: string, at: number): boolean {
    const result = this.statements
      .get('INSERT INTO mass_message_stops (msgid, stopped_at) VALUES (?, ?) ON CONFLICT (msgid) DO NOTHING')
      .run(msgid, at)
    return Number(result.changes) > 0
  }

  /** The recipients the stopped message had reached (final once it is stopped). */
  setReached(msgid: string, recipients: readonly string[]): void {
    this.statements
      .get('UPDATE mass_message_stops SET reached = ? WHERE msgid = ?')
      .run(JSON.stringify(recipients), msgid)
  }
}
