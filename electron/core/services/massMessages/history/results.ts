import type { DatabaseSync } from 'node:sqlite'
import type { GroupMsgResultCounts, GroupMsgResultRow, GroupMsgTask } from '../../../../../shared/massMessages'
import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import type { Workspace } from '../../../store/workspace'
import type { GroupMsgSendResult, GroupMsgTask as WecomTask, WecomClient } from '../../../wecom'
import { mapConcurrent } from './concurrency'
import { explainMsgidErrors } from './errors'
import { MessageCache } from './message-cache'
import { cachedNames } from './names'
import { StopLog } from './stop-log'

const PAGE_SIZE = WECOM_LIMITS.massMessage.taskPageSize
/**
 * Members whose results are read at the same time: the WeCom client's own concurrency per path
 * (8), which its limiter enforces anyway; more would only queue.
 */
const MEMBERS_IN_FLIGHT = 8
/** Messages whose final per-member results are kept in memory, per workspace (the most recently read). */
const MEMO_MESSAGES = 20

/** Every recipient of one mass message, and how many are in each state. */
export interface GroupMsgResults {
  counts: GroupMsgResultCounts
  rows: GroupMsgResultRow[]
}

const seconds = (value: number | undefined) => (value ? value * 1000 : undefined)

/**
 * get_groupmsg_task answers, shared while in flight: the detail page asks for the tasks and the
 * results at once, and the results need the same task list, so one read serves both.
 */
const taskReads = new WeakMap<WecomClient, Map<string, Promise<WecomTask[]>>>()

/** Every member task of the message (all pages), read once for concurrent callers. */
export function readTasks(client: WecomClient, msgid: string): Promise<WecomTask[]> {
  let reads = taskReads.get(client)
  if (!reads) taskReads.set(client, (reads = new Map()))
  const running = reads.get(msgid)
  if (running) return running
  const read = explainMsgidErrors(msgid, () => client.massMessages.getGroupMsgTask({ msgid, limit: PAGE_SIZE }).all())
  reads.set(msgid, read)
  const forget = () => {
    if (reads.get(msgid) === read) reads.delete(msgid)
  }
  read.then(forget, forget)
  return read
}

/** One member's results as read, and whether that member had sent (task status 2) when they were read. */
interface MemberResults {
  sent: boolean
  results: GroupMsgSendResult[]
}

/**
 * Members' results kept in memory per workspace, so a reload (or a second look) asks WeCom only
 * about what can have changed. Each recipient's status is decided when the member sends: a
 * member's results read after they sent are final; results read before they sent (all "not sent",
 * the recipients fixed when the message was created) stay true while the member still has not
 * sent; and after a stop nothing changes any more.
 */
export class ResultsMemo {
  private readonly messages = new Map<string, Map<string, MemberResults>>()

  // Built per workspace by `workspace.repository`; nothing is stored in the database.
  constructor(_db: DatabaseSync) {}

  /** The member's results if they still hold for a member whose task is now `sentNow`. */
  get(msgid: string, userid: string, sentNow: boolean, stopped: boolean): GroupMsgSendResult[] | undefined {
    const known = this.messages.get(msgid)?.get(userid)
    return known && (known.sent || !sentNow || stopped) ? known.results : undefined
  }

  /** Drops what is kept of a message (tests compare with a fresh read). */
  forget(msgid: string): void {
    this.messages.delete(msgid)
  }

  set(msgid: string, userid: string, entry: MemberResults): void {
    let members = this.messages.get(msgid)
    if (members) this.messages.delete(msgid)
    else members = new Map()
    members.set(userid, entry)
    this.messages.set(msgid, members) // most recent last
    for (const oldest of this.messages.keys()) {
      if (this.messages.size <= MEMO_MESSAGES) break
      this.messages.delete(oldest)
    }
  }
}

/** Each sending member's task (sent or not), every page, with member names from the cache. */
export async function groupMsgTasks(client: WecomClient, workspace: Workspace, msgid: string): Promise<GroupMsgTask[]> {
  const tasks = await readTasks(client, msgid)
  noteAllSent(workspace, msgid, tasks)
  const names = cachedNames(
    workspace,
    'member',
    tasks.map((task) => task.userid),
  )
  return tasks.map((task) => {
    const sendTime = task.status === 2 ? seconds(task.send_time) : undefined
    return {
      userid: task.userid,
      memberName: names.get(task.userid) ?? task.userid,
      status: task.status === 2 ? 2 : 0,
      ...(sendTime ? { sendTime } : {}),
    }
  })
}

/** A message whose every member has sent can no longer change: the list shows it as sent without asking again. */
export function noteAllSent(workspace: Workspace, msgid: string, tasks: readonly WecomTask[]): void {
  if (tasks.length > 0 && tasks.every((task) => task.status === 2))
    workspace.repository(MessageCache).markAllSent(msgid, Date.now())
}

/**
 * Every recipient's result: the members come from the task list, then each member's results are
 * read page by page, except those already known to be final. Recipient names come from the
 * customer or group cache. For a message this console stopped, the recipients it reached are
 * recorded (for the receive-cap estimate) once they are known.
 */
export async function groupMsgResults(
  client: WecomClient,
  workspace: Workspace,
  msgid: string,
): Promise<GroupMsgResults> {
  const stops = workspace.repository(StopLog)
  const stop = stops.get(msgid)
  const tasks = await readTasks(client, msgid)
  noteAllSent(workspace, msgid, tasks)
  const memo = workspace.repository(ResultsMemo)
  const perMember = await mapConcurrent(tasks, MEMBERS_IN_FLIGHT, async (task) => {
    const sent = task.status === 2
    const known = memo.get(msgid, task.userid, sent, stop !== undefined)
    if (known) return known
    const results = await explainMsgidErrors(msgid, () =>
      client.massMessages.getGroupMsgSendResult({ msgid, userid: task.userid, limit: PAGE_SIZE }).all(),
    )
    // Read before the member sent, they may include a send that happened since the task list was read.
    const settled = sent || results.every((result) => result.status === 0)
    if (settled || stop !== undefined) memo.set(msgid, task.userid, { sent, results })
    return results
  })
  const results = perMember.flat()
  if (stop !== undefined && stop.reached === undefined) stops.setReached(msgid, reachedRecipients(results))
  const memberNames = cachedNames(
    workspace,
    'member',
    tasks.map((task) => task.userid),
  )
  const customers = cachedNames(
    workspace,
    'customer',
    results.flatMap((result) => (result.external_userid ? [result.external_userid] : [])),
  )
  const groups = cachedNames(
    workspace,
    'group',
    results.flatMap((result) => (result.chat_id ? [result.chat_id] : [])),
  )
  const counts: GroupMsgResultCounts = { sent: 0, unsent: 0, notFriend: 0, overCap: 0 }
  const rows = results.map((result): GroupMsgResultRow => {
    const status = toStatus(result.status)
    counts[COUNT_KEY[status]]++
    const recipient = result.external_userid ?? result.chat_id ?? ''
    const sendTime = status === 1 ? seconds(result.send_time) : undefined
    return {
      userid: result.userid,
      memberName: memberNames.get(result.userid) ?? result.userid,
      ...(result.external_userid ? { externalUserid: result.external_userid } : {}),
      ...(result.chat_id ? { chatId: result.chat_id } : {}),
      recipientName: (result.external_userid ? customers : groups).get(recipient) ?? recipient,
      status,
      ...(sendTime ? { sendTime } : {}),
    }
  })
  return { counts, rows }
}

/** The recipients a message reached: those it was sent to (status 1). */
export function reachedRecipients(results: readonly GroupMsgSendResult[]): string[] {
  return results.flatMap((result) =>
    result.status === 1 ? [result.external_userid ?? result.chat_id ?? ''].filter(Boolean) : [],
  )
}

const COUNT_KEY = { 0: 'unsent', 1: 'sent', 2: 'notFriend', 3: 'overCap' } as const

/** WeCom's send status; anything unexpected counts as not sent rather than as delivered. */
function toStatus(status: number): GroupMsgResultRow['status'] {
  return status === 1 || status === 2 || status === 3 ? status : 0
}
