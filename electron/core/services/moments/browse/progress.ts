import type { MomentProgress } from '../../../../../shared/moments'
import { AppError } from '../../../errors'
import { runWorkers } from '../../../pool'
import type { Workspace } from '../../../store/workspace'
import type { WecomClient } from '../../../wecom'
import { MomentCache } from './cache'

/** get_moment_task's largest page (≤ 1,000). */
const TASK_PAGE_LIMIT = 1000
/** Corp moments whose members are read at the same time. */
const MOMENTS_IN_FLIGHT = 4
/** A progress read this recently is shown as is. */
export const PROGRESS_FRESH_MS = 5 * 60 * 1000
/** Members publish within days; a progress read a week after the moment was created is kept. */
export const PROGRESS_SETTLED_AFTER_MS = 7 * 24 * 60 * 60 * 1000

/** True when a cached progress needs no new read: everyone published, it settled, or it is fresh. */
export function progressIsCurrent(createTime: number, progress: MomentProgress | undefined, now: number): boolean {
  if (!progress) return false
  if (progress.total > 0 && progress.published >= progress.total) return true
  if (progress.checkedAt - createTime >= PROGRESS_SETTLED_AFTER_MS) return true
  return now - progress.checkedAt < PROGRESS_FRESH_MS
}

/**
 * The publish progress (members published / executing members) of the corp moments among
 * `momentIds`: the cached one while it is current (`progressIsCurrent`), else read again from
 * get_moment_task and cached. A moment WeCom will not answer for right now keeps its last known
 * progress (or none); personal moments have none.
 */
export async function publishProgress(
  client: () => Promise<WecomClient>,
  workspace: Workspace,
  momentIds: readonly string[],
  now: number = Date.now(),
): Promise<Array<{ momentId: string; progress: MomentProgress }>> {
  const cache = workspace.repository(MomentCache)
  const corp = cache.many([...new Set(momentIds)]).filter((moment) => moment.createType === 0)
  const answer = new Map<string, MomentProgress>()
  const stale = corp.filter((moment) => {
    if (moment.progress) answer.set(moment.momentId, moment.progress)
    return !progressIsCurrent(moment.createTime, moment.progress, now)
  })
  if (stale.length > 0) {
    const wecom = await client()
    await runWorkers(
      stale,
      MOMENTS_IN_FLIGHT,
      async (moment) => {
        try {
          const tasks = await wecom.moments.getMomentTask({ moment_id: moment.momentId, limit: TASK_PAGE_LIMIT }).all()
          const progress: MomentProgress = {
            published: tasks.filter((task) => task.publish_status === 1).length,
            total: tasks.length,
            checkedAt: now,
          }
          cache.saveProgress(moment.momentId, progress)
          answer.set(moment.momentId, progress)
        } catch (error) {
          if (!(error instanceof AppError)) throw error
        }
      },
      () => false,
    )
  }
  return [...answer].map(([momentId, progress]) => ({ momentId, progress }))
}
