import type {
  GroupMsgResultCounts,
  GroupMsgResultRow,
  GroupMsgStatus,
  GroupMsgSummary,
  GroupMsgTask,
  RemindStatus,
} from '@shared/massMessages'
import type { ApiError } from '@shared/result'
import { ElMessage } from 'element-plus'
import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { confirmWarning } from '../../../composables/confirmWarning'
import { showApiError, toApiError } from '../../../composables/useApiError'
import { useAsyncAction } from '../../../composables/useAsyncAction'
import { useMassMessagesStore } from '../../../stores/massMessages'
import { useCount } from '../../../i18n/numbers'
import { formatDateTime } from '../../../components/format'
import { downloadBase64 } from './download'

export const RESULTS_PAGE_SIZE = 20
export const TASKS_PAGE_SIZE = 20
/** Right after a send, WeCom is still creating the member tasks; the page looks again by itself. */
export const DISPATCHING_CODE = 'mass_message_dispatching'
const DISPATCH_RETRY_MS = 3000
const DISPATCH_RETRIES = 40
export type ResultFilter = 'all' | GroupMsgResultRow['status']

/**
 * One sent message, loaded by its msgid alone (a reload or a link works as well as a click in the
 * list): its header, per-member tasks, per-recipient results, remind, stop and export. A stopped
 * message, or one every member has sent, offers neither remind nor stop.
 */
export function useHistoryDetail() {
  const store = useMassMessagesStore()
  const n = useCount()
  const route = useRoute()
  const router = useRouter()
  const { t } = useI18n()

  const msgid = computed(() => String(route.params['msgid'] ?? ''))
  const summary = ref<GroupMsgSummary>()
  const summaryError = ref<ApiError>()

  // Thousands of rows that are replaced, never edited: shallow, so Vue does not wrap each one.
  const tasks = shallowRef<GroupMsgTask[]>([])
  const { running: tasksLoading, error: tasksError, run: runTasks } = useAsyncAction({ keepError: true })
  const counts = ref<GroupMsgResultCounts>()
  const rows = shallowRef<GroupMsgResultRow[]>([])
  const { running: resultsLoading, error: resultsError, run: runResults } = useAsyncAction({ keepError: true })
  const remindStatus = ref<RemindStatus>()
  const reminding = ref(false)
  const { running: cancelling, run: runCancel } = useAsyncAction({ toast: true })
  const exporting = ref<'xlsx' | 'csv'>()

  const filter = ref<ResultFilter>('all')
  const search = ref('')
  const page = ref(1)
  const taskPage = ref(1)

  async function loadSummary(): Promise<void> {
    const id = msgid.value
    try {
      const found = await store.get(id)
      if (id === msgid.value) {
        summary.value = found
        summaryError.value = undefined
      }
    } catch (error) {
      if (id === msgid.value) summaryError.value = toApiError(error)
    }
  }

  async function loadTasks(): Promise<void> {
    await runTasks(async () => {
      tasks.value = await store.tasks(msgid.value)
    })
  }

  async function loadResults(): Promise<void> {
    await runResults(async () => {
      const result = await store.results(msgid.value)
      counts.value = result.counts
      rows.value = result.rows
    })
  }

  async function loadRemindStatus(): Promise<void> {
    try {
      remindStatus.value = await store.remindStatus(msgid.value)
    } catch {
      remindStatus.value = undefined
    }
  }

  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let retries = 0
  const stillDispatching = computed(
    () => tasksError.value?.code === DISPATCHING_CODE || resultsError.value?.code === DISPATCHING_CODE,
  )

  async function load(): Promise<void> {
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = undefined
    await Promise.all([loadSummary(), loadTasks(), loadResults(), loadRemindStatus()])
    if (stillDispatching.value && retries < DISPATCH_RETRIES) {
      retries++
      retryTimer = setTimeout(() => void load(), DISPATCH_RETRY_MS)
    }
  }
  watch(
    msgid,
    (id) => {
      retries = 0
      summary.value = store.known.get(id)
      if (id) void load()
    },
    { immediate: true },
  )
  onBeforeUnmount(() => {
    if (retryTimer) clearTimeout(retryTimer)
  })

  const sentTasks = computed(() => tasks.value.filter((task) => task.status === 2).length)
  const taskPercent = computed(() =>
    tasks.value.length ? Math.round((sentTasks.value / tasks.value.length) * 100) : 0,
  )
  /** Stopped by this console (WeCom keeps no such flag). */
  const stopped = computed(() => summary.value?.stoppedAt !== undefined)
  /** Every member has sent: nothing is left to remind or stop. */
  const allSent = computed(() => tasks.value.length > 0 && sentTasks.value === tasks.value.length)
  const status = computed<GroupMsgStatus | undefined>(() => {
    if (allSent.value) return 'sent'
    if (stopped.value) return 'stopped'
    return tasks.value.length > 0 || stillDispatching.value ? 'sending' : undefined
  })
  /** Why remind and stop are off, in words; empty while they are available. */
  const actionsOff = computed(() => {
    if (allSent.value) return t('massMessages.history.detail.allSentNote')
    if (stopped.value) return t('massMessages.history.detail.stoppedNote')
    return ''
  })
  const canRemind = computed(
    () => actionsOff.value === '' && remindStatus.value !== undefined && remindStatus.value.left > 0,
  )
  const canStop = computed(() => actionsOff.value === '')

  /** One page of the member tasks: a table of hundreds of members is drawn 20 rows at a time. */
  const taskPageRows = computed(() =>
    tasks.value.slice((taskPage.value - 1) * TASKS_PAGE_SIZE, taskPage.value * TASKS_PAGE_SIZE),
  )

  const filteredRows = computed(() => {
    const needle = search.value.trim().toLowerCase()
    return rows.value.filter(
      (row) =>
        (filter.value === 'all' || row.status === filter.value) &&
        (!needle ||
          row.memberName.toLowerCase().includes(needle) ||
          row.recipientName.toLowerCase().includes(needle) ||
          (row.externalUserid ?? row.chatId ?? '').toLowerCase().includes(needle)),
    )
  })
  const pageRows = computed(() =>
    filteredRows.value.slice((page.value - 1) * RESULTS_PAGE_SIZE, page.value * RESULTS_PAGE_SIZE),
  )
  watch([filter, search], () => {
    page.value = 1
  })

  async function remind(): Promise<void> {
    reminding.value = true
    try {
      remindStatus.value = await store.remind(msgid.value)
      ElMessage.success(t('massMessages.history.detail.reminded'))
    } catch (error) {
      showApiError(error)
      await loadRemindStatus()
    } finally {
      reminding.value = false
    }
  }

  async function cancel(): Promise<void> {
    const buttons = { confirmButtonText: t('massMessages.history.detail.cancel'), cancelButtonText: t('common.close') }
    if (
      !(await confirmWarning(
        t('massMessages.history.detail.cancelConfirm'),
        t('massMessages.history.detail.cancel'),
        buttons,
      ))
    )
      return
    await runCancel(async () => {
      const result = await store.cancel(msgid.value)
      summary.value = store.known.get(msgid.value) ?? {
        ...(summary.value as GroupMsgSummary),
        stoppedAt: result.stoppedAt,
        status: 'stopped',
      }
      if (result.alreadyStopped) {
        ElMessage.info(t('massMessages.history.detail.alreadyStopped', { time: formatDateTime(result.stoppedAt) }))
      } else {
        ElMessage.success(t('massMessages.history.detail.cancelled'))
      }
      await Promise.all([loadTasks(), loadResults()])
    })
  }

  const copying = ref(false)
  /**
   * A new draft from this message (massMessages:copyAsDraft): its text, links and mini programs, and
   * the files this console still keeps. Files only WeCom holds cannot be fetched back: the draft has a
   * card for each, and the toast names them to choose again. Opens the composer on the new draft.
   */
  async function copyAsDraft(): Promise<void> {
    const message = summary.value
    if (!message || copying.value) return
    copying.value = true
    try {
      const { draft, uncopied } = await store.copyAsDraft(message.msgid)
      if (uncopied.length > 0) {
        const items = uncopied
          .map((item) => t(`massMessages.history.detail.uncopied.${item.msgtype}`, { position: n(item.index + 1) }))
          .join(t('massMessages.history.detail.listSeparator'))
        ElMessage({
          type: 'warning',
          message: t('massMessages.history.detail.copiedDropped', { items }),
          duration: 10000,
          showClose: true,
        })
      } else {
        ElMessage.success(t('massMessages.history.detail.copied'))
      }
      await router.push({ name: 'massMessages-compose', params: { id: draft.id } })
    } catch (error) {
      showApiError(error)
    } finally {
      copying.value = false
    }
  }

  async function exportAs(format: 'xlsx' | 'csv'): Promise<void> {
    exporting.value = format
    try {
      const file = await store.exportResults(msgid.value, format)
      downloadBase64(file.filename, file.contentType, file.dataBase64)
      ElMessage.success(t('massMessages.history.detail.exported', { filename: file.filename }))
    } catch (error) {
      showApiError(error, t('massMessages.history.detail.exportFailed'))
    } finally {
      exporting.value = undefined
    }
  }

  return {
    msgid,
    stillDispatching,
    summary,
    summaryError,
    stopped,
    allSent,
    status,
    actionsOff,
    canRemind,
    canStop,
    tasks,
    tasksLoading,
    tasksError,
    counts,
    rows,
    resultsLoading,
    resultsError,
    remindStatus,
    reminding,
    cancelling,
    exporting,
    filter,
    search,
    page,
    taskPage,
    taskPageRows,
    sentTasks,
    taskPercent,
    filteredRows,
    pageRows,
    load,
    remind,
    cancel,
    exportAs,
    copying,
    copyAsDraft,
  }
}
