import type { Draft, DraftSummary } from '../../../../../shared/massMessages'
import { DraftRepository, type DraftSaveInput } from '../../../store/repositories/drafts'
import type { Workspace } from '../../../store/workspace'
import { draftNotFound } from './errors'

/**
 * Mass-message drafts of the active workspace. Purely local: nothing here touches the network,
 * so composing works offline. `save` is the editor's autosave target: one small transaction.
 */
export class DraftService {
  constructor(
    private readonly workspace: () => Workspace,
    private readonly now: () => number = Date.now,
  ) {}

  private get drafts(): DraftRepository {
    return this.workspace().repository(DraftRepository)
  }

  list(): DraftSummary[] {
    return this.drafts.list()
  }

  /** The draft, or `draft_not_found`. */
  get(id: string): Draft {
    const draft = this.drafts.get(id)
    if (draft === undefined) throw draftNotFound(id)
    return draft
  }

  /** Creates or updates (refused with `draft_conflict` when another window saved in between). */
  save(input: DraftSaveInput): DraftSummary {
    return this.drafts.save(input, this.now())
  }

  /** A copy under a new id, or `draft_not_found`. */
  duplicate(id: string): DraftSummary {
    const copy = this.drafts.duplicate(id, this.now())
    if (copy === undefined) throw draftNotFound(id)
    return copy
  }

  /** Deletes the draft; deleting one that is already gone is not an error (two windows may both delete). */
  remove(id: string): { id: string } {
    this.drafts.remove(id)
    return { id }
  }
}
