import { ElMessage } from 'element-plus'
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useAsyncAction } from '../../../composables/useAsyncAction'
import { useAppStore } from '../../../stores/app'
import { useTagsStore } from '../../../stores/customers/tags'
import { addTagsChecks, tagNameCheck } from './tagRules'

/**
 * The dialog that creates a tag group with tags, or adds tags to an existing group. Empty rows
 * are flagged only after a save attempt; length problems show as the user types.
 */
export function useAddTagsForm() {
  const app = useAppStore()
  const store = useTagsStore()
  const { t } = useI18n()
  const visible = ref(false)
  const { running: saving, error: saveError, run } = useAsyncAction()
  const submitted = ref(false)
  const groupId = ref<string>()
  const targetName = ref('')
  const groupName = ref('')
  const tagNames = ref<string[]>([''])

  const checks = computed(() =>
    addTagsChecks(
      { ...(groupId.value ? { groupId: groupId.value } : { groupName: groupName.value }), tagNames: tagNames.value },
      app.locale,
      store.tagCount,
    ),
  )
  /** An error to show under a field: always for length, for emptiness only after a save attempt. */
  const shown = (check: { used: number; error?: string } | undefined) =>
    check?.error && (submitted.value || check.used > 0) ? check.error : undefined

  function openNewGroup(): void {
    reset()
    visible.value = true
  }

  function openAddTags(group: { groupId: string; name: string }): void {
    reset()
    groupId.value = group.groupId
    targetName.value = group.name
    visible.value = true
  }

  function reset(): void {
    groupId.value = undefined
    targetName.value = ''
    groupName.value = ''
    tagNames.value = ['']
    submitted.value = false
    saveError.value = undefined
  }

  const addRow = () => tagNames.value.push('')
  const removeRow = (index: number) => {
    if (tagNames.value.length > 1) tagNames.value.splice(index, 1)
  }

  async function save(): Promise<boolean> {
    submitted.value = true
    if (!checks.value.ok || saving.value) return false
    const saved = await run(async () => {
      await store.add({
        ...(groupId.value ? { groupId: groupId.value } : { groupName: groupName.value.trim() }),
        tags: tagNames.value.map((name) => name.trim()),
      })
      visible.value = false
      ElMessage.success(t('customers.tags.added'))
      return true
    })
    return saved ?? false
  }

  return {
    visible,
    saving,
    saveError,
    groupId,
    targetName,
    groupName,
    tagNames,
    checks,
    shown,
    openNewGroup,
    openAddTags,
    addRow,
    removeRow,
    save,
  }
}

/** The rename dialog, for a tag or a whole group (WeCom's edit_corp_tag takes either id). */
export function useRenameForm() {
  const app = useAppStore()
  const store = useTagsStore()
  const { t } = useI18n()
  const visible = ref(false)
  const { running: saving, error: saveError, run } = useAsyncAction()
  const kind = ref<'tag' | 'group'>('tag')
  const id = ref('')
  const original = ref('')
  const name = ref('')
  const check = computed(() => tagNameCheck(name.value, app.locale))

  function open(target: { kind: 'tag' | 'group'; id: string; name: string }): void {
    kind.value = target.kind
    id.value = target.id
    original.value = target.name
    name.value = target.name
    saveError.value = undefined
    visible.value = true
  }

  async function save(): Promise<boolean> {
    if (check.value.error || saving.value) return false
    if (name.value.trim() === original.value) {
      visible.value = false
      return true
    }
    const saved = await run(async () => {
      await store.edit({ id: id.value, name: name.value.trim() })
      visible.value = false
      ElMessage.success(t('customers.tags.renamed'))
      return true
    })
    return saved ?? false
  }

  return { visible, saving, saveError, kind, name, check, open, save }
}
