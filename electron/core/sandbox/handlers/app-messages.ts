import type { SandboxState } from '../model'
import { writeRoute, type RouteTable, type SandboxContext } from '../routing'
import {
  asFields,
  charLength,
  optionalInteger,
  optionalObject,
  optionalString,
  requiredString,
  utf8Length,
  type Fields,
} from '../request-fields'
import { invalidParameter, WeComError } from '../wecom-error'

/** The demo corp's self-built app: a profile with this AgentId can send app messages through the sandbox. */
export const SANDBOX_AGENTID = 1000002

const USERS_PER_CALL = 1000
const TITLE_BYTES = 128
const DESCRIPTION_BYTES = 512
const URL_BYTES = 2048
const BTNTXT_CHARS = 4
const DEFAULT_DUPLICATE_CHECK_S = 1800

/** An app message as a member received it. */
export interface DeliveredAppMessage {
  at: number
  touser: string[]
  msgtype: 'text' | 'textcard'
  text?: string
  textcard?: { title: string; description: string; url: string; btntxt: string }
}

const delivered = new WeakMap<SandboxState, DeliveredAppMessage[]>()
/** Duplicate check: request body → when it was last delivered (ms). */
const recent = new WeakMap<SandboxState, Map<string, number>>()

/** The app messages members of the sandbox corp received, oldest first (tests read what arrived). */
export function deliveredAppMessages(state: SandboxState): readonly DeliveredAppMessage[] {
  return delivered.get(state) ?? []
}

/** WeCom cuts a too-long title or description instead of refusing it. */
function cutToBytes(value: string, max: number): string {
  let out = ''
  for (const ch of value) {
    if (utf8Length(out + ch) > max) break
    out += ch
  }
  return out
}

function cutToChars(value: string, max: number): string {
  return charLength(value) <= max ? value : [...value].slice(0, max).join('')
}

function textcard(body: Fields): NonNullable<DeliveredAppMessage['textcard']> {
  const card = optionalObject(body, 'textcard') ?? {}
  const title = requiredString(card, 'title', 41016)
  const description = requiredString(card, 'description', 41017)
  const url = requiredString(card, 'url', 41018)
  if (utf8Length(url) > URL_BYTES) throw invalidParameter('url is over 2048 bytes')
  return {
    title: cutToBytes(title, TITLE_BYTES),
    description: cutToBytes(description, DESCRIPTION_BYTES),
    url,
    btntxt: cutToChars(optionalString(card, 'btntxt') || '详情', BTNTXT_CHARS),
  }
}

/**
 * message/send [doc 90236] for the app the sandbox's secret belongs to: text and textcard to
 * members (`touser`, `|`-separated, ≤ 1,000). The agentid must be the app's (301002 otherwise,
 * 41011 when missing); unknown members come back in `invaliduser`, 81013 when nobody is valid.
 * With `enable_duplicate_check` the same request within `duplicate_check_interval` seconds
 * (default 1,800) is answered ok but not delivered again.
 */
function sendAppMessage(context: SandboxContext, body: Fields) {
  const agentid = optionalInteger(body, 'agentid')
  if (agentid === undefined) throw new WeComError(41011, 'missing agentid')
  if (agentid !== SANDBOX_AGENTID) throw new WeComError(301002, `agentid ${agentid} is not the app of this secret`)
  const msgtype = requiredString(body, 'msgtype', 41008)
  if (msgtype !== 'text' && msgtype !== 'textcard') throw new WeComError(40008, `invalid message type ${msgtype}`)
  const requested = (optionalString(body, 'touser') ?? '').split('|').filter((id) => id !== '')
  if (requested.length === 0) throw new WeComError(40031, 'invalid user list: touser is empty')
  if (requested.length > USERS_PER_CALL) throw invalidParameter(`touser holds more than ${USERS_PER_CALL} ids`)
  const valid = requested.filter((userid) => context.state.memberById.has(userid))
  const invalid = requested.filter((userid) => !context.state.memberById.has(userid))
  if (valid.length === 0) throw new WeComError(81013, 'user & party & tag all invalid')
  const message: DeliveredAppMessage =
    msgtype === 'text'
      ? { at: context.now(), touser: valid, msgtype, text: requiredString(asFields(body.text), 'content', 41022) }
      : { at: context.now(), touser: valid, msgtype, textcard: textcard(body) }

  const now = context.now()
  const key = JSON.stringify(body)
  const seen = recent.get(context.state) ?? new Map<string, number>()
  recent.set(context.state, seen)
  const windowMs = (optionalInteger(body, 'duplicate_check_interval') ?? DEFAULT_DUPLICATE_CHECK_S) * 1000
  const duplicate =
    optionalInteger(body, 'enable_duplicate_check') === 1 && now - (seen.get(key) ?? -Infinity) < windowMs
  if (!duplicate) {
    seen.set(key, now)
    const list = delivered.get(context.state) ?? []
    list.push(message)
    delivered.set(context.state, list)
  }
  return { invaliduser: invalid.join('|'), invalidparty: '', invalidtag: '', msgid: context.newId('msg', 24) }
}

/** App messages (应用消息): what the console sends members, e.g. a reminder to publish a moment. */
export const appMessageRoutes: RouteTable = {
  'message/send': writeRoute((context, { body }) => sendAppMessage(context, body)),
}
