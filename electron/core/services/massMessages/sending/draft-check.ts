import type { z } from 'zod'
import {
  massMessageContentSchema,
  targetingMatches,
  targetingSchema,
  type Draft,
  type Targeting,
} from '../../../../../shared/massMessages'
import type { FrozenContent } from '../../../store/repositories/send-journal'

/** A draft that passed the send-time rules: its content and targeting, parsed. */
export interface SendableDraft {
  content: FrozenContent
  targeting: Targeting
}

/** Either the parsed draft, or every rule it breaks (as zod issues, phrased later in the user's language). */
export type DraftCheck = ({ ok: true } & SendableDraft) | { ok: false; issues: z.core.$ZodIssue[] }

/**
 * Applies the strict send-time rules to a draft (saved leniently as the user typed): the content
 * schema (UTF-8 byte limits, attachments, media), the targeting schema, and that the targeting
 * suits the chat type.
 */
export function checkDraft(draft: Draft): DraftCheck {
  const content = massMessageContentSchema.safeParse(draft.content)
  const targeting = targetingSchema.safeParse(draft.targeting)
  const issues = [...(content.error?.issues ?? []), ...(targeting.error?.issues ?? [])]
  if (targeting.success && !targetingMatches(draft.chatType, targeting.data)) {
    issues.push({ code: 'custom', message: 'v.chatTypeTargeting', path: [], input: draft.targeting })
  }
  if (!content.success || !targeting.success || issues.length > 0) return { ok: false, issues }
  return { ok: true, content: content.data, targeting: targeting.data }
}
