import type { ChatType, GroupMsgSummary } from '../../../../../shared/massMessages'
import { SendJournalRepository } from '../../../store/repositories/send-journal'
import type { Workspace } from '../../../store/workspace'
import type { WecomClient } from '../../../wecom'
import { messageNotListed } from './errors'
import { listGroupMessages } from './list'
import { withLocalFacts, type HistoryViewer } from './local-facts'
import { MessageCache } from './message-cache'

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS
/** Around a send this console made: WeCom stamps the message within the call (the client gives up after 15 s). */
const SENT_HERE_BEFORE_MS = 5 * MINUTE_MS
const SENT_HERE_AFTER_MS = 5 * MINUTE_MS
/** How far back a msgid nothing local knows is looked for, one 30-day window at a time, newest first. */
export const LOOKUP_DAYS = 180
const LOOKUP_WINDOW_DAYS = 30

/**
 * One mass message by msgid, for a detail opened without the list (a reload, a direct link):
 * from the local cache of listed messages; else, for a message this console sent, from WeCom's
 * list around the time of its send; else from WeCom's list of the last 180 days, newest window
 * first, both chat types, until it shows. Whatever is listed on the way is cached.
 */
export async function getGroupMessage(
  client: WecomClient,
  workspace: Workspace,
  msgid: string,
  viewer: HistoryViewer,
  now: number = Date.now(),
): Promise<GroupMsgSummary> {
  const cached = workspace.repository(MessageCache).get(msgid)
  if (cached) return withLocalFacts(workspace, [cached], viewer)[0]!
  const find = async (chatType: ChatType, from: number, to: number) =>
    (await listGroupMessages(client, workspace, { chatType, from, to, filterType: 2 }, viewer, now)).find(
      (message) => message.msgid === msgid,
    )
  const sentHere = workspace.repository(SendJournalRepository).sentMessages([msgid]).get(msgid)
  if (sentHere) {
    const found = await find(
      sentHere.chatType,
      sentHere.sentAt - SENT_HERE_BEFORE_MS,
      sentHere.sentAt + SENT_HERE_AFTER_MS,
    )
    if (found) return found
  }
  // WeCom's windows are whole seconds: the newest ends a minute ahead, so a message of this very second is in it.
  const latest = now + MINUTE_MS
  const oldest = now - LOOKUP_DAYS * DAY_MS
  for (let newest = latest; newest > oldest; newest -= LOOKUP_WINDOW_DAYS * DAY_MS) {
    const from = Math.max(oldest, newest - LOOKUP_WINDOW_DAYS * DAY_MS)
    const [single, group] = await Promise.all([find('single', from, newest), find('group', from, newest)])
    const found = single ?? group
    if (found) return found
  }
  throw messageNotListed(msgid, LOOKUP_DAYS)
}
