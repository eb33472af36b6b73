import type { CorpTag, CorpTagGroup, SandboxState } from '../model'

/** Where a tag lives; built per request from the (small) tag library. */
export interface TagLocation {
  tag: CorpTag
  group: CorpTagGroup
}

/** Tag id → tag and group, over the whole library. */
export function tagIndex(state: SandboxState): Map<string, TagLocation> {
  const index = new Map<string, TagLocation>()
  for (const group of state.tagGroups) for (const tag of group.tags) index.set(tag.id, { tag, group })
  return index
}

/** Tags in the corp, for the 3,000 cap. */
export function countTags(state: SandboxState): number {
  return state.tagGroups.reduce((sum, group) => sum + group.tags.length, 0)
}
