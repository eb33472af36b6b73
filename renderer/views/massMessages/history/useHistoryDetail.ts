import type { GroupMsgResultCounts, GroupMsgResultRow, GroupMsgTask, RemindStatus } from '@shared/massMessages'
import { ElMessage } from 'element-plus'
import { computed, onBeforeUnmount, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'
import { confirmWarning } from '../../../composables/confirmWarning'
import { showApiError, toApiError } from '../../../composables/useApiError'
import { useAsyncAction } from '../../../composables/useAsyncAction'
import { useMassMessagesStore } from '../../../stores/massMessages'
import { downloadBase64 } from './download'

export const RESULTS_PAGE_SIZE = 20
/** Right after a send, WeCom is still creating the member tasks; the page looks again by itself. */
export const DISPATCHING_CODE = 'mass_message_dispatching'
const DISPATCH_RETRY_MS = 3000
const DISPATCH_RETRIES = 40
export type ResultFilter = 'all' | GroupMsgResultRow['status']

/** One sent message: per-member tasks, per-recipient results, remind, cancel and export. */
export function useHistoryDetail() {
  const store = useMassMessagesStore()
  const route = useRoute()
  const { t } = useI18n()

  const msgid = computed(() => String(route.params['msgid'] ?? ''))
  const summary = computed(() => store.known.get(msgid.value))

  const tasks = ref<GroupMsgTask[]>([])
  const { running: tasksLoading, error: tasksError, run: runTasks } = useAsyncAction({ keepError: true })
  const counts = ref<GroupMsgResultCounts>()
  const rows = ref<GroupMsgResultRow[]>([])
  const { running: resultsLoading, error: resultsError, run: runResults } = useAsyncAction({ keepError: true })
  const remindStatus = ref<RemindStatus>()
  const reminding = ref(false)
  const { running: cancelling, run: runCancel } = useAsyncAction({ toast: true })
  const exporting = ref<'xlsx' | 'csv'>()

  const filter = ref<ResultFilter>('all')
  const search = ref('')
  const page = ref(1)

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
    await Promise.all([loadTasks(), loadResults(), loadRemindStatus()])
    if (stillDispatching.value && retries < DISPATCH_RETRIES) {
      retries++
      retryTimer = setTimeout(() => void load(), DISPATCH_RETRY_MS)
    }
  }
  watch(
    msgid,
    (id) => {
      retries = 0
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
      await store.cancel(msgid.value)
      ElMessage.success(t('massMessages.history.detail.cancelled'))
      await loadTasks()
    })
  }

  async function exportAs(format: 'xlsx' | 'csv'): Promise<void> {
    exporting.value = format
    try {
      const file = await store.exportResults(msgid.value, format)
      downloadBase64(file.filename, file.contentType, file.dataBase64)
      ElMessage.success(t('massMessages.history.detail.exported', { filename: file.filename }))
    } catch (error) {
      const apiError = toApiError(error)
      ElMessage({
        type: 'error',
        message: `${t('massMessages.history.detail.exportFailed')} ${apiError.message} ${apiError.hint ?? ''}`.trim(),
        duration: 8000,
        showClose: true,
      })
    } finally {
      exporting.value = undefined
    }
  }

  return {
    msgid,
    stillDispatching,
    summary,
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
    sentTasks,
    taskPercent,
    filteredRows,
    pageRows,
    load,
    remind,
    cancel,
    exportAs,
  }
}
