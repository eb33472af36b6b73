import type { DatabaseSync } from 'node:sqlite'
import {
  REPEAT_SEND_WINDOW_MS,
  type DraftSend,
  type EarlierSend,
  type SendJobState,
} from '../../../../../shared/massMessages'
import { StatementCache } from '../../../store/repositories/statement-cache'

/**
 * Jobs that sent, are sending, or will send something; cancelled and failed ones created nothing,
 * and a test send ("send to myself first", `send_job_tests`) never makes its draft sent.
 */
const COUNTED = `j.state NOT IN ('cancelled', 'failed') AND j.id NOT IN (SELECT job_id FROM send_job_tests)`

/** A job's msgids in batch order, as a JSON array (empty until its first batch is sent). */
const MSGIDS = `(SELECT json_group_array(msgid) FROM
  (SELECT c.msgid FROM send_chunks c WHERE c.job_id = j.id AND c.msgid IS NOT NULL ORDER BY c.seq)) AS msgids`

interface SendRow {
  id: string
  draftId: string | null
  title: string
  state: SendJobState
  scheduledAt: number | null
  createdAt: number
  msgids: string
}

const COLUMNS = `j.id, j.draft_id AS draftId, j.title, j.state, j.scheduled_at AS scheduledAt,
  j.created_at AS createdAt, ${MSGIDS}`

/** What a journaled job means for its draft. */
function toDraftSend(row: SendRow): DraftSend {
  const send: DraftSend = {
    state:
      row.state === 'scheduled' ? 'scheduled' : row.state === 'done' || row.state === 'partial' ? 'sent' : 'sending',
    jobId: row.id,
    at: row.scheduledAt ?? row.createdAt,
    msgids: JSON.parse(row.msgids) as string[],
  }
  if (row.state === 'partial') send.partial = true
  return send
}

/**
 * The sends of drafts, read from the send journal (schema: migration 3, `send_jobs.draft_id` and
 * `content_fingerprint`): a draft's send state is derived here each time, never stored twice.
 */
export class DraftSends {
  private readonly statements: StatementCache

  constructor(db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  /** The latest counted send of every draft that has one, by draft id. */
  latestByDraft(): Map<string, DraftSend> {
    const rows = this.statements
      .get(
        `SELECT ${COLUMNS} FROM send_jobs j WHERE j.draft_id IS NOT NULL AND ${COUNTED}
         ORDER BY j.created_at, j.rowid`,
      )
      .all() as unknown as SendRow[]
    // Oldest first, so the newest of each draft is the one left.
    return new Map(rows.map((row) => [row.draftId!, toDraftSend(row)]))
  }

  /** The latest counted send of one draft. */
  latestOf(draftId: string): DraftSend | undefined {
    const row = this.statements
      .get(
        `SELECT ${COLUMNS} FROM send_jobs j WHERE j.draft_id = ? AND ${COUNTED}
         ORDER BY j.created_at DESC, j.rowid DESC LIMIT 1`,
      )
      .get(draftId) as SendRow | undefined
    return row === undefined ? undefined : toDraftSend(row)
  }

  /**
   * The latest send with this content fingerprint that is still scheduled, or went (or goes) out
   * within `REPEAT_SEND_WINDOW_MS` before `now`: sending the same content again asks first.
   */
  sameContent(fingerprint: string, now: number): EarlierSend | undefined {
    const row = this.statements
      .get(
        `SELECT ${COLUMNS} FROM send_jobs j
         WHERE j.content_fingerprint = ? AND ${COUNTED}
           AND (j.state = 'scheduled' OR coalesce(j.scheduled_at, j.created_at) >= ?)
         ORDER BY coalesce(j.scheduled_at, j.created_at) DESC, j.rowid DESC LIMIT 1`,
      )
      .get(fingerprint, now - REPEAT_SEND_WINDOW_MS) as SendRow | undefined
    if (row === undefined) return undefined
    const earlier: EarlierSend = { ...toDraftSend(row), title: row.title }
    if (row.draftId !== null) earlier.draftId = row.draftId
    return earlier
  }
}
