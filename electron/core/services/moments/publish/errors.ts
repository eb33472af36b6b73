import type { LocalizedText } from '../../../../../shared/result'
import { AppError, text } from '../../../errors'

/** A moment draft that is not in the workspace (deleted in another window). */
export function momentDraftNotFound(id: string): AppError {
  return new AppError(
    'draft_not_found',
    text(`找不到这份朋友圈草稿（${id}）。`, `This moment draft (${id}) was not found.`),
    {
      hint: text(
        '它可能已在另一个窗口中删除；请回到草稿列表。',
        'It may have been deleted in another window; go back to the drafts.',
      ),
    },
  )
}

/** Another window saved the draft in between: this save did not overwrite it. */
export function momentDraftConflict(): AppError {
  return new AppError(
    'draft_conflict',
    text(
      '这份草稿刚刚在另一个窗口中被修改，本次保存未覆盖那边的内容。',
      'This draft was just changed in another window, so this save did not overwrite those changes.',
    ),
    {
      hint: text(
        '请重新打开草稿查看最新内容后再继续编辑。',
        'Reopen the draft to see the latest version before editing again.',
      ),
    },
  )
}

/** The draft breaks a rule of add_moment_task; `problems` names each one. */
export function momentNotPublishable(problems: LocalizedText): AppError {
  return new AppError(
    'moment_not_publishable',
    text(`这条朋友圈还不能发表：${problems['zh-CN']}`, `This moment cannot be published yet: ${problems.en}`),
    { hint: text('请按提示修改草稿后再发表。', 'Fix the draft as described, then publish again.') },
  )
}

/** A picked file breaks a moments rule (type, size, pixels or duration); nothing else of the draft changed. */
export function momentFileRefused(reason: LocalizedText): AppError {
  return new AppError('moment_file_refused', reason, {
    hint: text(
      '这个文件没有加入草稿，草稿里的其他内容都还在。请换一个文件。',
      'The file was not added; everything else in the draft is still there. Choose another file.',
    ),
  })
}

export function publishJobNotFound(id: string): AppError {
  return new AppError('job_not_found', text(`找不到这次发表（${id}）。`, `This publish (${id}) was not found.`))
}

export function publishNotCancellable(): AppError {
  return new AppError(
    'job_not_cancellable',
    text(
      '这次发表已经开始，不能再取消定时。',
      'This publish has already started; its schedule can no longer be cancelled.',
    ),
    { hint: text('已发出的朋友圈可在朋友圈详情中停止。', 'A moment already out can be stopped from its detail page.') },
  )
}

export function scheduleInPast(): AppError {
  return new AppError(
    'schedule_in_past',
    text('定时发表的时间已经过去了。', 'The scheduled time has already passed.'),
    {
      hint: text('请选择一个将来的时间，或直接立即发表。', 'Pick a time in the future, or publish now.'),
    },
  )
}

/** Why a job waits (network, rate limit, credentials), shown on it until it moves on. */
export function pausedNote(reason: AppError): { text: LocalizedText; hint?: LocalizedText } {
  return {
    text: text(`发表暂停：${reason.text['zh-CN']}`, `Publishing paused: ${reason.text.en}`),
    hint: text(
      '连接恢复后会自动继续，不会重复发表。',
      'It resumes by itself once the connection is back, without publishing twice.',
    ),
  }
}

/** Still no proof either way after several looks at WeCom's list. */
export function outcomeStillUnknown(): AppError {
  return new AppError(
    'outcome_unknown',
    text('还无法确认这条朋友圈是否已经发出。', 'It is not yet known whether this moment went out.'),
    {
      hint: text(
        '稍后会自动再核对一次企业微信的发表记录，确认前不会重新发表。',
        'WeCom’s list is checked again later; nothing is published again before that.',
      ),
    },
  )
}
