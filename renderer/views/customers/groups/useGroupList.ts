import type { GroupDetail, GroupRow } from '@shared/customers'
import type { ApiError } from '@shared/result'
import { watchDebounced } from '@vueuse/core'
import { computed, onMounted, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { toApiError } from '../../../composables/useApiError'
import { useCount } from '../../../i18n/numbers'
import { useCustomersStore } from '../../../stores/customers'
import { useGroupsStore, type GroupSort } from '../../../stores/customers/groups'
import { useSyncStore } from '../../../stores/customers/sync'
import { SEARCH_DEBOUNCE_MS } from '../useCustomerList'
import { useListActions, type ExportFormat } from '../customerActions'

/** el-table's sort event → the contract's group sort; no order means back to newest first. */
export function toGroupSort(prop: string | null | undefined, order: string | null | undefined): GroupSort {
  const fields: Record<string, GroupSort['field']> = {
    name: 'name',
    memberCount: 'memberCount',
    createTime: 'createTime',
  }
  const field = prop ? fields[prop] : undefined
  if (!field || !order) return { field: 'createTime', order: 'desc' }
  return { field, order: order === 'ascending' ? 'asc' : 'desc' }
}

/** i18n key of a join_scene code (1 invited directly, 2 invitation link, 3 group QR code). */
function joinSceneKey(scene: number): string | undefined {
  return scene >= 1 && scene <= 3 ? `customers.groups.joinScene.s${scene}` : undefined
}

/** The customer groups page: search (debounced), owner filter, sorting, pages and the detail drawer. */
export function useGroupList() {
  const store = useGroupsStore()
  const customers = useCustomersStore()
  const sync = useSyncStore()
  const { t } = useI18n()
  const n = useCount()

  const firstPage = () => {
    store.query.page = 1
    void store.load()
  }
  watchDebounced(() => store.query.search, firstPage, { debounce: SEARCH_DEBOUNCE_MS })
  watch(() => store.query.owners.slice(), firstPage)

  function onSortChange({ prop, order }: { prop?: string | null; order?: string | null }): void {
    store.query.sort = toGroupSort(prop, order)
    firstPage()
  }
  function onPageChange(page: number): void {
    store.query.page = page
    void store.load()
  }
  function onPageSizeChange(size: number): void {
    store.query.pageSize = size
    firstPage()
  }

  const totalText = computed(() => t('customers.groups.total', { count: n(store.total) }, store.total))
  const filtered = computed(() => Boolean(store.query.search.trim()) || store.query.owners.length > 0)
  const memberName = (userid: string) => customers.members.find((m) => m.userid === userid)?.name ?? userid

  function joinSceneLabel(scene: number): string {
    const key = joinSceneKey(scene)
    return key ? t(key) : t('customers.groups.joinScene.other', { code: scene })
  }

  // Selection (kept across pages) and the actions on it.
  const selected = ref<GroupRow[]>([])
  const selectedText = computed(() =>
    t('customers.groups.selected', { count: n(selected.value.length) }, selected.value.length),
  )
  function onSelectionChange(rows: GroupRow[]): void {
    selected.value = rows
  }
  const actions = useListActions()
  /** Opens the composer: chat type group, the selected groups picked. */
  const massMessageSelected = () =>
    actions.compose('group', { mode: 'groups', chatIds: selected.value.map((row) => row.chatId) })
  /** Every group the search and owner filter match (all pages), in the table's order. */
  const exportAs = (format: ExportFormat) =>
    actions.exportAs(format, (fmt) => {
      const { offset: _offset, limit: _limit, ...query } = store.queryInput()
      return store.exportGroups({ ...query, format: fmt })
    })

  // Detail drawer.
  const detailVisible = ref(false)
  const detailLoading = ref(false)
  const detail = ref<GroupDetail>()
  const detailError = ref<ApiError>()
  let current = ''
  async function openDetail(row: GroupRow): Promise<void> {
    current = row.chatId
    detailVisible.value = true
    detail.value = undefined
    detailError.value = undefined
    detailLoading.value = true
    try {
      const loaded = await store.get(row.chatId)
      if (current === row.chatId) detail.value = loaded
    } catch (error) {
      if (current === row.chatId) detailError.value = toApiError(error)
    } finally {
      if (current === row.chatId) detailLoading.value = false
    }
  }

  watch(
    () => sync.runsEnded,
    () => void store.load(),
  )
  onMounted(() => {
    void store.load()
    if (customers.members.length === 0) customers.loadMembers().catch(() => undefined)
    sync.load().catch(() => undefined)
  })

  return {
    store,
    customers,
    totalText,
    filtered,
    memberName,
    joinSceneLabel,
    onSortChange,
    onPageChange,
    onPageSizeChange,
    detailVisible,
    detailLoading,
    detail,
    detailError,
    openDetail,
    selected,
    selectedText,
    onSelectionChange,
    massMessageSelected,
    composing: actions.composing,
    exporting: actions.exporting,
    exportAs,
  }
}
