import type { FollowDetail } from '@shared/customers'
import { ElMessage } from 'element-plus'
import { computed, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useAsyncAction } from '../../composables/useAsyncAction'
import { useAppStore } from '../../stores/app'
import { useCustomersStore } from '../../stores/customers'
import { changedRemarkFields, remarkChecks, tagChanges, type RemarkForm } from './remarkRules'

/**
 * Inline editing of one member ↔ customer relation: remark, description, remark company (checked
 * live against WeCom's limits) and tags. Only what changed is sent; what the user typed stays on
 * a failed save.
 */
export function useFollowEditor(
  source: () => { follow: FollowDetail; externalUserid: string },
  onUpdated: (follow: FollowDetail) => void,
) {
  const app = useAppStore()
  const store = useCustomersStore()
  const { t } = useI18n()
  const editing = ref(false)
  const { running: saving, error: saveError, run } = useAsyncAction()
  const form = reactive<RemarkForm & { tagIds: string[] }>({
    remark: '',
    description: '',
    remarkCompany: '',
    tagIds: [],
  })

  const follow = () => source().follow
  const checks = computed(() =>
    remarkChecks(
      {
        userid: follow().userid,
        externalUserid: source().externalUserid,
        remark: form.remark,
        description: form.description,
        remarkCompany: form.remarkCompany,
      },
      app.locale,
    ),
  )
  const remarkChanges = computed(() => changedRemarkFields(form, follow()))
  const tagDiff = computed(() =>
    tagChanges(
      follow().tags.map((tag) => tag.id),
      form.tagIds,
    ),
  )
  const dirty = computed(
    () =>
      Object.keys(remarkChanges.value).length > 0 || tagDiff.value.add.length > 0 || tagDiff.value.remove.length > 0,
  )

  /** "还可输入 N 字" / "N left", or how many characters are too many. */
  function start(): void {
    const current = follow()
    Object.assign(form, {
      remark: current.remark,
      description: current.description,
      remarkCompany: current.remarkCompany,
      tagIds: current.tags.map((tag) => tag.id),
    })
    saveError.value = undefined
    editing.value = true
  }

  function cancel(): void {
    editing.value = false
    saveError.value = undefined
  }

  /** Remark fields first (if changed), then tags (if changed); each success is shown at once. */
  async function save(): Promise<boolean> {
    if (!checks.value.ok || saving.value) return false
    const ids = { userid: follow().userid, externalUserid: source().externalUserid }
    const saved = await run(async () => {
      if (Object.keys(remarkChanges.value).length > 0) {
        onUpdated(await store.updateRemark({ ...ids, ...remarkChanges.value }))
      }
      const { add, remove } = tagDiff.value
      if (add.length > 0 || remove.length > 0) onUpdated(await store.markTags({ ...ids, add, remove }))
      editing.value = false
      ElMessage.success(t('customers.detail.saved'))
      return true
    })
    return saved ?? false
  }

  return { editing, saving, saveError, form, checks, dirty, start, cancel, save }
}
