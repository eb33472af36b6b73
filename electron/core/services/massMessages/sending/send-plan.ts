import type { z } from 'zod'
import type { Draft } from '../../../../../shared/massMessages'
import type { Locale } from '../../../../../shared/result'
import { describeIssues } from '../../../../../shared/validation'
import type { Workspace } from '../../../store/workspace'
import { checkDraft, type SendableDraft } from './draft-check'
import { CHOOSE_OWNER, NO_RECIPIENTS } from './errors'
import { planRecipients, type RecipientPlan } from './recipients'

/** What sending a draft would do now: its parsed parts, its recipients, and what blocks it, in every language. */
export interface SendPlan {
  /** Present when content and targeting pass the send-time rules. */
  sendable?: SendableDraft
  recipients: RecipientPlan
  /** Empty when it can be sent. */
  problems: Record<Locale, string[]>
}

/** The issue of an empty owner list ("by owner" group targeting). */
const isNoOwner = (issue: z.core.$ZodIssue) =>
  issue.code === 'too_small' && issue.path.length === 1 && issue.path[0] === 'senders'

const NOBODY: RecipientPlan = { recipientIds: [], senders: new Map(), chunks: [] }

/** Checks a draft and resolves its recipients over the cache; shared by the preview and the send. */
export function planSend(workspace: Workspace, draft: Draft): SendPlan {
  const check = checkDraft(draft)
  if (!check.ok) {
    // "By owner" with nobody chosen says "choose an owner", not a generic missing field.
    const noOwner = check.issues.some(isNoOwner)
    const issues = check.issues.filter((issue) => !isNoOwner(issue))
    const say = (locale: Locale) => [...(noOwner ? [CHOOSE_OWNER[locale]] : []), ...describeIssues(issues, locale)]
    return { recipients: NOBODY, problems: { 'zh-CN': say('zh-CN'), en: say('en') } }
  }
  const recipients = planRecipients(workspace, check.targeting)
  const problems: SendPlan['problems'] =
    recipients.chunks.length === 0
      ? { 'zh-CN': [NO_RECIPIENTS['zh-CN']], en: [NO_RECIPIENTS.en] }
      : { 'zh-CN': [], en: [] }
  return { sendable: { content: check.content, targeting: check.targeting }, recipients, problems }
}
