import type { GroupMsgSummary } from '../../../../../shared/massMessages'
import { SendJournalRepository } from '../../../store/repositories/send-journal'
import { TestSends } from '../sending/test-sends'
import type { Workspace } from '../../../store/workspace'
import { MessageCache, type ListedMessage } from './message-cache'
import { StopLog } from './stop-log'

/** Where the messages are shown from: the active connection profile. */
export interface HistoryViewer {
  /** The profile's name, shown beside messages this console sent. */
  profileName: string
}

/**
 * WeCom's messages with what only this console knows: the draft title and the profile of the
 * messages it sent (the send journal keeps each chunk's msgid), the stops it made, and which
 * messages every member has sent (so their status needs no further call).
 */
export function withLocalFacts(
  workspace: Workspace,
  messages: readonly ListedMessage[],
  viewer: HistoryViewer,
): GroupMsgSummary[] {
  const msgids = messages.map((message) => message.msgid)
  const sent = workspace.repository(SendJournalRepository).sentMessages(msgids)
  const stops = workspace.repository(StopLog).many(msgids)
  const tests = workspace.repository(TestSends).testMessages(msgids)
  const allSent = workspace.repository(MessageCache).allSent(msgids)
  return messages.map((message) => {
    const summary: GroupMsgSummary = { ...message }
    const own = sent.get(message.msgid)
    if (own) {
      if (own.title.trim() !== '') summary.title = own.title
      summary.sentHere = { profileName: viewer.profileName }
      if (tests.has(message.msgid)) summary.test = true
    }
    const stop = stops.get(message.msgid)
    if (allSent.has(message.msgid)) summary.status = 'sent'
    else if (stop) summary.status = 'stopped'
    if (stop) summary.stoppedAt = stop.stoppedAt
    return summary
  })
}
