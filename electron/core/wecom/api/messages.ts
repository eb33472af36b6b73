import type { EndpointSpec } from '../endpoints'
import type { WecomTransport } from '../transport'

/**
 * `POST message/send` (发送应用消息, doc 90236): a message from the app to members. A write: sent
 * once, never blindly retried (with `enable_duplicate_check` WeCom itself drops the same request
 * within `duplicate_check_interval` seconds, default 1,800). Kept beside the other app-message
 * calls rather than in the customer-contact endpoint table.
 */
export const MESSAGE_SEND: EndpointSpec = { path: 'message/send', method: 'POST', kind: 'write' }

/** Documented limits of app messages (doc 90236). */
export const APP_MESSAGE_LIMITS = {
  /** `touser` ids, `|`-separated, per call. */
  usersPerCall: 1000,
  /** textcard: longer title / description are cut by WeCom; the url is required. */
  textcard: { titleBytes: 128, descriptionBytes: 512, urlBytes: 2048, btntxtChars: 4 },
} as const

/** A text card (文本卡片消息): title, description (a little HTML: `<div class="gray|normal|highlight">`), link, button. */
export interface TextCard {
  title: string
  description: string
  url: string
  /** Default 详情; ≤ 4 characters. */
  btntxt?: string
}

/** `message/send` with a text card to members. */
export interface SendTextCardRequest {
  /** Member userids (≤ 1,000 per call). */
  touser: string[]
  textcard: TextCard
  /** Drop the same request within `duplicateCheckSeconds` (WeCom's duplicate check). */
  duplicateCheckSeconds?: number
}

/** What WeCom answers: the recipients it could not deliver to (not in the app's visible range, unknown). */
export interface SendAppMessageResult {
  msgid?: string
  invalidUsers: string[]
}

/** Splits WeCom's `a|b|c` id lists. */
function ids(list: string | undefined): string[] {
  return (list ?? '').split('|').filter((id) => id !== '')
}

/**
 * App messages (应用消息). They need the app's `agentid` (the profile's optional AgentId): without
 * it `sendTextCard` is not offered (`hasAgent` is false) and throws.
 */
export function createMessagesApi(transport: WecomTransport, agentid: number | undefined) {
  return {
    /** Whether the client knows the app's agentid, i.e. can send app messages. */
    hasAgent: agentid !== undefined,

    async sendTextCard(request: SendTextCardRequest): Promise<SendAppMessageResult> {
      if (agentid === undefined) throw new Error('message/send needs the app agentid')
      if (request.touser.length === 0 || request.touser.length > APP_MESSAGE_LIMITS.usersPerCall)
        throw new RangeError(`touser must hold 1 to ${APP_MESSAGE_LIMITS.usersPerCall} ids`)
      const answer = await transport.call<{ msgid?: string; invaliduser?: string }>(MESSAGE_SEND, {
        body: {
          touser: request.touser.join('|'),
          msgtype: 'textcard',
          agentid,
          textcard: request.textcard,
          ...(request.duplicateCheckSeconds === undefined
            ? {}
            : { enable_duplicate_check: 1, duplicate_check_interval: request.duplicateCheckSeconds }),
        },
      })
      return { ...(answer.msgid ? { msgid: answer.msgid } : {}), invalidUsers: ids(answer.invaliduser) }
    },
  }
}

/** `client.messages`. */
export type MessagesApi = ReturnType<typeof createMessagesApi>
