import type { Draft, SendPreview } from '../../../../shared/mass-message'
import type { Locale } from '../../../../shared/result'
import { StatementCache } from '../../store/repositories/statement-cache'
import type { Workspace } from '../../store/workspace'
import { JSON_LIST, jsonList } from '../customers/filter-sql'
import { countOverCap, receiveCapRule } from './receive-cap'
import { planSend } from './send-plan'

/** Cached member names by userid (the userid stands in when the name is unknown). */
function memberNames(workspace: Workspace, userids: readonly string[]): Map<string, string> {
  const rows = workspace
    .repository(StatementCache)
    .get(`SELECT userid, name FROM members WHERE userid IN ${JSON_LIST}`)
    .all(jsonList(userids)) as Array<{ userid: string; name: string }>
  return new Map(rows.filter((row) => row.name !== '').map((row) => [row.userid, row.name]))
}

/**
 * What sending the draft would do, before anything is sent: recipients, the add_msg_template
 * calls it takes, the members who get a task (busiest first), how many recipients the console's own
 * records put over the receive cap (a lower bound, see `countOverCap`), and what blocks sending.
 */
export function sendPreview(workspace: Workspace, draft: Draft, locale: Locale, now: number): SendPreview {
  const plan = planSend(workspace, draft)
  const { recipientIds, senders, chunks } = plan.recipients
  const names = memberNames(workspace, [...senders.keys()])
  const capRule = receiveCapRule(workspace)
  return {
    chatType: draft.chatType,
    recipients: recipientIds.length,
    senders: [...senders]
      .map(([userid, count]) => ({ userid, name: names.get(userid) ?? userid, count }))
      .sort((a, b) => b.count - a.count || (a.userid < b.userid ? -1 : 1)),
    calls: chunks.length,
    overCap: countOverCap(workspace, draft.chatType, recipientIds, capRule, now),
    capRule,
    problems: plan.problems[locale],
  }
}
