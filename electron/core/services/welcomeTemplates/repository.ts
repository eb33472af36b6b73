import type { DatabaseSync } from 'node:sqlite'
import { NICKNAME } from '../../../../shared/welcomeTemplates'
import type {
  WelcomeContent,
  WelcomeOrigin,
  WelcomeOwnership,
  WelcomeSyncState,
} from '../../../../shared/welcomeTemplates'
import type { LocalizedText } from '../../../../shared/result'
import { StatementCache } from '../../store/repositories/statement-cache'

/** The states stored (`pushing` is derived from the journal, never stored). */
export type StoredSyncState = Exclude<WelcomeSyncState, 'pushing'>
export type PushOp = 'add' | 'edit' | 'del'

/** A stored failure, in both languages, so the list reads it in whichever the user switches to. */
export interface StoredError {
  text: LocalizedText
  hint?: LocalizedText
  wecomErrcode?: number
}

/** One row of `welcome_templates` (migration 9), decoded. */
export interface TemplateRecord {
  id: string
  templateId: string | null
  content: WelcomeContent
  notify: boolean
  pushedContent: WelcomeContent | null
  origin: WelcomeOrigin
  copiedFrom: string | null
  ownership: WelcomeOwnership
  syncState: StoredSyncState
  pushOp: PushOp | null
  pushStartedAt: number | null
  lastError: StoredError | null
  createdAt: number
  updatedAt: number
  lastPushedAt: number | null
  deletedAt: number | null
}

interface Row {
  id: string
  template_id: string | null
  content: string
  notify: number
  pushed_content: string | null
  origin: WelcomeOrigin
  copied_from: string | null
  ownership: WelcomeOwnership
  sync_state: StoredSyncState
  push_op: PushOp | null
  push_started_at: number | null
  last_error: string | null
  created_at: number
  updated_at: number
  last_pushed_at: number | null
  deleted_at: number | null
}

function decode(row: Row): TemplateRecord {
  return {
    id: row.id,
    templateId: row.template_id,
    content: JSON.parse(row.content) as WelcomeContent,
    notify: row.notify === 1,
    pushedContent: row.pushed_content === null ? null : (JSON.parse(row.pushed_content) as WelcomeContent),
    origin: row.origin,
    copiedFrom: row.copied_from,
    ownership: row.ownership,
    syncState: row.sync_state,
    pushOp: row.push_op,
    pushStartedAt: row.push_started_at,
    lastError: row.last_error === null ? null : (JSON.parse(row.last_error) as StoredError),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastPushedAt: row.last_pushed_at,
    deletedAt: row.deleted_at,
  }
}

/** What a search reads: the text (the placeholder also as the words marketers type) and link / mini program titles. */
function searchText(content: WelcomeContent): string {
  const attachment = content.attachment
  const parts = [content.text.replaceAll(NICKNAME, `${NICKNAME} 客户昵称 nickname`)]
  if (attachment?.msgtype === 'link') parts.push(attachment.link?.title ?? '', attachment.link?.desc ?? '')
  if (attachment?.msgtype === 'miniprogram') parts.push(attachment.miniprogram?.title ?? '')
  if (attachment?.msgtype === 'image') parts.push(attachment.image?.filename ?? '')
  if (attachment?.msgtype === 'file') parts.push(attachment.file?.filename ?? '')
  if (attachment?.msgtype === 'video') parts.push(attachment.video?.filename ?? '')
  return parts.join('\n').toLowerCase()
}

const COLUMNS: Record<keyof Omit<TemplateRecord, 'id'>, string> = {
  templateId: 'template_id',
  content: 'content',
  notify: 'notify',
  pushedContent: 'pushed_content',
  origin: 'origin',
  copiedFrom: 'copied_from',
  ownership: 'ownership',
  syncState: 'sync_state',
  pushOp: 'push_op',
  pushStartedAt: 'push_started_at',
  lastError: 'last_error',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  lastPushedAt: 'last_pushed_at',
  deletedAt: 'deleted_at',
}

type SqlValue = string | number | null

function encode(key: keyof typeof COLUMNS, value: unknown): SqlValue {
  if (key === 'content' || key === 'pushedContent' || key === 'lastError')
    return value === null || value === undefined ? null : JSON.stringify(value)
  if (key === 'notify') return value ? 1 : 0
  return (value ?? null) as SqlValue
}

/** The template library's table (schema: migration 9). */
export class WelcomeTemplateRepository {
  private readonly statements: StatementCache

  constructor(private readonly db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  get(id: string): TemplateRecord | undefined {
    const row = this.statements.get('SELECT * FROM welcome_templates WHERE id = ?').get(id) as Row | undefined
    return row && decode(row)
  }

  /** The live (not deleted) entry holding a WeCom template id. */
  byTemplateId(templateId: string): TemplateRecord | undefined {
    const row = this.statements
      .get('SELECT * FROM welcome_templates WHERE template_id = ? AND deleted_at IS NULL')
      .get(templateId) as Row | undefined
    return row && decode(row)
  }

  insert(record: TemplateRecord): void {
    const keys = Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>
    this.statements
      .get(
        `INSERT INTO welcome_templates (id, ${keys.map((k) => COLUMNS[k]).join(', ')}, search_text, attachment_kind)
         VALUES (${['?', ...keys.map(() => '?'), '?', '?'].join(', ')})`,
      )
      .run(
        record.id,
        ...keys.map((k) => encode(k, record[k])),
        searchText(record.content),
        record.content.attachment?.msgtype ?? null,
      )
  }

  /** Writes the given fields (and the search columns when the content changes). */
  update(id: string, changes: Partial<Omit<TemplateRecord, 'id'>>): void {
    const keys = Object.keys(changes) as Array<keyof typeof COLUMNS>
    if (keys.length === 0) return
    const sets = keys.map((k) => `${COLUMNS[k]} = ?`)
    const values: SqlValue[] = keys.map((k) => encode(k, changes[k]))
    if (changes.content) {
      sets.push('search_text = ?', 'attachment_kind = ?')
      values.push(searchText(changes.content), changes.content.attachment?.msgtype ?? null)
    }
    this.db.prepare(`UPDATE welcome_templates SET ${sets.join(', ')} WHERE id = ?`).run(...values, id)
  }

  /** Entries of one view, newest change first, filtered by text, attachment kind and state. */
  list(filter: { deleted: boolean; search: string; kind?: string; syncState?: string }): TemplateRecord[] {
    const where = [filter.deleted ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL']
    const values: SqlValue[] = []
    if (filter.search.trim()) {
      where.push("instr(search_text, ?) > 0 OR instr(lower(coalesce(template_id, '')), ?) > 0")
      const needle = filter.search.trim().toLowerCase()
      values.push(needle, needle)
      where[where.length - 1] = `(${where[where.length - 1]})`
    }
    if (filter.kind === 'none') where.push('attachment_kind IS NULL')
    else if (filter.kind) {
      where.push('attachment_kind = ?')
      values.push(filter.kind)
    }
    if (filter.syncState) {
      where.push('sync_state = ?')
      values.push(filter.syncState)
    }
    const rows = this.db
      .prepare(`SELECT * FROM welcome_templates WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id`)
      .all(...values) as unknown as Row[]
    return rows.map(decode)
  }

  /** Entries that exist (or may exist) in WeCom: the library's share of the 100 cap. */
  countInCorp(): number {
    const row = this.statements
      .get(
        `SELECT count(*) AS n FROM welcome_templates
         WHERE deleted_at IS NULL AND ((template_id IS NOT NULL AND sync_state != 'gone') OR sync_state = 'maybe_created')`,
      )
      .get() as { n: number }
    return row.n
  }

  countDeleted(): number {
    return (
      this.statements.get('SELECT count(*) AS n FROM welcome_templates WHERE deleted_at IS NOT NULL').get() as {
        n: number
      }
    ).n
  }

  /** Entries whose journal says a call was started and never recorded. */
  journaled(): TemplateRecord[] {
    const rows = this.statements
      .get('SELECT * FROM welcome_templates WHERE push_op IS NOT NULL')
      .all() as unknown as Row[]
    return rows.map(decode)
  }

  /** Forgets deleted entries older than `before` (ms). */
  purgeDeleted(before: number): void {
    this.statements.get('DELETE FROM welcome_templates WHERE deleted_at IS NOT NULL AND deleted_at < ?').run(before)
  }
}
