import { AppError, text } from '../../../errors'
import type { JobNote } from '../../../store/repositories/send-journal'

/** The draft cannot be sent as it is: every problem, in both languages. */
export function draftNotSendable(problems: { 'zh-CN': string[]; en: string[] }): AppError {
  return new AppError(
    'campaign_invalid',
    text(`无法发送：${problems['zh-CN'].join(' ')}`, `This message cannot be sent: ${problems.en.join(' ')}`),
    {
      hint: text('请在编辑器中修改上述问题后再发送。', 'Fix these in the editor, then send again.'),
    },
  )
}

/** The problem sentence for a targeting that reaches nobody. */
export const NO_RECIPIENTS = text(
  '没有可发送的对象：所选客户或客户群都不在（或已不在）本地数据中。',
  'There is nobody to send to: none of the chosen customers or groups is (still) in the local data.',
)

/** The problem sentence for a "by owner" group message with no owner chosen yet. */
export const CHOOSE_OWNER = text(
  '请选择群主：消息会发到所选群主负责的全部客户群。',
  'Choose a group owner: the message goes to all the customer groups of the owners you choose.',
)

/** A scheduled time that is already past. */
export function scheduleInPast(): AppError {
  return new AppError(
    'campaign_schedule_past',
    text('定时发送的时间已经过去了。', 'The scheduled time has already passed.'),
    { hint: text('请选择一个将来的时间，或直接发送。', 'Pick a time in the future, or send now.') },
  )
}

export function jobNotFound(jobId: string): AppError {
  return new AppError(
    'campaign_job_not_found',
    text(`找不到这个群发任务（${jobId}）。`, `This send job (${jobId}) was not found.`),
    { hint: text('请刷新任务列表后再试。', 'Refresh the job list and try again.') },
  )
}

/** Only a scheduled send that has not started can be cancelled. */
export function jobNotCancellable(jobId: string): AppError {
  return new AppError(
    'campaign_not_cancellable',
    text(
      `这个群发任务（${jobId}）已经开始或已结束，不能再取消。`,
      `This send job (${jobId}) has already started or ended, so it can no longer be cancelled.`,
    ),
    {
      hint: text(
        '已创建的群发可在「群发记录」中停止（成员尚未发送的部分不再发送）。',
        'A mass message already created can be stopped under Mass-message records (members who have not sent it yet will not).',
      ),
    },
  )
}

/** A job stopped for a reason that passes (network, rate block, credentials): it resumes by itself. */
export function interruptedNote(reason: AppError): JobNote {
  return {
    text: text(
      `发送已暂停：${reason.text['zh-CN']}已发出的部分不会重复，稍后会自动继续。`,
      `Sending paused: ${reason.text.en} Nothing sent will be repeated; it resumes by itself.`,
    ),
    ...(reason.hint ? { hint: reason.hint } : {}),
  }
}

/** Why some or all chunks failed: WeCom's or the uploader's own explanation. */
export function failureNote(reason: AppError): JobNote {
  return { text: reason.text, ...(reason.hint ? { hint: reason.hint } : {}) }
}

/** A job some of whose chunks failed for a reason not kept (the app restarted in between). */
export const UNEXPLAINED_FAILURE: JobNote = {
  text: text('部分发送对象没有发送成功。', 'The message could not be sent to some of the recipients.'),
  hint: text(
    '请查看群发记录，必要时对未发送的对象重新发送。',
    'Check the mass-message records and resend to those missed.',
  ),
}

/** Chunks whose outcome stayed unknown after reconciling and resending: looked at again later. */
export function outcomeStillUnknown(): AppError {
  return new AppError(
    'campaign_outcome_unknown',
    text(
      '部分群发请求没有收到企业微信的答复，暂时无法确认是否已创建。',
      'WeCom did not answer some of the send requests, so it is not yet known whether they were created.',
    ),
    {
      hint: text(
        '本软件会先核对企业微信的群发记录再决定是否重发，不会重复发送。',
        'The console checks WeCom’s mass-message records before resending anything, so nothing is sent twice.',
      ),
    },
  )
}

/** A test send to a customer or group the chosen member cannot send to (or of the other chat type). */
export function testRecipientInvalid(kind: 'customer' | 'group'): AppError {
  return kind === 'customer'
    ? new AppError(
        'test_recipient_invalid',
        text(
          '这位客户不是所选成员的客户（或已不在本地数据中），没法用这位成员给他发测试。',
          'This customer is not one of the chosen member’s customers (or is no longer in the local data), so the test cannot go to them from this member.',
        ),
        {
          hint: text(
            '请选自己的一位客户（例如自己的微信），或先同步客户。',
            'Pick one of your own customers (for example your own WeChat), or sync customers first.',
          ),
        },
      )
    : new AppError(
        'test_recipient_invalid',
        text(
          '这个客户群不是所选成员当群主的群（或已不在本地数据中），没法用这位成员给它发测试。',
          'The chosen member does not own this customer group (or it is no longer in the local data), so the test cannot go there from this member.',
        ),
        {
          hint: text(
            '请选这位成员自己当群主的一个群，或先同步客户群。',
            'Pick a group that member owns, or sync customer groups first.',
          ),
        },
      )
}

/** A time as the user reads it in a sentence (month, day, hours and minutes, local time). */
function whenText(at: number): { 'zh-CN': string; en: string } {
  const format = (locale: string, month: 'long' | 'short') =>
    new Intl.DateTimeFormat(locale, { month, day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })
  // "12月8日 06:26", "8 Dec, 06:26": no day/month order to misread.
  return { 'zh-CN': format('zh-CN', 'long').format(at), en: format('en-GB', 'short').format(at) }
}

/**
 * The same content was sent (or is scheduled) a short time ago and the user did not confirm a
 * repeat: named by its title and time, so the user can tell which send it was.
 */
export function repeatNotConfirmed(earlier: {
  title: string
  state: 'sent' | 'sending' | 'scheduled'
  at: number
}): AppError {
  const when = whenText(earlier.at)
  const zhTitle = earlier.title.trim() ? `「${earlier.title.trim()}」` : '（未命名）'
  const enTitle = earlier.title.trim() ? `“${earlier.title.trim()}”` : '(untitled)'
  const zh = {
    scheduled: `相同内容的群发${zhTitle}已定时在 ${when['zh-CN']} 发送，这次没有发送。`,
    sending: `相同内容的群发${zhTitle}正在发送（${when['zh-CN']} 提交），这次没有再发送。`,
    sent: `相同内容的群发${zhTitle}已在 ${when['zh-CN']} 发出，这次没有再发送。`,
  }[earlier.state]
  const en = {
    scheduled: `The same content is already scheduled as ${enTitle} for ${when.en}, so this was not sent.`,
    sending: `The same content is being sent as ${enTitle} (submitted ${when.en}), so it was not sent again.`,
    sent: `The same content was already sent as ${enTitle} at ${when.en}, so it was not sent again.`,
  }[earlier.state]
  return new AppError('campaign_repeat_unconfirmed', text(zh, en), {
    hint: text(
      '如确实要再发一次，请在发送窗口中确认「仍要发送」。',
      'If you really mean to send it again, confirm “Send anyway” in the send dialog.',
    ),
  })
}
