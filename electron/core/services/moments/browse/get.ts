import type { MomentSummary } from '../../../../../shared/moments'
import { AppError, text } from '../../../errors'
import type { Workspace } from '../../../store/workspace'
import { MomentCache } from './cache'

/**
 * One moment from the workspace cache, as the list showed it (for the detail page). WeCom has no
 * call for one moment, so a moment the list never fetched is not found here.
 */
export function getCachedMoment(workspace: Workspace, momentId: string): MomentSummary {
  const moment = workspace.repository(MomentCache).get(momentId)
  if (moment) return moment
  throw new AppError('moment_not_cached', text('本地没有这条朋友圈。', 'This moment is not in the local list.'), {
    hint: text(
      '请在朋友圈列表中选择包含它的日期范围并刷新，然后再打开。',
      'In the moments list, choose a date range that includes it, refresh, then open it again.',
    ),
  })
}
