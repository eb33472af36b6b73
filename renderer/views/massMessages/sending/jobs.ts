import type { SendJobState, SendJobSummary } from '@shared/massMessages'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** The tag colour of a job state. */
export function jobStateType(state: SendJobState): TagType {
  switch (state) {
    case 'done':
      return 'success'
    case 'partial':
      return 'warning'
    case 'failed':
      return 'danger'
    case 'cancelled':
      return 'info'
    default:
      return 'primary'
  }
}

/** Whole-percent chunk progress: submitted batches of all batches (a finished job is 100). */
export function jobPercent(job: Pick<SendJobSummary, 'state' | 'chunks'>): number {
  if (job.state === 'done') return 100
  if (job.chunks.total <= 0) return 0
  return Math.min(100, Math.floor((job.chunks.sent / job.chunks.total) * 100))
}

/** The progress bar's status for a job state (colour and icon). */
export function jobProgressStatus(state: SendJobState): '' | 'success' | 'warning' | 'exception' {
  if (state === 'done') return 'success'
  if (state === 'partial') return 'warning'
  if (state === 'failed') return 'exception'
  return ''
}
