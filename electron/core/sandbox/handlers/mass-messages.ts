import { DAY_MS, toUnixSeconds } from '../clock'
import type { Customer, FollowRelation, MassMessage, MassMessageTask, SandboxState } from '../model'
import { pageOf, pageSize, type PageSizeRule } from '../pagination'
import { DeliveryLedger } from '../deliveries'
import { isDispatching, massTaskDelayMs, taskSentAtMs } from '../progress'
import { readRoute, writeRoute, type RouteTable, type SandboxContext } from '../routing'
import {
  asFields,
  optionalArray,
  optionalInteger,
  optionalObject,
  optionalString,
  requiredString,
  stringList,
  type Fields,
  listWindow,
} from '../request-fields'
import { invalidParameter, WeComError } from '../wecom-error'
import { requireMember } from './customers'
import { messageAttachments, textContent } from './message-content'

const EXTERNAL_USERIDS_MAX = 10_000
const CHAT_IDS_MAX = 2_000
const TAGS_PER_FILTER_GROUP_MAX = 100
const TEXT_MAX_BYTES = 4000
/** get_groupmsg_list_v2 accepts windows of at most one month (taken as 31 days). */
const LIST_WINDOW_MAX_MS = 31 * DAY_MS
const REMINDERS_PER_DAY = 3
const LIST_PAGE: PageSizeRule = { default: 50, max: 100, overMax: 'default' }
/** get_groupmsg_task / get_groupmsg_send_result: over 1,000 the default 500 is used (reference §12.13), not the maximum. */
const RESULT_PAGE: PageSizeRule = { default: 500, max: 1000, overMax: 'default' }

interface Audience {
  tasks: Map<string, string[]>
  failList: string[]
}

/** The tag_filter: a relation matches when it has a tag of every group (OR within a group, AND across). */
function tagFilter(body: Fields): string[][] {
  const groups = optionalArray(optionalObject(body, 'tag_filter') ?? {}, 'group_list')
  return groups.map((group) => stringList(asFields(group), 'tag_list', TAGS_PER_FILTER_GROUP_MAX))
}

function matchesTagFilter(relation: FollowRelation, filter: readonly string[][]): boolean {
  return filter.every((group) => group.length === 0 || group.some((tagId) => relation.tagIds.includes(tagId)))
}

/** Of several followers, the most recently added one gets the task (the reference's "last interacted"). */
function latestRelation(customer: Customer): FollowRelation | undefined {
  return customer.follows.reduce<FollowRelation | undefined>(
    (latest, relation) => (!latest || relation.createTime > latest.createTime ? relation : latest),
    undefined,
  )
}

function addRecipient(tasks: Map<string, string[]>, userid: string, recipient: string): void {
  const list = tasks.get(userid)
  if (list) list.push(recipient)
  else tasks.set(userid, [recipient])
}

/**
 * Listed customers, each routed to one follower (the sender if given); the rest go to fail_list.
 * When none is valid there is nothing to create: 40096 (the reference documents no code for this).
 */
function listedCustomers(
  state: SandboxState,
  externalUserids: readonly string[],
  sender: string | undefined,
): Audience {
  const audience: Audience = { tasks: new Map(), failList: [] }
  for (const externalUserid of new Set(externalUserids)) {
    const customer = state.customerById.get(externalUserid)
    const relation =
      customer && (sender ? customer.follows.find((follow) => follow.userid === sender) : latestRelation(customer))
    if (relation) addRecipient(audience.tasks, relation.userid, externalUserid)
    else audience.failList.push(externalUserid)
  }
  if (audience.tasks.size === 0) throw new WeComError(40096, 'no valid external_userid')
  return audience
}

function singleAudience(state: SandboxState, body: Fields, sender: string | undefined): Audience {
  const externalUserids = stringList(body, 'external_userid', EXTERNAL_USERIDS_MAX)
  const filter = tagFilter(body)
  if (externalUserids.length > 0) return listedCustomers(state, externalUserids, sender)
  if (!sender) throw invalidParameter('external_userid and sender are both empty')
  const recipients = (state.customersByMember.get(sender) ?? [])
    .filter((customer) =>
      customer.follows.some((follow) => follow.userid === sender && matchesTagFilter(follow, filter)),
    )
    .map((customer) => customer.externalUserid)
  return { tasks: new Map([[sender, recipients]]), failList: [] }
}

function groupAudience(state: SandboxState, body: Fields, sender: string | undefined): Audience {
  const chatIds = stringList(body, 'chat_id_list', CHAT_IDS_MAX)
  if (!sender) throw invalidParameter('sender is required for chat_type group')
  const owned = state.groupChats.filter((chat) => chat.owner === sender).map((chat) => chat.chatId)
  const wanted = new Set(chatIds)
  return { tasks: new Map([[sender, chatIds.length > 0 ? owned.filter((id) => wanted.has(id)) : owned]]), failList: [] }
}

function createMessage(context: SandboxContext, body: Fields) {
  const chatType = optionalString(body, 'chat_type') ?? 'single'
  if (chatType !== 'single' && chatType !== 'group') throw invalidParameter(`invalid chat_type ${chatType}`)
  const text = textContent(body, TEXT_MAX_BYTES)
  const attachments = messageAttachments(context, body)
  if (!text && attachments.length === 0) throw invalidParameter('text and attachments are both empty')
  const sender = optionalString(body, 'sender') || undefined
  if (sender) requireMember(context.state, sender)
  const audience =
    chatType === 'single' ? singleAudience(context.state, body, sender) : groupAudience(context.state, body, sender)
  const msgid = context.newId('msg', 27)
  const tasks: MassMessageTask[] = [...audience.tasks].map(([userid, recipients]) => ({
    userid,
    sendDelayMs: massTaskDelayMs(context.state.seed, msgid, userid),
    recipients,
  }))
  const message: MassMessage = {
    msgid,
    chatType,
    createType: 0,
    creator: undefined,
    createdAtMs: context.now(),
    text,
    attachments,
    tasks,
    cancelledAtMs: undefined,
    reminderTimesMs: [],
  }
  context.state.massMessages.push(message)
  return { fail_list: audience.failList, msgid }
}

function listMessages(context: SandboxContext, body: Fields) {
  const chatType = requiredString(body, 'chat_type')
  if (chatType !== 'single' && chatType !== 'group') throw invalidParameter(`invalid chat_type ${chatType}`)
  const { startMs, endMs, creator, filterType } = listWindow(body, LIST_WINDOW_MAX_MS, 'one month')
  const limit = pageSize(optionalInteger(body, 'limit'), LIST_PAGE)
  const matching = context.state.massMessages.filter(
    (message) =>
      message.chatType === chatType &&
      message.createdAtMs >= startMs &&
      message.createdAtMs <= endMs &&
      (filterType === 2 || message.createType === filterType) &&
      (!creator || message.creator === creator),
  )
  const { page, nextCursor } = pageOf(matching, optionalString(body, 'cursor'), limit)
  return { group_msg_list: page.map(messageView), next_cursor: nextCursor }
}

function messageView(message: MassMessage) {
  const view: Record<string, unknown> = {
    msgid: message.msgid,
    create_time: toUnixSeconds(message.createdAtMs),
    create_type: message.createType,
    attachments: message.attachments,
  }
  if (message.creator) view.creator = message.creator
  if (message.text) view.text = { content: message.text }
  return view
}

/** The message named by `msgid`: 40058 when unknown, 41063 while still being dispatched. */
function dispatchedMessage(context: SandboxContext, body: Fields): MassMessage {
  const message = findMessage(context.state, body)
  if (isDispatching(message, context.settings.taskSpeed, context.now()))
    throw new WeComError(41063, 'sync msg result is running')
  return message
}

function findMessage(state: SandboxState, body: Fields): MassMessage {
  const msgid = requiredString(body, 'msgid')
  const message = state.massMessages.find((candidate) => candidate.msgid === msgid)
  if (!message) throw invalidParameter(`invalid msgid ${msgid}`)
  return message
}

/** One ledger per running sandbox: recipients' outcomes are worked out once per change of the messages. */
const ledgers = new WeakMap<SandboxState, DeliveryLedger>()

function ledgerOf(context: SandboxContext): DeliveryLedger {
  let ledger = ledgers.get(context.state)
  if (!ledger) ledgers.set(context.state, (ledger = new DeliveryLedger(context.state, context.settings)))
  return ledger
}

function taskList(context: SandboxContext, body: Fields) {
  const message = dispatchedMessage(context, body)
  const limit = pageSize(optionalInteger(body, 'limit'), RESULT_PAGE)
  const { page, nextCursor } = pageOf(message.tasks, optionalString(body, 'cursor'), limit)
  const now = context.now()
  return {
    task_list: page.map((task) => {
      const sentAt = taskSentAtMs(context.state.seed, message, task, context.settings.taskSpeed, now)
      return sentAt === undefined
        ? { userid: task.userid, status: 0 }
        : { userid: task.userid, status: 2, send_time: toUnixSeconds(sentAt) }
    }),
    next_cursor: nextCursor,
  }
}

function sendResults(context: SandboxContext, body: Fields) {
  const message = dispatchedMessage(context, body)
  const userid = requiredString(body, 'userid')
  const limit = pageSize(optionalInteger(body, 'limit'), RESULT_PAGE)
  const task = message.tasks.find((candidate) => candidate.userid === userid)
  const { page, nextCursor } = pageOf(task?.recipients ?? [], optionalString(body, 'cursor'), limit)
  const now = context.now()
  const sentAt = task && taskSentAtMs(context.state.seed, message, task, context.settings.taskSpeed, now)
  const recipientField = message.chatType === 'single' ? 'external_userid' : 'chat_id'
  const ledger = ledgerOf(context)
  return {
    send_list: page.map((recipient) => {
      const status = task ? ledger.status(message, task, recipient, now) : 0
      const result: Record<string, unknown> = { [recipientField]: recipient, userid, status }
      if (status === 1 && sentAt !== undefined) result.send_time = toUnixSeconds(sentAt)
      return result
    }),
    next_cursor: nextCursor,
  }
}

/**
 * At most 3 reminders per msgid in any 24 h. The errcode for a 4th is undocumented; the sandbox
 * answers 40058 with an errmsg that says why. Every remind is kept: members who have not sent act
 * on it (progress.ts), so past reminds keep deciding past send times.
 */
function remind(context: SandboxContext, body: Fields) {
  const message = findMessage(context.state, body)
  const now = context.now()
  const recent = message.reminderTimesMs.filter((at) => now - at < DAY_MS)
  if (recent.length >= REMINDERS_PER_DAY)
    throw invalidParameter('remind limit reached: at most 3 reminders per msgid in 24 hours')
  message.reminderTimesMs.push(now)
  return {}
}

/** Mass messages (企业群发) [3.1–3.6]. */
export const massMessageRoutes: RouteTable = {
  'externalcontact/add_msg_template': writeRoute((context, { body }) => createMessage(context, body)),
  'externalcontact/get_groupmsg_list_v2': readRoute('POST', (context, { body }) => listMessages(context, body)),
  'externalcontact/get_groupmsg_task': readRoute('POST', (context, { body }) => taskList(context, body)),
  'externalcontact/get_groupmsg_send_result': readRoute('POST', (context, { body }) => sendResults(context, body)),
  'externalcontact/remind_groupmsg_send': writeRoute((context, { body }) => remind(context, body)),
  'externalcontact/cancel_groupmsg_send': writeRoute((context, { body }) => {
    const message = findMessage(context.state, body)
    message.cancelledAtMs ??= context.now()
    return {}
  }),
}
