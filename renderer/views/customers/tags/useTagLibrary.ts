import type { TagGroupSummary } from '@shared/customers'
import { ElMessage } from 'element-plus'
import { computed, onMounted, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { confirmWarning } from '../../../composables/confirmWarning'
import { showApiError } from '../../../composables/useApiError'
import { useAsyncAction } from '../../../composables/useAsyncAction'
import { useCount } from '../../../i18n/numbers'
import { useSyncStore } from '../../../stores/customers/sync'
import { useTagsStore } from '../../../stores/customers/tags'
import { TAG_CAP } from './tagRules'

/** The tag library page: loading, usage against the corp cap, selecting and deleting tags or groups. */
export function useTagLibrary() {
  const store = useTagsStore()
  const sync = useSyncStore()
  const { t } = useI18n()
  const n = useCount()
  const { running: loading, error: loadError, run } = useAsyncAction({ keepError: true })
  const selected = ref<string[]>([])
  const deleting = ref<string>()

  const usageText = computed(() => t('customers.tags.usage', { used: n(store.tagCount), max: n(TAG_CAP) }))
  const usagePercent = computed(() => Math.min(100, Math.round((store.tagCount / TAG_CAP) * 100)))

  async function load(): Promise<void> {
    await run(async () => {
      await store.load()
      const known = new Set(store.groups.flatMap((group) => group.tags.map((tag) => tag.id)))
      selected.value = selected.value.filter((id) => known.has(id))
    })
  }

  const isSelected = (tagId: string) => selected.value.includes(tagId)
  function toggle(tagId: string): void {
    selected.value = isSelected(tagId) ? selected.value.filter((id) => id !== tagId) : [...selected.value, tagId]
  }
  const selectedIn = (group: TagGroupSummary) => group.tags.filter((tag) => isSelected(tag.id)).map((tag) => tag.id)
  const clearSelection = (group: TagGroupSummary) => {
    const ids = new Set(selectedIn(group))
    selected.value = selected.value.filter((id) => !ids.has(id))
  }

  const confirm = (message: string, title: string) =>
    confirmWarning(message, title, { confirmButtonText: t('common.delete'), cancelButtonText: t('common.cancel') })

  async function removeSelected(group: TagGroupSummary): Promise<void> {
    const tagIds = selectedIn(group)
    if (tagIds.length === 0) return
    if (
      !(await confirm(
        t('customers.tags.deleteTagsConfirm', { count: tagIds.length }, tagIds.length),
        t('common.delete'),
      ))
    )
      return
    deleting.value = group.groupId
    try {
      await store.remove({ tagIds })
      selected.value = selected.value.filter((id) => !tagIds.includes(id))
      ElMessage.success(t('customers.tags.deleted'))
    } catch (error) {
      showApiError(error)
    } finally {
      deleting.value = undefined
    }
  }

  async function removeGroup(group: TagGroupSummary): Promise<void> {
    const message = t('customers.tags.deleteGroupConfirm', { name: group.name, count: group.tags.length })
    if (!(await confirm(message, t('customers.tags.deleteGroup')))) return
    deleting.value = group.groupId
    try {
      await store.remove({ groupIds: [group.groupId] })
      ElMessage.success(t('customers.tags.deleted'))
    } catch (error) {
      showApiError(error)
    } finally {
      deleting.value = undefined
    }
  }

  watch(() => sync.runsEnded, load)
  onMounted(() => {
    void load()
    sync.load().catch(() => undefined)
  })

  return {
    store,
    loading,
    loadError,
    deleting,
    usageText,
    usagePercent,
    load,
    isSelected,
    toggle,
    selectedIn,
    clearSelection,
    removeSelected,
    removeGroup,
  }
}
