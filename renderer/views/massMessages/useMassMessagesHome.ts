import type { DraftSummary, SendJobSummary } from '@shared/massMessages'
import { ElMessage } from 'element-plus'
import { computed, onMounted } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { confirmWarning } from '../../composables/confirmWarning'
import { useAsyncAction } from '../../composables/useAsyncAction'
import { useSendingStore } from '../../stores/massMessages/sending'
import { useDraftsStore } from '../../stores/massMessages/drafts'

/** The drafts list and the send jobs on `/massMessages`, with their actions. */
export function useCampaignsHome() {
  const drafts = useDraftsStore()
  const sending = useSendingStore()
  const router = useRouter()
  const route = useRoute()
  const { t } = useI18n()

  /** The job just sent, highlighted in the list. */
  const highlightJob = computed(() => (typeof route.query['job'] === 'string' ? route.query['job'] : undefined))
  const titleOf = (item: { title: string }) => item.title.trim() || t('massMessages.untitled')

  onMounted(() => {
    void drafts.load()
    void sending.loadJobs()
  })

  const openDraft = (draft: DraftSummary) => router.push({ name: 'massMessages-compose', params: { id: draft.id } })

  /** Failures show as a toast. */
  const { run } = useAsyncAction({ toast: true })

  async function duplicateDraft(draft: DraftSummary): Promise<void> {
    await run(async () => {
      await drafts.duplicate(draft.id)
      ElMessage.success(t('massMessages.drafts.duplicated'))
    })
  }

  async function removeDraft(draft: DraftSummary): Promise<void> {
    const question = t('massMessages.drafts.deleteConfirm', { title: titleOf(draft) })
    const buttons = { confirmButtonText: t('massMessages.drafts.delete'), cancelButtonText: t('common.cancel') }
    if (!(await confirmWarning(question, t('massMessages.drafts.delete'), buttons))) return
    await run(async () => {
      await drafts.remove(draft.id)
      ElMessage.success(t('massMessages.drafts.deleted'))
    })
  }

  async function cancelJob(job: SendJobSummary): Promise<void> {
    const question = t('massMessages.jobs.cancelConfirm', { title: titleOf(job) })
    const buttons = { confirmButtonText: t('massMessages.jobs.cancel'), cancelButtonText: t('common.close') }
    if (!(await confirmWarning(question, t('massMessages.jobs.cancel'), buttons))) return
    await run(async () => {
      await sending.cancelJob(job.id)
      ElMessage.success(t('massMessages.jobs.cancelled'))
    })
  }

  const openResults = (msgid: string) => router.push({ name: 'massMessages-history-detail', params: { msgid } })

  return { drafts, sending, highlightJob, titleOf, openDraft, duplicateDraft, removeDraft, cancelJob, openResults }
}
