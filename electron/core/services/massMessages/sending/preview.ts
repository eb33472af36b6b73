import type { Draft, SendPreview } from '../../../../../shared/massMessages'
import type { Locale } from '../../../../../shared/result'
import type { Workspace } from '../../../store/workspace'
import { cachedNames } from '../history/names'
import { DraftSends } from './draft-sends'
import { contentFingerprint } from './fingerprint'
import { countOverCap, receiveCapRule } from './receive-cap'
import { planSend } from './send-plan'

/**
 * What sending the draft would do, before anything is sent: recipients, the add_msg_template
 * calls it takes, the members who get a task (busiest first), how many recipients the console's own
 * records put over the receive cap (a lower bound, see `countOverCap`), what blocks sending, and
 * the latest send of the same content within a day (sending it again asks first).
 */
export function sendPreview(workspace: Workspace, draft: Draft, locale: Locale, now: number): SendPreview {
  const plan = planSend(workspace, draft)
  const { recipientIds, senders, chunks } = plan.recipients
  const names = cachedNames(workspace, 'member', senders.keys())
  const capRule = receiveCapRule(workspace)
  const earlierSend =
    plan.sendable && workspace.repository(DraftSends).sameContent(contentFingerprint(plan.sendable.content), now)
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
    ...(earlierSend ? { earlierSend } : {}),
  }
}
