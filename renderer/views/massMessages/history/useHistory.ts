import { localDaysRange } from '@shared/date'
import { computed, onMounted, ref, watch } from 'vue'
import { useRouter } from 'vue-router'
import { useAppStore } from '../../../stores/app'
import { useCustomersStore } from '../../../stores/customers'
import { useMassMessagesStore, type HistoryRow } from '../../../stores/massMessages'

export const HISTORY_PAGE_SIZE = 20

/** The sent-messages list: filters (kept in the store), search, paging, statuses, and opening a message. */
export function useHistory() {
  const store = useMassMessagesStore()
  const customers = useCustomersStore()
  const app = useAppStore()
  const router = useRouter()
  const page = ref(1)

  const range = computed<[Date, Date] | null>({
    get: () => [new Date(store.query.range[0]), new Date(store.query.range[1])] as [Date, Date],
    set: (value: [Date, Date] | null) => {
      store.query.range = value ? localDaysRange(value[0], value[1]) : store.query.range
    },
  })
  const profileName = computed(() => app.status?.profileName ?? '')
  const rows = computed(() => store.visibleRows(profileName.value))
  const pageRows = computed(() =>
    rows.value.slice((page.value - 1) * HISTORY_PAGE_SIZE, page.value * HISTORY_PAGE_SIZE),
  )

  function reload(): void {
    page.value = 1
    void store.load()
  }
  watch(
    () => JSON.stringify(store.query),
    () => reload(),
  )
  watch(
    () => JSON.stringify(store.search),
    () => {
      page.value = 1
    },
  )
  // The status column: asked for the rows on screen only, once the list has answered.
  watch(
    () => pageRows.value.map((row) => row.msgid).join(','),
    () => void store.loadProgress(pageRows.value.map((row) => row.msgid)),
  )
  onMounted(() => {
    reload()
    customers.loadMembers().catch(() => undefined)
  })

  const open = (row: HistoryRow) => {
    if (row.msgid) void router.push({ name: 'massMessages-history-detail', params: { msgid: row.msgid } })
  }
  const members = computed(() => customers.members)

  return { store, page, range, rows, pageRows, members, reload, open }
}
