import type { SyncStatus } from '../../../../../shared/customers'
import type { Locale, LocalizedText } from '../../../../../shared/result'
import { AppError, text } from '../../../errors'
import { currentPhase, NO_COUNTS, type StoredSyncOutcome, type SyncCheckpointStore } from './checkpoint'
import { SyncWriteError } from './writer'

const INTERRUPTED = text(
  '同步意外中断，已同步的数据都已保存。',
  'The sync stopped unexpectedly; everything synced so far is saved.',
)
const INTERRUPTED_HINT = text(
  '请点击「继续同步」从中断处继续；如果反复出现，请把日志文件（设置 → 日志）发给技术支持。',
  'Press Resume sync to continue where it stopped; if this keeps happening, send the log file (Settings → Log) to support.',
)

const NOT_WRITTEN = text(
  '同步意外中断：最后获取的数据没能写入本地缓存，之前写入的数据都还在。',
  'The sync stopped unexpectedly: the data fetched last could not be written to the local cache; what was written before is still there.',
)

/**
 * The disk filled up while the sync wrote (`code` disk_full): the sync stopped, the writes that
 * failed are not saved, the ones before are.
 */
export function syncDiskFull(cause: unknown): AppError {
  return new AppError(
    'disk_full',
    text(
      '磁盘已满，同步已停止：最后获取的数据没有保存，之前保存的数据都还在。',
      'The disk is full, so the sync stopped: the data fetched last was not saved. Everything saved before is still there.',
    ),
    {
      hint: text(
        '请删除不需要的文件或清空回收站，腾出磁盘空间（至少几百 MB），然后点击「继续同步」从中断处继续。',
        'Free up disk space (a few hundred MB at least) by deleting files you no longer need or emptying the trash, then press Resume sync to continue where it stopped.',
      ),
      cause,
    },
  )
}

/**
 * The bilingual reason a run failed: the AppError's own text and hint, or a generic one (which
 * says whether the last writes were saved).
 */
export function failureText(error: unknown): NonNullable<StoredSyncOutcome['error']> {
  if (error instanceof AppError) return { text: error.text, ...(error.hint ? { hint: error.hint } : {}) }
  return { text: error instanceof SyncWriteError ? NOT_WRITTEN : INTERRUPTED, hint: INTERRUPTED_HINT }
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
