import { addTagsInputSchema, editTagInputSchema } from '@shared/customers'
import { measure } from '@shared/limits/text'
import { WECOM_LIMITS } from '@shared/limits/wecom'
import type { Locale } from '@shared/result'
import { describeIssue } from '@shared/validation'
import type { FieldCheck } from '../remarkRules'

/** Tag and tag-group names: at most 30 characters (code points), after trimming. */
const TAG_NAME_MAX = WECOM_LIMITS.tag.nameChars
/** Corp tags WeCom allows per corp. */
export const TAG_CAP = WECOM_LIMITS.tag.perCorp

const measured = (name: string, error: string | undefined): FieldCheck => ({
  ...measure(name.trim(), TAG_NAME_MAX, 'chars'),
  ...(error ? { error } : {}),
})

/** A new name for a tag or a group, checked with `editTagInputSchema` (the core's schema). */
export function tagNameCheck(name: string, locale: Locale): FieldCheck {
  const parsed = editTagInputSchema.safeParse({ id: 'check', name })
  const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === 'name')
  return measured(name, issue ? describeIssue(issue, locale) : undefined)
}

export interface AddTagsChecks {
  /** Only when creating a group. */
  groupName?: FieldCheck
  /** One per tag row, in order. */
  tags: FieldCheck[]
  /** An issue not tied to one row (e.g. no tag at all). */
  formError?: string
  /** Adding these tags would pass the corp's cap. */
  overCap: boolean
  ok: boolean
}

/**
 * The add-tags form (new group with tags, or more tags for a group), checked with
 * `addTagsInputSchema`: each row and the group name get the sentence the core would answer.
 */
export function addTagsChecks(
  input: { groupId?: string; groupName?: string; tagNames: string[] },
  locale: Locale,
  usedTags: number,
): AddTagsChecks {
  const candidate = input.groupId
    ? { groupId: input.groupId, tags: input.tagNames }
    : { groupName: input.groupName ?? '', tags: input.tagNames }
  const parsed = addTagsInputSchema.safeParse(candidate)
  let groupNameError: string | undefined
  const rowErrors: Array<string | undefined> = input.tagNames.map(() => undefined)
  let formError: string | undefined
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path
      const sentence = describeIssue(issue, locale)
      if (head === 'groupName') groupNameError ??= sentence
      else if (head === 'tags' && typeof index === 'number') rowErrors[index] ??= sentence
      else formError ??= sentence
    }
  }
  const overCap = usedTags + input.tagNames.length > TAG_CAP
  const result: AddTagsChecks = {
    tags: input.tagNames.map((name, i) => measured(name, rowErrors[i])),
    overCap,
    ok: parsed.success && !overCap,
  }
  if (!input.groupId) result.groupName = measured(input.groupName ?? '', groupNameError)
  if (formError) result.formError = formError
  return result
}
