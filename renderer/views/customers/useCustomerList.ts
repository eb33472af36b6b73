import type { CustomerRow, CustomerSort } from '@shared/customers'
import { ElCheckbox, type Column } from 'element-plus'
import { watchDebounced } from '@vueuse/core'
import { computed, h, onMounted, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { isFilterActive, toCustomerFilter } from '../../components/customerFilter/form'
import { showApiError } from '../../composables/useApiError'
import { useCustomersStore, type CustomerTableRow } from '../../stores/customers'
import { useSyncStore } from '../../stores/customers/sync'
import { useTagsStore } from '../../stores/customers/tags'
import { useCount } from '../../i18n/numbers'
import { SORT_CHOICES, sortChoiceOf, type SortChoice } from './customerFilter'
import { api, unwrap } from '../../api'
import { useListActions, type ExportFormat } from './customerActions'

/** An export that takes longer than this shows how far it is. */
export const EXPORT_PROGRESS_AFTER_MS = 1000
/** Typing in the search box queries once the user pauses this long. */
export const SEARCH_DEBOUNCE_MS = 250

/** Table column key → the contract's sort field, for the sortable columns. */
const SORT_FIELD_BY_COLUMN: Record<string, CustomerSort['field']> = {
  name: 'name',
  followers: 'followCount',
  addedAt: 'addedAt',
}

/**
 * State and handlers of the Customers page: the filter bar (search debounced, other filters at
 * once), sorting, the virtual table's columns and visible windows, and reloads after a sync.
 */
export function useCustomerList() {
  const store = useCustomersStore()
  const tags = useTagsStore()
  const sync = useSyncStore()
  const { t } = useI18n()
  const n = useCount()

  /** Queries only when the form means a different filter than the rows on screen. */
  function applyIfChanged(): void {
    if (JSON.stringify(toCustomerFilter(store.form)) !== JSON.stringify(store.filter)) void store.apply()
  }

  // A search that ran already (Enter, reset) makes the late debounced call find nothing changed.
  watchDebounced(() => store.form.search, applyIfChanged, { debounce: SEARCH_DEBOUNCE_MS })
  watch(() => {
    const { search: _search, ...rest } = store.form
    return JSON.stringify(rest)
  }, applyIfChanged)

  const filterActive = computed(() => isFilterActive(store.form))
  const sortChoice = computed<SortChoice>({
    get: () => sortChoiceOf(store.sort),
    set: (choice) => void store.setSort(SORT_CHOICES[choice]),
  })
  const sortChoices = Object.keys(SORT_CHOICES) as SortChoice[]

  function resetFilters(): void {
    void store.resetFilters()
  }

  const totalText = computed(() => t('customers.total', { count: n(store.total) }, store.total))
  /** Which empty state to show instead of the table, if any. */
  const emptyState = computed<'noData' | 'noMatch' | undefined>(() => {
    if (!store.answered || store.total > 0) return undefined
    return Object.keys(store.filter).length > 0 ? 'noMatch' : 'noData'
  })

  // ── Hand-picked customers (kept across filters and sorts until cleared) ─────────────────
  /** Selected external_userids, in the order they were ticked. */
  const selected = reactive(new Set<string>())
  const selectedIds = computed(() => [...selected])
  function toggleSelected(externalUserid: string, on: boolean): void {
    if (on) selected.add(externalUserid)
    else selected.delete(externalUserid)
  }
  function clearSelection(): void {
    selected.clear()
  }
  /** The header box: ticks every customer loaded in the list now, or clears the selection when some are ticked. */
  function toggleLoaded(): void {
    if (selected.size > 0) return clearSelection()
    for (const row of store.rows) if (row.customer) selected.add(row.customer.externalUserid)
  }

  /** The tick box column: its clicks select, they do not open the customer. */
  const selectColumn = (): Column => ({
    key: 'select',
    width: 48,
    align: 'center',
    headerCellRenderer: () =>
      h(ElCheckbox, {
        modelValue: selected.size > 0,
        indeterminate: selected.size > 0,
        'aria-label': t(selected.size > 0 ? 'customers.selection.clearAll' : 'customers.selection.selectLoaded'),
        'data-testid': 'customer-select-all',
        onChange: toggleLoaded,
      }),
    cellRenderer: ({ rowData }: { rowData: CustomerTableRow }) => {
      const customer = rowData.customer
      if (!customer) return h('span')
      return h(
        'span',
        { class: 'cell-select', onClick: (event: Event) => event.stopPropagation() },
        h(ElCheckbox, {
          modelValue: selected.has(customer.externalUserid),
          'aria-label': t('customers.selection.selectRow', { name: customer.name }),
          'data-testid': 'customer-select',
          'onUpdate:modelValue': (on: string | number | boolean) =>
            toggleSelected(customer.externalUserid, Boolean(on)),
        }),
      )
    },
  })

  const columns = computed<Column[]>(() => [
    selectColumn(),
    { key: 'name', title: t('customers.columns.name'), width: 200, flexGrow: 1, sortable: true },
    { key: 'corpName', title: t('customers.columns.corpName'), width: 150, flexGrow: 1 },
    { key: 'followers', title: t('customers.columns.followers'), width: 220, flexGrow: 2, sortable: true },
    { key: 'tags', title: t('customers.columns.tags'), width: 240, flexGrow: 2 },
    { key: 'addedAt', title: t('customers.columns.addedAt'), width: 120, sortable: true },
  ])
  const sortBy = computed(() => ({
    key: Object.keys(SORT_FIELD_BY_COLUMN).find((key) => SORT_FIELD_BY_COLUMN[key] === store.sort.field) ?? 'addedAt',
    order: store.sort.order,
  }))

  function onColumnSort({ key, order }: { key: string | number | symbol; order: 'asc' | 'desc' }): void {
    const field = SORT_FIELD_BY_COLUMN[String(key)]
    if (field) void store.setSort({ field, order })
  }

  /** The table rendered rows first..last (visible plus overscan): fetch the windows they need. */
  function onRowsRendered({ rowCacheStart, rowCacheEnd }: { rowCacheStart: number; rowCacheEnd: number }): void {
    store.ensureRange(rowCacheStart, rowCacheEnd)
  }

  /** Tag names of a row, looked up in the tag library. */
  function tagNames(customer: CustomerRow): string[] {
    return customer.tagIds.map((id) => tags.byId.get(id)?.name).filter((name): name is string => Boolean(name))
  }

  function followersText(customer: CustomerRow): string {
    return customer.followers
      .map((f) =>
        f.remark ? t('customers.followerWithRemark', { member: f.memberName, remark: f.remark }) : f.memberName,
      )
      .join(t('common.listSeparator'))
  }

  /** Tags, members and the first window; coming back to the page re-reads the rows in view. */
  async function load(): Promise<void> {
    await Promise.all([
      tags.load().catch(showApiError),
      store.loadMembers().catch(showApiError),
      store.answered ? store.refresh() : store.apply(),
    ])
  }

  // A sync that ended (done, cancelled or failed) changed the cache: show what is there now.
  watch(
    () => sync.runsEnded,
    () => {
      void tags.load().catch(() => undefined)
      void store.loadMembers().catch(() => undefined)
      void store.refresh()
    },
  )

  // Customers are in the cache once their phase is over: show them while groups still sync.
  watch(
    () => sync.status?.phase,
    (phase, before) => {
      if (before === 'customers' && phase !== 'customers' && sync.active) {
        void tags.load().catch(() => undefined)
        void store.refresh()
      }
    },
  )

  onMounted(load)

  // Actions on the filtered customers (the filter the rows were fetched with).
  const actions = useListActions()
  /** Opens the composer: chat type single, this filter as the audience. */
  const massMessageFiltered = () => actions.compose('single', { mode: 'filter', filter: { ...store.filter } })
  /** Opens the composer: chat type single, the selected customers as a picked list. */
  const massMessageSelected = () =>
    actions.compose('single', { mode: 'customers', externalUserids: [...selectedIds.value] })
  /** Rows read so far by an export that runs longer than a second (shown beside the button). */
  const exportProgress = ref<{ done: number; total: number }>()
  /** Every filtered customer (not just the rows in view), in the table's order. */
  const exportAs = (format: ExportFormat) =>
    actions.exportAs(format, async (fmt) => {
      let latest: { done: number; total: number } | undefined
      let slow = false
      const stop = api().customers.onExportProgress((progress) => {
        latest = progress
        if (slow) exportProgress.value = progress
      })
      const timer = setTimeout(() => {
        slow = true
        exportProgress.value = latest ?? { done: 0, total: store.total }
      }, EXPORT_PROGRESS_AFTER_MS)
      try {
        return await unwrap(
          api().customers.export({ filter: { ...store.filter }, sort: { ...store.sort }, format: fmt }),
        )
      } finally {
        clearTimeout(timer)
        stop()
        exportProgress.value = undefined
      }
    })

  return {
    store,
    filterActive,
    sortChoice,
    sortChoices,
    resetFilters,
    applyIfChanged,
    totalText,
    emptyState,
    columns,
    sortBy,
    onColumnSort,
    onRowsRendered,
    tagNames,
    followersText,
    reload: load,
    massMessageFiltered,
    massMessageSelected,
    selected,
    selectedIds,
    toggleSelected,
    clearSelection,
    composing: actions.composing,
    exporting: actions.exporting,
    exportProgress,
    exportAs,
  }
}
