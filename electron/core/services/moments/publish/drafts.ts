import { randomUUID } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import {
  momentKind,
  type DraftPublish,
  type MomentDraft,
  type MomentDraftContent,
  type MomentDraftSummary,
  type momentDraftInputSchema,
  type VisibleRange,
} from '../../../../../shared/moments-publish'
import type { z } from 'zod'
import { StatementCache } from '../../../store/repositories/statement-cache'
import { runInTransaction } from '../../../store/transaction'
import type { Workspace } from '../../../store/workspace'
import { momentDraftConflict, momentDraftNotFound } from './errors'
import { PublishJournal } from './journal'

type DraftSaveInput = z.output<typeof momentDraftInputSchema>

const EXCERPT_CHARS = 80

interface DraftRow {
  id: string
  title: string
  content: string
  range: string
  revision: number
  created_at: number
  updated_at: number
}

/** The first characters of the text on one line, never splitting an emoji. */
export function excerpt(value: string): string {
  const characters = Array.from(value.replace(/\s+/g, ' ').trim())
  return characters.length <= EXCERPT_CHARS ? characters.join('') : `${characters.slice(0, EXCERPT_CHARS).join('')}…`
}

function toDraft(row: DraftRow): MomentDraft {
  return {
    id: row.id,
    title: row.title,
    content: JSON.parse(row.content) as MomentDraftContent,
    range: JSON.parse(row.range) as VisibleRange,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function summarize(draft: MomentDraft, publish?: DraftPublish): MomentDraftSummary {
  return {
    id: draft.id,
    title: draft.title,
    excerpt: excerpt(draft.content.text),
    kind: momentKind(draft.content.attachments),
    attachmentCount: draft.content.attachments.length,
    revision: draft.revision,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    ...(publish ? { publish } : {}),
  }
}

/**
 * Moment drafts (schema slot 11, table `moment_drafts`). Every save bumps `revision`; a save naming
 * an older revision is refused, so a stale autosave from another window never overwrites newer work.
 */
export class MomentDraftRepository {
  private readonly statements: StatementCache

  constructor(private readonly db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  list(): MomentDraft[] {
    const rows = this.statements
      .get('SELECT * FROM moment_drafts ORDER BY updated_at DESC, id')
      .all() as unknown as DraftRow[]
    return rows.map(toDraft)
  }

  get(id: string): MomentDraft | undefined {
    const row = this.statements.get('SELECT * FROM moment_drafts WHERE id = ?').get(id) as DraftRow | undefined
    return row === undefined ? undefined : toDraft(row)
  }

  save(input: DraftSaveInput, now: number): MomentDraft {
    return runInTransaction(this.db, () => {
      const existing = input.id === undefined ? undefined : this.get(input.id)
      if (existing !== undefined && input.baseRevision !== undefined && input.baseRevision !== existing.revision)
        throw momentDraftConflict()
      const draft: MomentDraft = {
        id: input.id ?? randomUUID(),
        title: input.title,
        content: input.content,
        range: input.range,
        revision: (existing?.revision ?? 0) + 1,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      }
      this.write(draft)
      return draft
    })
  }

  duplicate(id: string, now: number): MomentDraft | undefined {
    return runInTransaction(this.db, () => {
      const source = this.get(id)
      if (source === undefined) return undefined
      const title = source.title.trim() === '' ? '' : `${source.title}（副本）`
      const copy: MomentDraft = { ...source, id: randomUUID(), title, revision: 1, createdAt: now, updatedAt: now }
      this.write(copy)
      return copy
    })
  }

  /** Deletes the draft; its media stay (other drafts and jobs may use the same bytes). */
  remove(id: string): void {
    this.statements.get('DELETE FROM moment_drafts WHERE id = ?').run(id)
  }

  private write(draft: MomentDraft): void {
    this.statements
      .get(
        `INSERT INTO moment_drafts (id, title, content, range, revision, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, content = excluded.content,
           range = excluded.range, revision = excluded.revision, updated_at = excluded.updated_at`,
      )
      .run(
        draft.id,
        draft.title,
        JSON.stringify(draft.content),
        JSON.stringify(draft.range),
        draft.revision,
        draft.createdAt,
        draft.updatedAt,
      )
  }
}

/**
 * Moment drafts of the active workspace, purely local (composing works offline); `save` is the
 * composer's autosave target. Summaries carry the draft's latest publish from the journal.
 */
export class MomentDraftService {
  constructor(
    private readonly workspace: () => Workspace,
    private readonly now: () => number = Date.now,
  ) {}

  private get drafts(): MomentDraftRepository {
    return this.workspace().repository(MomentDraftRepository)
  }

  private latest(): Map<string, DraftPublish> {
    return this.workspace().repository(PublishJournal).latestByDraft()
  }

  list(): MomentDraftSummary[] {
    const latest = this.latest()
    return this.drafts.list().map((draft) => summarize(draft, latest.get(draft.id)))
  }

  get(id: string): MomentDraft & { publish?: DraftPublish } {
    const draft = this.drafts.get(id)
    if (draft === undefined) throw momentDraftNotFound(id)
    const publish = this.latest().get(id)
    return publish ? { ...draft, publish } : draft
  }

  save(input: DraftSaveInput): MomentDraftSummary {
    const draft = this.drafts.save(input, this.now())
    return summarize(draft, this.latest().get(draft.id))
  }

  duplicate(id: string): MomentDraftSummary {
    const copy = this.drafts.duplicate(id, this.now())
    if (copy === undefined) throw momentDraftNotFound(id)
    return summarize(copy)
  }

  remove(id: string): { id: string } {
    this.drafts.remove(id)
    return { id }
  }
}
