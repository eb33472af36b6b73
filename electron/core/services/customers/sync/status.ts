import type { SyncStatus } from '../../../../../shared/customers'
import type { Locale, LocalizedText } from '../../../../../shared/result'
import { AppError, text } from '../../../errors'
import { currentPhase, NO_COUNTS, type StoredSyncOutcome, type SyncCheckpointStore } from './checkpoint'

const INTERRUPTED = text(
  '同步意外中断，已同步的数据都已保存。',
  'The sync stopped unexpectedly; everything synced so far is saved.',
)
const INTERRUPTED_HINT = text(
  '请点击「继续同步」从中断处继续；如果反复出现，请把日志文件（设置 → 日志）发给技术支持。',
  'Press Resume sync to continue where it stopped; if this keeps happening, send the log file (Settings → Log) to support.',
)

/** The bilingual reason a run failed: the AppError's own text and hint, or a generic one. */
export function failureText(error: unknown): NonNullable<StoredSyncOutcome['error']> {
  if (error instanceof AppError) return { text: error.text, ...(error.hint ? { hint: error.hint } : {}) }
  return { text: INTERRUPTED, hint: INTERRUPTED_HINT }
}

/** Adds `message` / `hint` in the user's language to a status. */
export function withFailure(
  status: SyncStatus,
  failure: { text: LocalizedText; hint?: LocalizedText } | undefined,
  locale: Locale,
): SyncStatus {
  if (!failure) return status
  return { ...status, message: failure.text[locale], ...(failure.hint ? { hint: failure.hint[locale] } : {}) }
}

/**
 * The status of a profile with no run in this session: how its last run ended (one that never
 * ended, e.g. the app was closed mid-run, shows as cancelled), and whether it can be resumed.
 */
export function storedStatus(store: SyncCheckpointStore, locale: Locale): SyncStatus {
  const outcome = store.outcome()
  const checkpoint = store.checkpoint()
  const lastCompletedAt = store.lastCompletedAt()
  const interrupted = outcome?.state === 'running' || outcome?.state === 'cancelling'
  const status: SyncStatus = {
    state: interrupted ? 'cancelled' : (outcome?.state ?? 'idle'),
    done: checkpoint?.done ?? outcome?.done ?? 0,
    total: outcome?.total ?? 0,
    counts: { ...(checkpoint?.counts ?? outcome?.counts ?? NO_COUNTS) },
    resumable: checkpoint !== undefined,
    ...(checkpoint ? { phase: currentPhase(checkpoint) } : {}),
    ...(outcome ? { startedAt: outcome.startedAt } : {}),
    ...(outcome?.finishedAt !== undefined ? { finishedAt: outcome.finishedAt } : {}),
    ...(lastCompletedAt !== undefined ? { lastCompletedAt } : {}),
  }
  status.total = Math.max(status.total, status.done)
  return withFailure(status, outcome?.error, locale)
}
