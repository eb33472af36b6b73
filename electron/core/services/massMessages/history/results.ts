import type { GroupMsgResultCounts, GroupMsgResultRow, GroupMsgTask } from '../../../../../shared/massMessages'
import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import type { Workspace } from '../../../store/workspace'
import type { WecomClient } from '../../../wecom'
import { mapConcurrent } from './concurrency'
import { explainMsgidErrors } from './errors'
import { cachedNames } from './names'

const PAGE_SIZE = WECOM_LIMITS.massMessage.taskPageSize
/** Members whose results are read at the same time; the client's limiter still paces the calls. */
const MEMBERS_IN_FLIGHT = 4

/** Every recipient of one mass message, and how many are in each state. */
export interface GroupMsgResults {
  counts: GroupMsgResultCounts
  rows: GroupMsgResultRow[]
}

const seconds = (value: number | undefined) => (value ? value * 1000 : undefined)

/** Each sending member's task (sent or not), every page, with member names from the cache. */
export async function groupMsgTasks(client: WecomClient, workspace: Workspace, msgid: string): Promise<GroupMsgTask[]> {
  const tasks = await explainMsgidErrors(msgid, () =>
    client.massMessages.getGroupMsgTask({ msgid, limit: PAGE_SIZE }).all(),
  )
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

/**
 * Every recipient's result: the members come from the task list, then each member's results are
 * read page by page. Recipient names come from the customer or group cache.
 */
export async function groupMsgResults(
  client: WecomClient,
  workspace: Workspace,
  msgid: string,
): Promise<GroupMsgResults> {
  const tasks = await groupMsgTasks(client, workspace, msgid)
  const perMember = await mapConcurrent(tasks, MEMBERS_IN_FLIGHT, (task) =>
    explainMsgidErrors(msgid, () =>
      client.massMessages.getGroupMsgSendResult({ msgid, userid: task.userid, limit: PAGE_SIZE }).all(),
    ),
  )
  const results = perMember.flat()
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
  const memberNames = new Map(tasks.map((task) => [task.userid, task.memberName]))
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

const COUNT_KEY = { 0: 'unsent', 1: 'sent', 2: 'notFriend', 3: 'overCap' } as const

/** WeCom's send status; anything unexpected counts as not sent rather than as delivered. */
function toStatus(status: number): GroupMsgResultRow['status'] {
  return status === 1 || status === 2 || status === 3 ? status : 0
}
