import { AppError, text } from '../../../errors'

const REFRESH_LIST = text('请刷新草稿列表后再试。', 'Refresh the drafts list and try again.')

/** The draft does not exist (deleted in another window, or a stale link). */
export function draftNotFound(id: string): AppError {
  return new AppError(
    'draft_not_found',
    text(`找不到这份草稿（${id}），它可能已被删除。`, `This draft (${id}) was not found; it may have been deleted.`),
    { hint: REFRESH_LIST },
  )
}
