import { localDaysRange } from '@shared/date'
import type { GroupMsgSummary } from '@shared/massMessages'
import { computed, onMounted, ref, watch } from 'vue'
import { useRouter } from 'vue-router'
import { useCustomersStore } from '../../../stores/customers'
import { useMassMessagesStore } from '../../../stores/massMessages'

export const HISTORY_PAGE_SIZE = 20

/** The sent-messages list: filters (kept in the store), paging, and opening a message. */
export function useHistory() {
  const store = useMassMessagesStore()
  const customers = useCustomersStore()
  const router = useRouter()
  const page = ref(1)

  const range = computed<[Date, Date] | null>({
    get: () => [new Date(store.query.range[0]), new Date(store.query.range[1])] as [Date, Date],
    set: (value: [Date, Date] | null) => {
      store.query.range = value ? localDaysRange(value[0], value[1]) : store.query.range
    },
  })
  const pageRows = computed(() =>
    store.rows.slice((page.value - 1) * HISTORY_PAGE_SIZE, page.value * HISTORY_PAGE_SIZE),
  )

  function reload(): void {
    page.value = 1
    void store.load()
  }
  watch(
    () => JSON.stringify(store.query),
    () => reload(),
  )
  onMounted(() => {
    reload()
    customers.loadMembers().catch(() => undefined)
  })

  const open = (row: GroupMsgSummary) =>
    router.push({ name: 'massMessages-history-detail', params: { msgid: row.msgid } })
  const members = computed(() => customers.members)

  return { store, page, range, pageRows, members, reload, open }
}
