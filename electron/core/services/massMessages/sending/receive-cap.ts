import { addDays, corpDay, corpDayStart, daysInMonth, monthStart, weekStart } from '../../../../../shared/date'
import type { ChatType, ReceiveCapRule } from '../../../../../shared/massMessages'
import { SendJournalRepository } from '../../../store/repositories/send-journal'
import type { Workspace } from '../../../store/workspace'
import { StopLog } from '../history/stop-log'
import { ownerChatIds } from './recipients'

const SETTINGS_KEY = 'campaigns.receiveCap'
const DEFAULT_RULE: ReceiveCapRule = 'days-in-month'

/** The receive-cap rule the corp admin set (read from the workspace; `days-in-month` until the user says otherwise). */
export function receiveCapRule(workspace: Workspace): ReceiveCapRule {
  return workspace.kv.get<ReceiveCapRule>(SETTINGS_KEY) ?? DEFAULT_RULE
}

export function setReceiveCapRule(workspace: Workspace, rule: ReceiveCapRule): void {
  workspace.kv.set(SETTINGS_KEY, rule)
}

/** A cap period in ms [from, to) and how many mass messages a recipient may get in it (reference §3.7). */
export interface CapPeriod {
  from: number
  to: number
  cap: number
}

/** The natural day, week (Monday first) or month of corp days (China time, as WeCom counts) that contains `now`. */
export function capPeriod(rule: ReceiveCapRule, now: number): CapPeriod {
  const today = corpDay(now)
  const [first, days] =
    rule === 'daily-1'
      ? [today, 1]
      : rule === 'weekly-7'
        ? [weekStart(today), 7]
        : [monthStart(today), daysInMonth(today)]
  return { from: corpDayStart(first), to: corpDayStart(addDays(first, days)), cap: days }
}

/**
 * How many of `recipientIds` already got as many mass messages as the cap allows in the current
 * period, by this console's own send journal (sent chunks, minus their fail_list). Only recipients
 * whose task was or can still be sent count: of a message this console stopped, only those it had
 * reached before the stop (all of its recipients while that is not known yet).
 *
 * A lower bound: WeCom also counts mass messages created elsewhere (other apps, members' own
 * 群发助手), which the console cannot see. After sending, the results (status 3, "receive cap
 * reached") tell the truth per recipient.
 */
export function countOverCap(
  workspace: Workspace,
  chatType: ChatType,
  recipientIds: readonly string[],
  rule: ReceiveCapRule,
  now: number,
): number {
  const { from, to, cap } = capPeriod(rule, now)
  const received = new Map<string, number>()
  // "All of the sender's groups" chunks: each owner's cached groups are read once.
  const ownerGroups = new Map<string, string[]>()
  const groupsOf = (owner: string) => {
    let chatIds = ownerGroups.get(owner)
    if (chatIds === undefined) ownerGroups.set(owner, (chatIds = ownerChatIds(workspace, owner)))
    return chatIds
  }
  const chunks = workspace.repository(SendJournalRepository).sentChunksBetween(chatType, from, to)
  const stops = workspace.repository(StopLog).many(chunks.map((chunk) => chunk.msgid))
  for (const chunk of chunks) {
    const failed = new Set(chunk.failList)
    const stoppedReach = stops.get(chunk.msgid)?.reached
    const reachedBeforeStop = stoppedReach === undefined ? undefined : new Set(stoppedReach)
    const reached = chunk.recipients.length > 0 ? chunk.recipients : groupsOf(chunk.sender)
    for (const id of reached) {
      if (failed.has(id) || (reachedBeforeStop !== undefined && !reachedBeforeStop.has(id))) continue
      received.set(id, (received.get(id) ?? 0) + 1)
    }
  }
  return recipientIds.filter((id) => (received.get(id) ?? 0) >= cap).length
}
