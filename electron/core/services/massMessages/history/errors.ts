import type { LocalizedText } from '../../../../../shared/result'
import { AppError, text } from '../../../errors'
import { WecomApiError } from '../../../wecom'

/** WeCom is still creating the member tasks of a message it has just accepted. */
const STILL_DISPATCHING = 41063
/** WeCom's catch-all for a bad parameter; for a msgid-only request it means the msgid is unknown. */
const INVALID_PARAMETER = 40058

/** When the next remind is possible, as the user reads it. */
function clockText(at: number): LocalizedText {
  const format = (locale: string) =>
    new Intl.DateTimeFormat(locale, {
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
  return text(format('zh-CN').format(at), format('en-GB').format(at))
}

/**
 * Runs a tracking call on one msgid and turns WeCom's terse answers into what happened and what to
 * do: 41063 (tasks still being created) and 40058 (no such message). Other errors pass through.
 */
export async function explainMsgidErrors<T>(msgid: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (!(error instanceof WecomApiError)) throw error
    if (error.errcode === STILL_DISPATCHING) throw stillDispatching(error)
    if (error.errcode === INVALID_PARAMETER) throw messageNotFound(msgid, error)
    throw error
  }
}

function stillDispatching(cause: WecomApiError): AppError {
  return new AppError(
    'mass_message_dispatching',
    text(
      '企业微信还在为这条群发创建成员任务，暂时查不到发送情况。',
      'WeCom is still creating the member tasks for this mass message, so its progress is not available yet.',
    ),
    { hint: text('请过一分钟再刷新。', 'Try again in a minute.'), wecomErrcode: cause.errcode, cause },
  )
}

function messageNotFound(msgid: string, cause: WecomApiError): AppError {
  return new AppError(
    'mass_message_not_found',
    text(`企业微信中找不到这条群发（${msgid}）。`, `WeCom does not know this mass message (${msgid}).`),
    {
      hint: text(
        '它可能属于其他企业或应用。请刷新群发记录后再试。',
        'It may belong to another corp or app. Refresh the mass-message list and try again.',
      ),
      wecomErrcode: cause.errcode,
      cause,
    },
  )
}

/** Neither this console nor WeCom's list of the last `days` days knows the msgid (a detail opened by link). */
export function messageNotListed(msgid: string, days: number): AppError {
  return new AppError(
    'mass_message_not_found',
    text(`找不到这条群发（${msgid}）。`, `This mass message (${msgid}) was not found.`),
    {
      hint: text(
        `本软件没有记录，企业微信最近 ${days} 天的群发里也没有它；它可能属于其他企业，或者更早。请回到群发记录，选好时间范围再打开。`,
        `This console has no record of it, and it is not among WeCom's mass messages of the last ${days} days; it may belong to another corp or be older. Go back to the mass-message list, pick its dates and open it from there.`,
      ),
    },
  )
}

/** The console's own count says the 3 reminds of the last 24 h are used; WeCom was not called. */
export function remindLimitReached(nextAt: number): AppError {
  const at = clockText(nextAt)
  return new AppError(
    'remind_limit_reached',
    text(
      '这条群发在 24 小时内已经提醒过 3 次，企业微信不允许再提醒。',
      'Members were already reminded 3 times in the last 24 hours for this mass message; WeCom allows no more.',
    ),
    {
      hint: text(`${at['zh-CN']} 之后可以再次提醒。`, `The next remind is possible after ${at.en}.`),
    },
  )
}

/**
 * WeCom refused a remind the console's own count allowed: reminds sent from the admin console or
 * another tool count too. Keeps WeCom's explanation and errcode, and says what is known locally.
 */
export function remindRefused(cause: WecomApiError, leftByOwnCount: number): AppError {
  return new AppError(
    'remind_refused',
    text(`企业微信拒绝了这次提醒：${cause.text['zh-CN']}`, `WeCom refused this remind: ${cause.text.en}`),
    {
      hint: text(
        `按本软件的记录，24 小时内还可以提醒 ${leftByOwnCount} 次；但在企业微信管理后台或其他工具中的提醒也计入每 24 小时 3 次的上限。请稍后再试。`,
        `By this console’s records, ${leftByOwnCount} remind(s) are left in the last 24 hours, but reminds sent from the WeCom admin console or other tools count towards the same limit of 3 per 24 hours. Try again later.`,
      ),
      wecomErrcode: cause.errcode,
      cause,
    },
  )
}
