import type { DraftSummary, SendJobSummary } from '@shared/mass-message'
import { ElMessage } from 'element-plus'
import { computed, onMounted } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { confirmWarning } from '../../composables/confirmWarning'
import { useAsyncAction } from '../../composables/useAsyncAction'
import { useCampaignsStore } from '../../stores/campaigns'
import { useDraftsStore } from '../../stores/drafts'

/** The drafts list and the send jobs on `/campaigns`, with their actions. */
export function useCampaignsHome() {
  const drafts = useDraftsStore()
  const campaigns = useCampaignsStore()
  const router = useRouter()
  const route = useRoute()
  const { t } = useI18n()

  /** The job just sent, highlighted in the list. */
  const highlightJob = computed(() => (typeof route.query['job'] === 'string' ? route.query['job'] : undefined))
  const titleOf = (item: { title: string }) => item.title.trim() || t('campaigns.untitled')

  onMounted(() => {
    void drafts.load()
    void campaigns.loadJobs()
  })

  const openDraft = (draft: DraftSummary) => router.push({ name: 'campaigns-compose', params: { id: draft.id } })

  /** Failures show as a toast. */
  const { run } = useAsyncAction({ toast: true })

  async function duplicateDraft(draft: DraftSummary): Promise<void> {
    await run(async () => {
      await drafts.duplicate(draft.id)
      ElMessage.success(t('drafts.duplicated'))
    })
  }

  async function removeDraft(draft: DraftSummary): Promise<void> {
    const question = t('drafts.deleteConfirm', { title: titleOf(draft) })
    const buttons = { confirmButtonText: t('drafts.delete'), cancelButtonText: t('common.cancel') }
    if (!(await confirmWarning(question, t('drafts.delete'), buttons))) return
    await run(async () => {
      await drafts.remove(draft.id)
      ElMessage.success(t('drafts.deleted'))
    })
  }

  async function cancelJob(job: SendJobSummary): Promise<void> {
    const question = t('campaigns.jobs.cancelConfirm', { title: titleOf(job) })
    const buttons = { confirmButtonText: t('campaigns.jobs.cancel'), cancelButtonText: t('common.close') }
    if (!(await confirmWarning(question, t('campaigns.jobs.cancel'), buttons))) return
    await run(async () => {
      await campaigns.cancelJob(job.id)
      ElMessage.success(t('campaigns.jobs.cancelled'))
    })
  }

  const openResults = (msgid: string) => router.push({ name: 'campaigns-history-detail', params: { msgid } })

  return { drafts, campaigns, highlightJob, titleOf, openDraft, duplicateDraft, removeDraft, cancelJob, openResults }
}
