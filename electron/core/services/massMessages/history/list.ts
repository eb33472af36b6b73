import type { ChatType, GroupMsgSummary } from '../../../../../shared/massMessages'
import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import type { Workspace } from '../../../store/workspace'
import type { GroupMsg, WecomClient } from '../../../wecom'
import { mapConcurrent } from './concurrency'
import { withLocalFacts, type HistoryViewer } from './local-facts'
import { MessageCache, type ListedMessage } from './message-cache'
import { cachedNames } from './names'
import { listWindows } from './windows'

/** What the mass-message list shows: one chat type over any date range. */
export interface GroupMsgListQuery {
  chatType: ChatType
  /** ms since epoch, both included. */
  from: number
  to: number
  creator?: string
  /** 0 corp, 1 personal, 2 all. */
  filterType: 0 | 1 | 2
}

/** Windows fetched at the same time; the client's limiter still paces the calls. */
const WINDOWS_IN_FLIGHT = 3

/** Who looks at the list when the caller does not say (tests of WeCom's part only). */
const NO_VIEWER: HistoryViewer = { profileName: '' }

/**
 * The corp's mass messages in the range, newest first, with creator names from the member cache
 * and what this console knows of them (`withLocalFacts`). The range is split into windows WeCom
 * accepts (≤ 30 days), each read page by page; a message seen by two neighbouring windows is kept
 * once. Every message listed is remembered, so its detail opens by msgid later.
 */
export async function listGroupMessages(
  client: WecomClient,
  workspace: Workspace,
  query: GroupMsgListQuery,
  viewer: HistoryViewer = NO_VIEWER,
  now: number = Date.now(),
): Promise<GroupMsgSummary[]> {
  const perWindow = await mapConcurrent(listWindows(query.from, query.to), WINDOWS_IN_FLIGHT, (window) =>
    client.massMessages
      .getGroupMsgListV2({
        chat_type: query.chatType,
        start_time: window.startTime,
        end_time: window.endTime,
        filter_type: query.filterType,
        limit: WECOM_LIMITS.massMessage.listPageSize,
        ...(query.creator ? { creator: query.creator } : {}),
      })
      .all(),
  )
  const byMsgid = new Map<string, GroupMsg>()
  for (const message of perWindow.flat()) byMsgid.set(message.msgid, message)
  const messages = [...byMsgid.values()]
  const names = cachedNames(
    workspace,
    'member',
    messages.flatMap((message) => (message.creator ? [message.creator] : [])),
  )
  const listed = messages
    .map((message) => toSummary(message, query.chatType, names))
    .sort((a, b) => b.createTime - a.createTime || (a.msgid < b.msgid ? -1 : a.msgid > b.msgid ? 1 : 0))
  const attachments = new Map(messages.map((message) => [message.msgid, message.attachments ?? []] as const))
  workspace.repository(MessageCache).remember(listed, now, attachments)
  return withLocalFacts(workspace, listed, viewer)
}

function toSummary(message: GroupMsg, chatType: ChatType, names: ReadonlyMap<string, string>): ListedMessage {
  const summary: ListedMessage = {
    msgid: message.msgid,
    chatType,
    createType: message.create_type === 1 ? 1 : 0,
    createTime: Number(message.create_time) * 1000,
    text: message.text?.content ?? '',
    attachmentTypes: (message.attachments ?? []).map((attachment) => attachment.msgtype),
  }
  if (message.creator) {
    summary.creator = message.creator
    summary.creatorName = names.get(message.creator) ?? message.creator
  }
  return summary
}
