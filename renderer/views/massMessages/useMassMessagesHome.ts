import type { DraftSend, DraftSummary, SendJobSummary } from '@shared/massMessages'
import { ElMessage } from 'element-plus'
import { computed, onMounted, watch } from 'vue'
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

  // A draft's send state comes from its jobs: when one of them moves on (scheduled → sending →
  // sent, cancelled), the drafts list is read again.
  const draftJobs = computed(() =>
    sending.jobs
      .filter((job) => job.draftId !== undefined)
      .map((job) => `${job.id}:${job.state}:${job.msgids.length}`)
      .join(','),
  )
  watch(draftJobs, (next, previous) => {
    if (drafts.loaded && next !== previous) void drafts.load()
  })

  /** The tag of a draft's send: sent, partly sent, scheduled, sending. */
  const sendStateOf = (send: DraftSend) => (send.state === 'sent' && send.partial ? 'partial' : send.state)

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

  /** Cancels a draft's scheduled send from the drafts list (after asking); the draft can be changed again. */
  async function cancelSchedule(draft: DraftSummary): Promise<void> {
    const jobId = draft.send?.state === 'scheduled' ? draft.send.jobId : undefined
    if (!jobId) return
    const question = t('massMessages.drafts.cancelScheduleConfirm', { title: titleOf(draft) })
    const buttons = {
      confirmButtonText: t('massMessages.drafts.cancelSchedule'),
      cancelButtonText: t('common.close'),
    }
    if (!(await confirmWarning(question, t('massMessages.drafts.cancelSchedule'), buttons))) return
    await run(async () => {
      await sending.cancelJob(jobId)
      await drafts.load()
      ElMessage.success(t('massMessages.drafts.scheduleCancelled'))
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

  return {
    drafts,
    sending,
    highlightJob,
    titleOf,
    sendStateOf,
    openDraft,
    duplicateDraft,
    removeDraft,
    cancelSchedule,
    cancelJob,
    openResults,
  }
}
