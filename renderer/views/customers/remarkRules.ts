import { remarkInputSchema, type FollowDetail } from '@shared/customers'
import { measure, type LengthCheck } from '@shared/limits/text'
import { WECOM_LIMITS } from '@shared/limits/wecom'
import type { Locale } from '@shared/result'
import { describeIssue } from '@shared/validation'

export const REMARK_FIELDS = ['remark', 'description', 'remarkCompany'] as const
export type RemarkField = (typeof REMARK_FIELDS)[number]

/** WeCom's limits, in characters (Unicode code points): 20 / 150 / 20. */
const REMARK_LIMITS: Record<RemarkField, number> = {
  remark: WECOM_LIMITS.customer.remarkChars,
  description: WECOM_LIMITS.customer.descriptionChars,
  remarkCompany: WECOM_LIMITS.customer.remarkCompanyChars,
}

export type RemarkForm = Record<RemarkField, string>

/** A field measured against its limit, with the sentence to show when the core would refuse it. */
export interface FieldCheck extends LengthCheck {
  error?: string
}

export interface RemarkChecks {
  fields: Record<RemarkField, FieldCheck>
  /** An issue not tied to one of the three fields (should not happen from the form). */
  formError?: string
  ok: boolean
}

/**
 * Live checks for the remark editor, as the user types: the "N left" counters count code points
 * (an emoji is one character) and the verdict comes from `remarkInputSchema`, the schema the core
 * enforces, phrased by `describeIssue`, so a save the form allows is one the core accepts.
 */
export function remarkChecks(
  input: RemarkForm & { userid: string; externalUserid: string },
  locale: Locale,
): RemarkChecks {
  const parsed = remarkInputSchema.safeParse(input)
  const errors: Partial<Record<string, string>> = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '')] ??= describeIssue(issue, locale)
  }
  const fields = {} as Record<RemarkField, FieldCheck>
  for (const field of REMARK_FIELDS) {
    const check: FieldCheck = measure(input[field], REMARK_LIMITS[field], 'chars')
    const error = errors[field]
    if (error) check.error = error
    fields[field] = check
  }
  const other = Object.entries(errors).find(([key]) => !(REMARK_FIELDS as readonly string[]).includes(key))?.[1]
  const ok = parsed.success && REMARK_FIELDS.every((field) => fields[field].ok)
  return { fields, ok, ...(other ? { formError: other } : {}) }
}

/** Only the remark fields the user changed; omitted fields stay as they are in WeCom. */
export function changedRemarkFields(form: RemarkForm, follow: Pick<FollowDetail, RemarkField>): Partial<RemarkForm> {
  const changed: Partial<RemarkForm> = {}
  for (const field of REMARK_FIELDS) if (form[field] !== follow[field]) changed[field] = form[field]
  return changed
}

/** The tag ids to add and to remove to go from `current` to `wanted`. */
export function tagChanges(current: readonly string[], wanted: readonly string[]): { add: string[]; remove: string[] } {
  const had = new Set(current)
  const want = new Set(wanted)
  return { add: [...want].filter((id) => !had.has(id)), remove: [...had].filter((id) => !want.has(id)) }
}
