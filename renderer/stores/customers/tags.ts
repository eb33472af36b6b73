import type {
  TagGroupSummary,
  TagSummary,
  addTagsInputSchema,
  editTagInputSchema,
  removeTagsInputSchema,
} from '@shared/customers'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { z } from 'zod'
import { api, unwrap } from '../../api'

/** A tag with the group it belongs to, for lookups by id. */
export interface TagRef extends TagSummary {
  groupId: string
  groupName: string
}

/** The corp tag library (cached by the sync): groups with their tags, and the writes on it. */
export const useTagsStore = defineStore('customers/tags', () => {
  const groups = ref<TagGroupSummary[]>([])
  const loaded = ref(false)

  const byId = computed(() => {
    const map = new Map<string, TagRef>()
    for (const group of groups.value) {
      for (const tag of group.tags) map.set(tag.id, { ...tag, groupId: group.groupId, groupName: group.name })
    }
    return map
  })
  /** Tags in the corp, against WeCom's cap per corp. */
  const tagCount = computed(() => groups.value.reduce((sum, group) => sum + group.tags.length, 0))

  async function load(): Promise<void> {
    groups.value = await unwrap(api().customers.listTags())
    loaded.value = true
  }

  /** Adds tags to a group, or creates a group with them; the group the core returns replaces the cached one. */
  async function add(input: z.input<typeof addTagsInputSchema>): Promise<TagGroupSummary> {
    const group = await unwrap(api().customers.addTags(input))
    const at = groups.value.findIndex((existing) => existing.groupId === group.groupId)
    if (at >= 0) groups.value.splice(at, 1, group)
    else groups.value.push(group)
    return group
  }

  async function edit(input: z.input<typeof editTagInputSchema>): Promise<void> {
    groups.value = await unwrap(api().customers.editTag(input))
  }

  async function remove(input: z.input<typeof removeTagsInputSchema>): Promise<void> {
    groups.value = await unwrap(api().customers.removeTags(input))
  }

  return { groups, loaded, byId, tagCount, load, add, edit, remove }
})
