import { profileInputSchema, type ProfileInput } from '@shared/profiles'
import type { Locale } from '@shared/result'
import { describeIssue } from '@shared/validation'

/**
 * Live field errors for the profile form, from the very schema the core enforces, so the user
 * sees the same verdict while typing that the core gives on save.
 */
export function profileFieldErrors(input: ProfileInput, locale: Locale, editing: boolean): Record<string, string> {
  const candidate = editing && !input.secret ? { ...input, secret: undefined } : input
  const parsed = profileInputSchema.safeParse(candidate)
  const errors: Record<string, string> = {}
  if (parsed.success) return errors
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '')
    errors[field] ??= describeIssue(issue, locale)
  }
  return errors
}
