import type { DraftSummary, SendJobSummary } from '@shared/mass-message'
import { ElMessage, ElMessageBox } from 'element-plus'
import { computed, onMounted } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { showApiError } from '../../composables/useApiError'
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

  async function duplicateDraft(draft: DraftSummary): Promise<void> {
    try {
      await drafts.duplicate(draft.id)
      ElMessage.success(t('drafts.duplicated'))
    } catch (error) {
      showApiError(error)
    }
  }

  async function removeDraft(draft: DraftSummary): Promise<void> {
    try {
      await ElMessageBox.confirm(t('drafts.deleteConfirm', { title: titleOf(draft) }), t('drafts.delete'), {
        type: 'warning',
        confirmButtonText: t('drafts.delete'),
        cancelButtonText: t('common.cancel'),
      })
    } catch {
      return
    }
    try {
      await drafts.remove(draft.id)
      ElMessage.success(t('drafts.deleted'))
    } catch (error) {
      showApiError(error)
    }
  }

  async function cancelJob(job: SendJobSummary): Promise<void> {
    try {
      await ElMessageBox.confirm(
        t('campaigns.jobs.cancelConfirm', { title: titleOf(job) }),
        t('campaigns.jobs.cancel'),
        {
          type: 'warning',
          confirmButtonText: t('campaigns.jobs.cancel'),
          cancelButtonText: t('common.close'),
        },
      )
    } catch {
      return
    }
    try {
      await campaigns.cancelJob(job.id)
      ElMessage.success(t('campaigns.jobs.cancelled'))
    } catch (error) {
      showApiError(error)
    }
  }

  const openResults = (msgid: string) => router.push({ name: 'campaigns-history-detail', params: { msgid } })

  return { drafts, campaigns, highlightJob, titleOf, openDraft, duplicateDraft, removeDraft, cancelJob, openResults }
}
