import type {
  DraftPublish,
  MomentDraft,
  MomentDraftInput,
  MomentDraftSummary,
  MomentMedia,
  PublishJobSummary,
  RangeEstimate,
  RangeOptions,
  VisibleRange,
} from '@shared/moments-publish'
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { api, unwrap } from '../../api'
import { useAsyncAction } from '../../composables/useAsyncAction'

/**
 * Moment drafts (kept on this machine: composing works offline), their local media, the
 * visible-range choices and estimate, and the publish jobs, kept up to date by `onPublishUpdate`.
 */
export const useMomentPublishStore = defineStore('moments/publish', () => {
  const drafts = ref<MomentDraftSummary[]>([])
  const jobs = ref<PublishJobSummary[]>([])
  const loaded = ref(false)
  const { running: loading, error, run } = useAsyncAction({ keepError: true })
  const mediaUrls = reactive<Record<string, string>>({})
  const mediaLoading = new Map<string, Promise<string | undefined>>()
  let unsubscribe: (() => void) | undefined

  function upsertJob(job: PublishJobSummary): void {
    const rest = jobs.value.filter((candidate) => candidate.id !== job.id)
    jobs.value = [job, ...rest].sort((a, b) => b.createdAt - a.createdAt)
    if (job.draftId) {
      const publish: DraftPublish = {
        jobId: job.id,
        state: job.state,
        at: job.updatedAt,
        ...(job.scheduledAt ? { scheduledAt: job.scheduledAt } : {}),
      }
      drafts.value = drafts.value.map((draft) =>
        draft.id === job.draftId && job.state !== 'cancelled' ? { ...draft, publish } : draft,
      )
    }
  }

  /** Follows publish jobs as the core moves them (once per app). */
  function follow(): void {
    unsubscribe ??= api().moments.onPublishUpdate((job) => upsertJob(job))
  }

  async function load(): Promise<void> {
    follow()
    await run(async () => {
      const [draftList, jobList] = await Promise.all([
        unwrap(api().moments.listDrafts()),
        unwrap(api().moments.publishJobs()),
      ])
      drafts.value = draftList
      jobs.value = jobList
      loaded.value = true
    })
  }

  function upsert(summary: MomentDraftSummary): void {
    const rest = drafts.value.filter((draft) => draft.id !== summary.id)
    drafts.value = [summary, ...rest].sort((a, b) => b.updatedAt - a.updatedAt)
  }

  const get = (id: string): Promise<MomentDraft & { publish?: DraftPublish }> => unwrap(api().moments.getDraft({ id }))

  async function save(input: MomentDraftInput): Promise<MomentDraftSummary> {
    const summary = await unwrap(api().moments.saveDraft(input))
    upsert(summary)
    return summary
  }

  async function duplicate(id: string): Promise<MomentDraftSummary> {
    const copy = await unwrap(api().moments.duplicateDraft({ id }))
    upsert(copy)
    return copy
  }

  async function remove(id: string): Promise<void> {
    await unwrap(api().moments.removeDraft({ id }))
    drafts.value = drafts.value.filter((draft) => draft.id !== id)
  }

  /** Keeps a picked file locally after the core checked the moments rules; refused files throw with the rule named. */
  const addMedia = (kind: 'image' | 'video', file: { filename: string; contentType: string; dataBase64: string }) =>
    unwrap(api().moments.addDraftMedia({ kind, ...file })) as Promise<MomentMedia>

  function ensureMediaUrl(localMediaId: string): Promise<string | undefined> {
    if (mediaUrls[localMediaId]) return Promise.resolve(mediaUrls[localMediaId])
    let loadingUrl = mediaLoading.get(localMediaId)
    if (!loadingUrl) {
      loadingUrl = unwrap(api().moments.draftMediaDataUrl({ localMediaId }))
        .then(({ dataUrl }) => (mediaUrls[localMediaId] = dataUrl))
        .catch(() => {
          mediaLoading.delete(localMediaId)
          return undefined
        })
      mediaLoading.set(localMediaId, loadingUrl)
    }
    return loadingUrl
  }

  const rangeOptions = (): Promise<RangeOptions> => unwrap(api().moments.rangeOptions())
  const estimate = (range: VisibleRange): Promise<RangeEstimate> => unwrap(api().moments.estimateRange({ range }))

  async function publish(draftId: string, scheduledAt?: number): Promise<PublishJobSummary> {
    follow()
    const job = await unwrap(api().moments.publish(scheduledAt === undefined ? { draftId } : { draftId, scheduledAt }))
    upsertJob(job)
    return job
  }

  async function cancel(jobId: string): Promise<PublishJobSummary> {
    const job = await unwrap(api().moments.cancelPublish({ jobId }))
    upsertJob(job)
    return job
  }

  return {
    drafts,
    jobs,
    loaded,
    loading,
    error,
    mediaUrls,
    load,
    get,
    save,
    duplicate,
    remove,
    addMedia,
    ensureMediaUrl,
    rangeOptions,
    estimate,
    publish,
    cancel,
  }
})
