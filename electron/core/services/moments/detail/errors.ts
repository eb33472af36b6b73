import { AppError, text } from '../../../errors'
import { WecomApiError } from '../../../wecom'

/** get_moment_task / cancel_moment_task on a moment a member posted personally. */
export const NOT_CORP_MOMENT = 41067
/** An unknown (deleted) moment id. */
const UNKNOWN_MOMENT = 41060

/** A personal moment opened without knowing who posted it: its interactions are read per poster. */
export function personalWithoutCreator(): AppError {
  return new AppError(
    'moment_creator_unknown',
    text(
      '这是成员个人发表的朋友圈，但不知道是哪位成员发的，读不到它的互动。',
      'A member posted this moment personally, but it is not known which member, so its interactions cannot be read.',
    ),
    {
      hint: text(
        '请回到朋友圈列表，刷新后从列表打开它。',
        'Go back to the moments list, refresh it and open the moment from there.',
      ),
    },
  )
}

/** Reminding needs the app's AgentId in the connection profile. */
export function remindNeedsAgentId(): AppError {
  return new AppError(
    'remind_needs_agentid',
    text(
      '当前连接配置没有填写 AgentId，无法用应用消息提醒成员。',
      'The connection profile has no AgentId, so members cannot be reminded by an app message.',
    ),
    {
      hint: text(
        '请复制未发表成员的名单自行提醒；或在「设置 → 连接配置」填写本应用的 AgentId（管理后台 → 应用管理 → 本应用）。',
        'Copy the list of members who have not posted and remind them yourself, or add this app’s AgentId under Settings → Connection profiles (admin console → App Management → this app).',
      ),
    },
  )
}

/** Every member has posted: there is nobody to remind (or nothing left to stop). */
export function everyonePublished(action: 'remind' | 'cancel'): AppError {
  return new AppError(
    action === 'remind' ? 'remind_nobody' : 'cancel_nothing_left',
    action === 'remind'
      ? text(
          '所有成员都已发表这条朋友圈，不需要提醒。',
          'Every member has posted this moment; nobody needs a reminder.',
        )
      : text(
          '所有成员都已发表这条朋友圈，已无法停止。',
          'Every member has posted this moment, so there is nothing left to stop.',
        ),
    { hint: text('请刷新后查看最新情况。', 'Refresh to see where it stands.') },
  )
}

/** Cancelling or reminding a moment a member posted personally. */
export function personalMoment(action: 'remind' | 'cancel', cause?: WecomApiError): AppError {
  return new AppError(
    'moment_not_corp',
    action === 'remind'
      ? text(
          '这是成员个人发表的朋友圈，没有需要提醒的成员。',
          'A member posted this moment personally; there is nobody to remind.',
        )
      : text(
          '这是成员个人发表的朋友圈，只有企业发表的朋友圈可以停止。',
          'A member posted this moment personally; only company moments can be stopped.',
        ),
    { ...(cause ? { wecomErrcode: cause.errcode, cause } : {}) },
  )
}

/** WeCom does not know the moment (deleted, or another corp's). */
export async function explainMomentErrors<T>(momentId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof WecomApiError && error.errcode === UNKNOWN_MOMENT)
      throw new AppError(
        'moment_not_found',
        text(
          `企业微信中找不到这条朋友圈（${momentId}），它可能已被删除。`,
          `WeCom does not know this moment (${momentId}); it may have been deleted.`,
        ),
        {
          hint: text(
            '请回到朋友圈列表刷新后再打开。',
            'Go back to the moments list, refresh it and open the moment again.',
          ),
          wecomErrcode: error.errcode,
          cause: error,
        },
      )
    throw error
  }
}
