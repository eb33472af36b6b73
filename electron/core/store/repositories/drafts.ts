import { randomUUID } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import type { z } from 'zod'
import type { ChatType, Draft, DraftSummary, draftInputSchema } from '../../../../shared/massMessages'
import { AppError, text } from '../../errors'
import { runInTransaction } from '../transaction'
import { StatementCache } from './statement-cache'

/** A draft as the editor sends it, after `draftInputSchema` applied its defaults. */
export type DraftSaveInput = z.output<typeof draftInputSchema>

/** How many characters of the text the draft list shows. */
const EXCERPT_CHARS = 80

interface DraftRow {
  id: string
  title: string
  chat_type: ChatType
  content: string
  targeting: string
  revision: number
  created_at: number
  updated_at: number
}

type SummaryRow = Omit<DraftRow, 'targeting'>

/**
 * Mass-message drafts (schema: migration 3, table `drafts`). Every save bumps `revision`; a save
 * that names the revision it started from is refused when another window saved in between, so a
 * stale autosave never overwrites newer work.
 */
export class DraftRepository {
  private readonly statements: StatementCache

  constructor(private readonly db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  /** All drafts, most recently edited first (their targetings, which may list many ids, are not read). */
  list(): DraftSummary[] {
    const rows = this.statements
      .get(
        'SELECT id, title, chat_type, content, revision, created_at, updated_at FROM drafts ORDER BY updated_at DESC, id',
      )
      .all() as unknown as SummaryRow[]
    return rows.map((row) => summarize(withoutTargeting(row)))
  }

  get(id: string): Draft | undefined {
    const row = this.statements.get('SELECT * FROM drafts WHERE id = ?').get(id) as DraftRow | undefined
    return row === undefined ? undefined : toDraft(row)
  }

  /**
   * Creates the draft (no `id`, or an `id` not stored yet) or updates it. An update with a
   * `baseRevision` other than the stored revision throws `draft_conflict`. One transaction.
   */
  save(input: DraftSaveInput, now: number): DraftSummary {
    return runInTransaction(this.db, () => {
      const existing = input.id === undefined ? undefined : this.get(input.id)
      if (existing !== undefined && input.baseRevision !== undefined && input.baseRevision !== existing.revision) {
        throw draftConflict()
      }
      const draft: Draft = {
        id: input.id ?? randomUUID(),
        title: input.title,
        chatType: input.chatType,
        content: { text: input.content.text, attachments: input.content.attachments },
        targeting: input.targeting,
        revision: (existing?.revision ?? 0) + 1,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      }
      this.write(draft)
      return summarize(draft)
    })
  }

  /** A copy of the draft under a new id, titled as a copy; undefined when the draft is gone. */
  duplicate(id: string, now: number): DraftSummary | undefined {
    return runInTransaction(this.db, () => {
      const source = this.get(id)
      if (source === undefined) return undefined
      const copy: Draft = {
        ...source,
        id: randomUUID(),
        title: copyTitle(source.title),
        revision: 1,
        createdAt: now,
        updatedAt: now,
      }
      this.write(copy)
      return summarize(copy)
    })
  }

  /** Deletes the draft; false when there was none. Its media stay (other drafts may use them). */
  remove(id: string): boolean {
    return Number(this.statements.get('DELETE FROM drafts WHERE id = ?').run(id).changes) > 0
  }

  private write(draft: Draft): void {
    this.statements
      .get(
        `INSERT INTO drafts (id, title, chat_type, content, targeting, revision, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, chat_type = excluded.chat_type,
           content = excluded.content, targeting = excluded.targeting, revision = excluded.revision,
           updated_at = excluded.updated_at`,
      )
      .run(
        draft.id,
        draft.title,
        draft.chatType,
        JSON.stringify(draft.content),
        JSON.stringify(draft.targeting),
        draft.revision,
        draft.createdAt,
        draft.updatedAt,
      )
  }
}

function draftConflict(): AppError {
  return new AppError(
    'draft_conflict',
    text(
      '这份草稿刚刚在另一个窗口中被修改，本次保存未覆盖那边的内容。',
      'This draft was just changed in another window, so this save did not overwrite those changes.',
    ),
    {
      hint: text(
        '请重新打开草稿查看最新内容后再继续编辑；如需保留当前内容，可先复制出来。',
        'Reopen the draft to see the latest version before editing again; copy your current text first if you want to keep it.',
      ),
    },
  )
}

function copyTitle(title: string): string {
  return title.trim() === '' ? '' : `${title}（副本）`
}

function withoutTargeting(row: SummaryRow): Omit<Draft, 'targeting'> {
  return {
    id: row.id,
    title: row.title,
    chatType: row.chat_type,
    content: JSON.parse(row.content) as Draft['content'],
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toDraft(row: DraftRow): Draft {
  return { ...withoutTargeting(row), targeting: JSON.parse(row.targeting) as Draft['targeting'] }
}

function summarize(draft: Omit<Draft, 'targeting'>): DraftSummary {
  return {
    id: draft.id,
    title: draft.title,
    chatType: draft.chatType,
    excerpt: excerpt(draft.content.text),
    attachmentCount: draft.content.attachments.length,
    revision: draft.revision,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
  }
}

/** The first characters of the text on one line, never splitting an emoji. */
function excerpt(value: string): string {
  const characters = Array.from(value.replace(/\s+/g, ' ').trim())
  return characters.length <= EXCERPT_CHARS ? characters.join('') : `${characters.slice(0, EXCERPT_CHARS).join('')}…`
}
