import type { AudiencePreview, CustomerFilter, CustomerQueryResult, GroupRow } from '@shared/customers'
import type { ReceiveCapRule, SendJobSummary, SendPreview, SendTestInput } from '@shared/massMessages'
import type { ApiError } from '@shared/result'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, unwrap } from '../../api'
import { toApiError } from '../../composables/useApiError'

/** Job states that can still change (the list shows them first and with live progress). */
const ACTIVE_JOB_STATES: readonly SendJobSummary['state'][] = ['scheduled', 'preparing', 'sending', 'reconciling']

/**
 * Sending mass messages: the preview before a send, the send jobs (live through
 * `massMessages.onJobUpdate`), the corp's receive-cap setting, and the audience lookups the
 * composer's targeting needs.
 */
export const useSendingStore = defineStore('massMessages/sending', () => {
  const jobs = ref<SendJobSummary[]>([])
  const jobsLoaded = ref(false)
  const jobsError = ref<ApiError>()
  const receiveCap = ref<ReceiveCapRule>()
  let subscribed = false

  const activeJobs = computed(() => jobs.value.filter((job) => ACTIVE_JOB_STATES.includes(job.state)))

  /** Newest first by creation. */
  function upsertJob(job: SendJobSummary): void {
    const rest = jobs.value.filter((existing) => existing.id !== job.id)
    jobs.value = [job, ...rest].sort((a, b) => b.createdAt - a.createdAt)
  }

  function subscribe(): void {
    if (subscribed) return
    subscribed = true
    api().massMessages.onJobUpdate(upsertJob)
  }

  async function loadJobs(): Promise<void> {
    subscribe()
    try {
      const list = await unwrap(api().massMessages.jobs())
      jobs.value = [...list].sort((a, b) => b.createdAt - a.createdAt)
      jobsError.value = undefined
      jobsLoaded.value = true
    } catch (failure) {
      jobsError.value = toApiError(failure)
    }
  }

  const preview = (draftId: string): Promise<SendPreview> => unwrap(api().massMessages.preview({ draftId }))

  /**
   * Sends now, or at `scheduledAt` (ms); the job then reports its progress as events.
   * `confirmRepeat`: the user confirmed sending content that went out (or is scheduled) a short time ago.
   */
  async function send(draftId: string, scheduledAt?: number, confirmRepeat = false): Promise<SendJobSummary> {
    subscribe()
    const job = await unwrap(
      api().massMessages.send({
        draftId,
        ...(scheduledAt ? { scheduledAt } : {}),
        ...(confirmRepeat ? { confirmRepeat: true } : {}),
      }),
    )
    upsertJob(job)
    return job
  }

  /** "Send to myself first": the draft now, to one customer or group of one member; the draft stays unsent. */
  async function sendTest(input: SendTestInput): Promise<SendJobSummary> {
    subscribe()
    const job = await unwrap(api().massMessages.sendTest(input))
    upsertJob(job)
    return job
  }

  async function cancelJob(jobId: string): Promise<SendJobSummary> {
    const job = await unwrap(api().massMessages.cancelJob({ jobId }))
    upsertJob(job)
    return job
  }

  async function loadSettings(): Promise<ReceiveCapRule> {
    const settings = await unwrap(api().massMessages.getSettings())
    receiveCap.value = settings.receiveCap
    return settings.receiveCap
  }

  async function setReceiveCap(rule: ReceiveCapRule): Promise<void> {
    const settings = await unwrap(api().massMessages.setSettings({ receiveCap: rule }))
    receiveCap.value = settings.receiveCap
  }

  /** How many customers a filter reaches, over the local customer cache. */
  const audience = (filter: CustomerFilter): Promise<AudiencePreview> =>
    unwrap(api().customers.previewAudience({ filter }))

  /** A few customers matching a search, for the "pick customers" list. */
  const findCustomers = (search: string, limit = 20): Promise<CustomerQueryResult> =>
    unwrap(
      api().customers.query({
        filter: search.trim() ? { search: search.trim() } : {},
        sort: { field: 'name', order: 'asc' },
        offset: 0,
        limit,
      }),
    )

  /** Customer groups matching a search and / or owners, for the "pick groups" list and owner counts. */
  const findGroups = (input: {
    search?: string
    owners?: string[]
    offset?: number
    limit?: number
  }): Promise<{ total: number; rows: GroupRow[] }> =>
    unwrap(
      api().customers.queryGroups({
        ...(input.search?.trim() ? { search: input.search.trim() } : {}),
        ...(input.owners?.length ? { owners: input.owners } : {}),
        sort: { field: 'name', order: 'asc' },
        offset: input.offset ?? 0,
        limit: input.limit ?? 50,
      }),
    )

  /** The cached groups with these ids (names for a draft's picked groups). */
  const groupsByIds = (chatIds: string[]): Promise<GroupRow[]> =>
    unwrap(api().customers.groupsByIds({ chatIds: [...chatIds] }))
  /** Names of the cached customers with these ids (a draft's picked customers). */
  const customerNames = (externalUserids: string[]): Promise<Array<{ externalUserid: string; name: string }>> =>
    unwrap(api().customers.customerNames({ externalUserids: [...externalUserids] }))

  return {
    jobs,
    jobsLoaded,
    jobsError,
    activeJobs,
    receiveCap,
    loadJobs,
    upsertJob,
    preview,
    send,
    sendTest,
    cancelJob,
    loadSettings,
    setReceiveCap,
    audience,
    findCustomers,
    findGroups,
    groupsByIds,
    customerNames,
  }
})
