import { measure, type LengthCheck } from '@shared/limits/text'
import { WECOM_LIMITS } from '@shared/limits/wecom'
import { massMessageContentSchema } from '@shared/massMessages'
import type { Locale } from '@shared/result'
import { describeIssue } from '@shared/validation'
import type { AttachmentDraft } from '../../../components/attachmentDraft'

/** The message-content limits the composer shows counters for. */
export const CONTENT_LIMITS = {
  textBytes: WECOM_LIMITS.massMessage.textBytes,
  attachments: WECOM_LIMITS.massMessage.attachments,
  linkTitleBytes: WECOM_LIMITS.massMessage.link.titleBytes,
  linkDescBytes: WECOM_LIMITS.massMessage.link.descBytes,
  miniprogramTitleBytes: WECOM_LIMITS.massMessage.miniprogram.titleBytes,
} as const

/** The verdict of the strict send-time rules on what is typed so far. */
export interface ContentCheck {
  /** One sentence per field, keyed by its path: `text`, `attachments.0.link.title`, … */
  fields: Record<string, string>
  /** Sentences about the message as a whole (nothing to send, too many attachments). */
  general: string[]
  ok: boolean
}

/**
 * Checks the message with the very schema the core applies before sending
 * (`massMessageContentSchema`) and phrases each problem as the core would (`describeIssue`).
 */
export function checkContent(text: string, attachments: readonly AttachmentDraft[], locale: Locale): ContentCheck {
  const parsed = massMessageContentSchema.safeParse({ text, attachments })
  const check: ContentCheck = { fields: {}, general: [], ok: parsed.success }
  if (parsed.success) return check
  for (const issue of parsed.error.issues) {
    const message = describeIssue(issue, locale)
    if (issue.path.length <= 1 && issue.path[0] !== 'text') {
      if (!check.general.includes(message)) check.general.push(message)
      continue
    }
    const key = issue.path.map(String).join('.')
    check.fields[key] ??= message
  }
  return check
}

/** The errors of one attachment, keyed by the path inside it (`link.title`, `image`, …). */
export function attachmentErrors(check: ContentCheck, index: number): Record<string, string> {
  const prefix = `attachments.${index}.`
  const errors: Record<string, string> = {}
  for (const [key, message] of Object.entries(check.fields)) {
    if (key.startsWith(prefix)) errors[key.slice(prefix.length)] = message
    else if (key === `attachments.${index}`) errors['_'] = message
  }
  return errors
}

/** UTF-8 bytes of the text against WeCom's 4,000-byte limit. */
export function measureText(text: string): LengthCheck {
  return measure(text, CONTENT_LIMITS.textBytes, 'bytes')
}
