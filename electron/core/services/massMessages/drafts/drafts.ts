import type { Draft, DraftSummary } from '../../../../../shared/massMessages'
import { DraftRepository, type DraftSaveInput } from '../../../store/repositories/drafts'
import type { Workspace } from '../../../store/workspace'
import { DraftSends } from '../sending/draft-sends'
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

  private get sends(): DraftSends {
    return this.workspace().repository(DraftSends)
  }

  /** Every draft, with its latest send (sent or scheduled) from the send journal. */
  list(): DraftSummary[] {
    const sends = this.sends.latestByDraft()
    return this.drafts.list().map((summary) => {
      const send = sends.get(summary.id)
      return send === undefined ? summary : { ...summary, send }
    })
  }

  /** The draft with its latest send, or `draft_not_found`. */
  get(id: string): Draft {
    const draft = this.drafts.get(id)
    if (draft === undefined) throw draftNotFound(id)
    const send = this.sends.latestOf(id)
    return send === undefined ? draft : { ...draft, send }
  }

  /** Creates or updates (refused with `draft_conflict` when another window saved in between). */
  save(input: DraftSaveInput): DraftSummary {
    const summary = this.drafts.save(input, this.now())
    const send = this.sends.latestOf(summary.id)
    return send === undefined ? summary : { ...summary, send }
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
