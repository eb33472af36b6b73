import { lastNLocalDaysRange } from '@shared/date'
import type {
  ChatType,
  GroupMsgProgress,
  GroupMsgResultCounts,
  GroupMsgResultRow,
  GroupMsgStatus,
  GroupMsgStopResult,
  GroupMsgSummary,
  GroupMsgTask,
  RemindStatus,
  SendJobSummary,
} from '@shared/massMessages'
import type { ApiError } from '@shared/result'
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { api, unwrap } from '../api'
import { toApiError } from '../composables/useApiError'

/** 0 corp, 1 personal, 2 all. */
export type CreatorFilter = 0 | 1 | 2

export interface HistoryQuery {
  chatType: ChatType
  /** ms: first day 00:00 and last day 23:59:59.999, local time (`localDaysRange`); the last 30 days at first. */
  range: [number, number]
  creator: string
  filterType: CreatorFilter
}

/** Only what the list shows: by title and text, and by status (`all`, or one of them). */
export interface HistorySearch {
  keyword: string
  status: GroupMsgStatus | 'all'
}

/** A row of the sent-messages list: a message in WeCom, or a send of this console still waiting for its time. */
export interface HistoryRow extends GroupMsgSummary {
  /** The send job, for a scheduled send (its msgid is still empty). */
  jobId?: string
  scheduledAt?: number
}

/** A scheduled send of this console as a list row (it reaches WeCom at its time). */
function scheduledRow(job: SendJobSummary, profileName: string): HistoryRow {
  return {
    msgid: '',
    jobId: job.id,
    chatType: job.chatType,
    createType: 0,
    createTime: job.scheduledAt ?? job.createdAt,
    scheduledAt: job.scheduledAt ?? job.createdAt,
    text: '',
    attachmentTypes: [],
    title: job.title,
    sentHere: { profileName },
    status: 'scheduled',
  }
}

/** Lower-cased for a search that ignores case. */
const folded = (value: string | undefined) => (value ?? '').toLocaleLowerCase()

/** The corp's mass messages as WeCom tracks them: the list, and per message its tasks and results. */
export const useMassMessagesStore = defineStore('massMessages', () => {
  const query = reactive<HistoryQuery>({
    chatType: 'single',
    range: lastNLocalDaysRange(30),
    creator: '',
    filterType: 2,
  })
  const rows = ref<GroupMsgSummary[]>([])
  /** This console's sends waiting for their time (any date), shown above the list. */
  const scheduled = ref<SendJobSummary[]>([])
  const search = reactive<HistorySearch>({ keyword: '', status: 'all' })
  /** Where each message stands (`massMessages:progress`), by msgid, as far as asked. */
  const progress = reactive(new Map<string, GroupMsgProgress>())
  const loading = ref(false)
  const answered = ref(false)
  const error = ref<ApiError>()
  /** Every message seen in a list, by msgid, for the detail page's header. */
  const known = reactive(new Map<string, GroupMsgSummary>())
  let generation = 0

  async function load(): Promise<void> {
    const gen = ++generation
    loading.value = true
    void loadScheduled()
    try {
      const list = await unwrap(
        api().massMessages.list({
          chatType: query.chatType,
          from: query.range[0],
          to: query.range[1],
          filterType: query.filterType,
          ...(query.creator ? { creator: query.creator } : {}),
        }),
      )
      if (gen !== generation) return
      rows.value = [...list].sort((a, b) => b.createTime - a.createTime)
      for (const row of list) known.set(row.msgid, row)
      // Messages still sending are asked again for the rows shown; final answers stay.
      for (const [msgid, item] of progress) if (item.status === 'sending') progress.delete(msgid)
      error.value = undefined
      answered.value = true
    } catch (failure) {
      if (gen === generation) error.value = toApiError(failure)
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  async function loadScheduled(): Promise<void> {
    try {
      scheduled.value = (await unwrap(api().massMessages.jobs())).filter((job) => job.state === 'scheduled')
    } catch {
      scheduled.value = []
    }
  }

  /** The status of a row: its own when known for good (scheduled, stopped, all sent), else as last asked. */
  function statusOf(row: HistoryRow): GroupMsgStatus | undefined {
    return row.status === 'scheduled' || row.status === 'stopped' || row.status === 'sent'
      ? row.status
      : progress.get(row.msgid)?.status
  }

  /** Scheduled sends of the chosen chat type, then WeCom's messages, narrowed by the search. */
  function visibleRows(profileName: string): HistoryRow[] {
    const waiting = scheduled.value
      .filter((job) => job.chatType === query.chatType)
      .sort((a, b) => (a.scheduledAt ?? 0) - (b.scheduledAt ?? 0))
      .map((job) => scheduledRow(job, profileName))
    const keyword = folded(search.keyword.trim())
    return [...waiting, ...rows.value].filter(
      (row) =>
        (search.status === 'all' || statusOf(row) === search.status) &&
        (!keyword || folded(row.title).includes(keyword) || folded(row.text).includes(keyword)),
    )
  }
  const searching = computed(() => search.keyword.trim() !== '' || search.status !== 'all')

  /** Asks where the messages stand, for those not known for good yet; a failure leaves their status blank. */
  async function loadProgress(msgids: readonly string[]): Promise<void> {
    const wanted = msgids.filter((msgid) => {
      if (!msgid) return false
      const row = known.get(msgid)
      const known_ = progress.get(msgid)
      return row?.status === undefined && known_?.status !== 'sent' && known_?.status !== 'stopped'
    })
    if (wanted.length === 0) return
    try {
      for (const item of await unwrap(api().massMessages.progress({ msgids: wanted }))) progress.set(item.msgid, item)
    } catch {
      // The column stays blank; the detail page says what is wrong.
    }
  }

  /** One message by msgid: as a list showed it, else from the core (its cache, else WeCom). */
  async function get(msgid: string): Promise<GroupMsgSummary> {
    const seen = known.get(msgid)
    if (seen) return seen
    const summary = await unwrap(api().massMessages.get({ msgid }))
    known.set(msgid, summary)
    return summary
  }

  /** Marks a message stopped everywhere it is shown. */
  function noteStopped(result: GroupMsgStopResult): void {
    const mark = (summary: GroupMsgSummary): GroupMsgSummary => ({
      ...summary,
      stoppedAt: result.stoppedAt,
      status: summary.status === 'sent' ? 'sent' : 'stopped',
    })
    const seen = known.get(result.msgid)
    if (seen) known.set(result.msgid, mark(seen))
    rows.value = rows.value.map((row) => (row.msgid === result.msgid ? mark(row) : row))
    progress.set(result.msgid, { msgid: result.msgid, status: 'stopped' })
  }

  const tasks = (msgid: string): Promise<GroupMsgTask[]> => unwrap(api().massMessages.tasks({ msgid }))
  const results = (msgid: string): Promise<{ counts: GroupMsgResultCounts; rows: GroupMsgResultRow[] }> =>
    unwrap(api().massMessages.results({ msgid }))
  const remindStatus = (msgid: string): Promise<RemindStatus> => unwrap(api().massMessages.remindStatus({ msgid }))
  const remind = (msgid: string): Promise<RemindStatus> => unwrap(api().massMessages.remind({ msgid }))
  async function cancel(msgid: string): Promise<GroupMsgStopResult> {
    const result = await unwrap(api().massMessages.cancel({ msgid }))
    noteStopped(result)
    return result
  }
  const exportResults = (msgid: string, format: 'xlsx' | 'csv') => unwrap(api().massMessages.export({ msgid, format }))
  /** A new draft from a sent message, and the attachments whose file is to be chosen again. */
  const copyAsDraft = (msgid: string) => unwrap(api().massMessages.copyAsDraft({ msgid }))

  return {
    query,
    rows,
    scheduled,
    search,
    searching,
    progress,
    loading,
    answered,
    error,
    known,
    load,
    loadScheduled,
    loadProgress,
    statusOf,
    visibleRows,
    get,
    tasks,
    results,
    remindStatus,
    remind,
    cancel,
    exportResults,
    copyAsDraft,
  }
})
