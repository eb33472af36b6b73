import { lastNLocalDaysRange } from '@shared/date'
import type {
  ChatType,
  GroupMsgResultCounts,
  GroupMsgResultRow,
  GroupMsgSummary,
  GroupMsgTask,
  RemindStatus,
} from '@shared/massMessages'
import type { ApiError } from '@shared/result'
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
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

/** The corp's mass messages as WeCom tracks them: the list, and per message its tasks and results. */
export const useMassMessagesStore = defineStore('massMessages', () => {
  const query = reactive<HistoryQuery>({
    chatType: 'single',
    range: lastNLocalDaysRange(30),
    creator: '',
    filterType: 2,
  })
  const rows = ref<GroupMsgSummary[]>([])
  const loading = ref(false)
  const answered = ref(false)
  const error = ref<ApiError>()
  /** Every message seen in a list, by msgid, for the detail page's header. */
  const known = reactive(new Map<string, GroupMsgSummary>())
  let generation = 0

  async function load(): Promise<void> {
    const gen = ++generation
    loading.value = true
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
      error.value = undefined
      answered.value = true
    } catch (failure) {
      if (gen === generation) error.value = toApiError(failure)
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  const tasks = (msgid: string): Promise<GroupMsgTask[]> => unwrap(api().massMessages.tasks({ msgid }))
  const results = (msgid: string): Promise<{ counts: GroupMsgResultCounts; rows: GroupMsgResultRow[] }> =>
    unwrap(api().massMessages.results({ msgid }))
  const remindStatus = (msgid: string): Promise<RemindStatus> => unwrap(api().massMessages.remindStatus({ msgid }))
  const remind = (msgid: string): Promise<RemindStatus> => unwrap(api().massMessages.remind({ msgid }))
  const cancel = (msgid: string): Promise<{ msgid: string }> => unwrap(api().massMessages.cancel({ msgid }))
  const exportResults = (msgid: string, format: 'xlsx' | 'csv') => unwrap(api().massMessages.export({ msgid, format }))

  return {
    query,
    rows,
    loading,
    answered,
    error,
    known,
    load,
    tasks,
    results,
    remindStatus,
    remind,
    cancel,
    exportResults,
  }
})
