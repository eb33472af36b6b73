import type { z } from 'zod'
import type {
  addTagsInputSchema,
  editTagInputSchema,
  removeTagsInputSchema,
  TagGroupSummary,
} from '../../../../../shared/customers'
import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import { CustomerCacheRepository } from '../../../store/repositories/customer-cache'
import type { Workspace } from '../../../store/workspace'
import type { WecomClient } from '../../../wecom'
import { duplicateGroupName, duplicateTagNames, tagCapReached, tagsNotFound } from './errors'
import { tagLibrary } from './library'

/** What a tag-library write needs: the cache to check and update, and the WeCom client to call first. */
export interface TagWriteDeps {
  workspace: Workspace
  client: () => Promise<WecomClient>
}

/** Inputs as the contract parses them. */
export type AddTagsInput = z.output<typeof addTagsInputSchema>
export type EditTagInput = z.output<typeof editTagInputSchema>
export type RemoveTagsInput = z.output<typeof removeTagsInputSchema>

/** Names that occur twice in `names` or already in `taken`, each once. */
function clashingNames(names: readonly string[], taken: readonly string[]): string[] {
  const seen = new Set(taken)
  const clashes = new Set<string>()
  for (const name of names) {
    if (seen.has(name)) clashes.add(name)
    seen.add(name)
  }
  return [...clashes]
}

/**
 * Adds tags to a group (by id, or by name: an existing group of that name, else a new one).
 * Refused before calling WeCom when a name repeats within the group or the corp would pass
 * 3,000 tags; then add_corp_tag, then the cache. Returns the whole group.
 */
export async function addTags(deps: TagWriteDeps, input: AddTagsInput): Promise<TagGroupSummary> {
  const { workspace } = deps
  const library = tagLibrary(workspace, { customerCounts: false })
  const group = library.find((g) => (input.groupId ? g.groupId === input.groupId : g.name === input.groupName))
  if (input.groupId && !group) throw tagsNotFound([input.groupId])
  const clashes = clashingNames(input.tags, group?.tags.map((tag) => tag.name) ?? [])
  if (clashes.length > 0) throw duplicateTagNames(clashes, group?.name ?? input.groupName ?? '')
  const existing = library.reduce((sum, g) => sum + g.tags.length, 0)
  if (existing + input.tags.length > WECOM_LIMITS.tag.perCorp) {
    throw tagCapReached(existing, input.tags.length, WECOM_LIMITS.tag.perCorp)
  }

  const client = await deps.client()
  const added = await client.tags.addCorpTag({
    ...(group ? { group_id: group.groupId } : { group_name: input.groupName }),
    tag: input.tags.map((name) => ({ name })),
  })
  workspace.transaction(() => workspace.repository(CustomerCacheRepository).upsertTagGroup(added, Date.now()))
  const [summary] = tagLibrary(workspace, { groupId: added.group_id })
  if (!summary) throw tagsNotFound([added.group_id])
  return summary
}

/** Renames (and optionally reorders) a tag or a tag group: edit_corp_tag, then the cache. */
export async function editTag(deps: TagWriteDeps, input: EditTagInput): Promise<TagGroupSummary[]> {
  const { workspace } = deps
  const library = tagLibrary(workspace, { customerCounts: false })
  const group = library.find((g) => g.groupId === input.id)
  const owner = group ? undefined : library.find((g) => g.tags.some((tag) => tag.id === input.id))
  if (group && library.some((other) => other !== group && other.name === input.name)) {
    throw duplicateGroupName(input.name)
  }
  if (!group && !owner) throw tagsNotFound([input.id])
  if (owner?.tags.some((tag) => tag.id !== input.id && tag.name === input.name)) {
    throw duplicateTagNames([input.name], owner.name)
  }

  const client = await deps.client()
  await client.tags.editCorpTag({
    id: input.id,
    name: input.name,
    ...(input.order !== undefined ? { order: input.order } : {}),
  })
  workspace.transaction(() =>
    workspace
      .repository(CustomerCacheRepository)
      .updateTagEntry(group ? 'group' : 'tag', input.id, { name: input.name, order: input.order }),
  )
  return tagLibrary(workspace)
}

/** Deletes tags and/or whole groups: del_corp_tag, then the cache (and the tags on customers). */
export async function removeTags(deps: TagWriteDeps, input: RemoveTagsInput): Promise<TagGroupSummary[]> {
  const { workspace } = deps
  const library = tagLibrary(workspace, { customerCounts: false })
  const groupIds = new Set(library.map((g) => g.groupId))
  const tagIds = new Set(library.flatMap((g) => g.tags.map((tag) => tag.id)))
  const unknown = [...input.tagIds.filter((id) => !tagIds.has(id)), ...input.groupIds.filter((id) => !groupIds.has(id))]
  if (unknown.length > 0) throw tagsNotFound(unknown)

  const client = await deps.client()
  await client.tags.delCorpTag({
    ...(input.tagIds.length > 0 ? { tag_id: input.tagIds } : {}),
    ...(input.groupIds.length > 0 ? { group_id: input.groupIds } : {}),
  })
  workspace.transaction(() =>
    workspace.repository(CustomerCacheRepository).deleteTagsAndGroups(input.tagIds, input.groupIds),
  )
  return tagLibrary(workspace)
}
