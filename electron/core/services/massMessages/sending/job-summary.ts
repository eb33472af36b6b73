import type { SendJobSummary } from '../../../../../shared/massMessages'
import type { Locale } from '../../../../../shared/result'
import type { ChunkTally, SendJob } from '../../../store/repositories/send-journal'

/** A job as the renderer shows it: state, chunk tallies, msgids, its note in the user's language, and whether it was a test. */
export function jobSummary(job: SendJob, tally: ChunkTally, locale: Locale, test = false): SendJobSummary {
  const { msgids, ...chunks } = tally
  const summary: SendJobSummary = {
    id: job.id,
    title: job.title,
    chatType: job.chatType,
    state: job.state,
    recipients: job.recipientCount,
    chunks,
    msgids,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  }
  if (job.draftId !== undefined) summary.draftId = job.draftId
  if (test) summary.test = true
  if (job.scheduledAt !== undefined) summary.scheduledAt = job.scheduledAt
  if (job.note) {
    summary.message = job.note.text[locale]
    if (job.note.hint) summary.hint = job.note.hint[locale]
  }
  return summary
}
