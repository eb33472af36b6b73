import type { DatabaseSync } from 'node:sqlite'
import { StatementCache } from './statement-cache'

/** How a WeCom call ended; `unknown` when the response was lost and the outcome can't be known. */
export type AuditResult = 'ok' | 'error' | 'unknown'

/** What to record about one WeCom call made on the user's behalf. */
export interface AuditEntryInput {
  /** When it happened, ms since epoch. Default: now. */
  at?: number
  profileId: string
  /** The WeCom API path, e.g. `externalcontact/add_msg_template`. */
  api: string
  /** One readable line saying what was done. */
  summary: string
  result: AuditResult
  /** WeCom's errcode, when it answered one. */
  errcode?: number | null
  /** Extra JSON-serializable facts (ids, counts). Never put secrets or tokens here. */
  detail?: unknown
}

/** A recorded audit entry. */
export interface AuditEntry {
  id: number
  at: number
  profileId: string
  api: string
  summary: string
  result: AuditResult
  errcode: number | null
  detail: unknown
}

/**
 * A position in the newest-first list: entries strictly older than it. The last entry of a page
 * is the cursor for the next page; `{ at: time, id: 0 }` means "everything before `time`".
 */
export interface AuditCursor {
  at: number
  id: number
}

/** Which entries `list` returns. */
export interface AuditListQuery {
  /** Maximum number of entries. */
  limit: number
  /** Only entries older than this cursor. */
  before?: AuditCursor
  /** Only calls to this WeCom API path. */
  api?: string
}

interface AuditRow {
  id: number
  at: number
  profile_id: string
  api: string
  summary: string
  result: AuditResult
  errcode: number | null
  detail: string | null
}

/** The workspace's append-only record of WeCom calls, read newest first. */
export class AuditLogRepository {
  private readonly statements: StatementCache

  constructor(
    db: DatabaseSync,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = new StatementCache(db)
  }

  /** Appends an entry and returns it as stored. */
  record(input: AuditEntryInput): AuditEntry {
    const entry = {
      at: input.at ?? this.now(),
      profileId: input.profileId,
      api: input.api,
      summary: input.summary,
      result: input.result,
      errcode: input.errcode ?? null,
      detail: input.detail ?? null,
    }
    const { lastInsertRowid } = this.statements
      .get(
        `INSERT INTO audit_log (at, profile_id, api, summary, result, errcode, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.at,
        entry.profileId,
        entry.api,
        entry.summary,
        entry.result,
        entry.errcode,
        entry.detail === null ? null : JSON.stringify(entry.detail),
      )
    return { id: Number(lastInsertRowid), ...entry }
  }

  /** Entries newest first (by time, then by insertion order), optionally filtered and paged. */
  list(query: AuditListQuery): AuditEntry[] {
    const conditions: string[] = []
    const params: (string | number)[] = []
    if (query.before !== undefined) {
      conditions.push('(at, id) < (?, ?)')
      params.push(query.before.at, query.before.id)
    }
    if (query.api !== undefined) {
      conditions.push('api = ?')
      params.push(query.api)
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
    const rows = this.statements
      .get(`SELECT * FROM audit_log ${where} ORDER BY at DESC, id DESC LIMIT ?`)
      .all(...params, Math.max(0, Math.trunc(query.limit))) as unknown as AuditRow[]
    return rows.map(toEntry)
  }

  /** How many entries the workspace holds. */
  count(): number {
    const row = this.statements.get('SELECT count(*) AS n FROM audit_log').get() as { n: number }
    return row.n
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    profileId: row.profile_id,
    api: row.api,
    summary: row.summary,
    result: row.result,
    errcode: row.errcode,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
  }
}
