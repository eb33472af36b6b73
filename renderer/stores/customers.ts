import type {
  CustomerDetail,
  CustomerFilter,
  CustomerQueryResult,
  CustomerRow,
  CustomerSort,
  FollowDetail,
  MemberSummary,
  markTagsInputSchema,
  remarkInputSchema,
} from '@shared/customers'
import type { ApiError } from '@shared/result'
import { defineStore } from 'pinia'
import { reactive, ref, shallowRef } from 'vue'
import type { z } from 'zod'
import { api, unwrap } from '../api'
import { toApiError } from '../composables/useApiError'
import { emptyFilterForm, toCustomerFilter, type CustomerFilterForm } from '../components/customerFilter/form'
import { toQueryInput, windowOffsets } from '../views/customers/customerFilter'

/** Rows fetched per `customers.query` call. */
export const CUSTOMER_WINDOW = 100

/** One line of the virtual table: its position, and the customer once its window has arrived. */
export interface CustomerTableRow {
  index: number
  customer?: CustomerRow
}

const placeholders = (count: number): CustomerTableRow[] => Array.from({ length: count }, (_, index) => ({ index }))

/**
 * The cached customers as the Customers page shows them. Filtering and sorting run in the core;
 * only the windows of rows that scroll into view are fetched (100 at a time) and kept by offset.
 */
export const useCustomersStore = defineStore('customers', () => {
  /** The filter bar's fields; kept here so they survive switching tabs. */
  const form = reactive<CustomerFilterForm>(emptyFilterForm())
  const sort = ref<CustomerSort>({ field: 'addedAt', order: 'desc' })
  /** The filter the rows were fetched with. */
  const filter = shallowRef<CustomerFilter>({})
  const total = ref(0)
  const rows = shallowRef<CustomerTableRow[]>([])
  /** True once a query for the current filter has answered (before that, "0" means "not known yet"). */
  const answered = ref(false)
  const loading = ref(false)
  const error = ref<ApiError>()
  const members = ref<MemberSummary[]>([])

  const windows = new Map<number, CustomerRow[]>()
  const pending = new Set<number>()
  /** Bumped whenever the filter, sort or data changes: answers for an older generation are dropped. */
  let generation = 0
  let inView = { first: 0, last: CUSTOMER_WINDOW - 1 }

  function applyWindow(offset: number, result: CustomerQueryResult, fresh: boolean): void {
    if (fresh || result.total !== total.value) {
      // New filter, or the matches changed under us (a sync, an edit): other windows are stale.
      total.value = result.total
      windows.clear()
      rows.value = placeholders(result.total)
    }
    windows.set(offset, result.rows)
    const next = rows.value.slice()
    result.rows.forEach((customer, i) => {
      if (offset + i < next.length) next[offset + i] = { index: offset + i, customer }
    })
    rows.value = next
  }

  async function fetchWindow(offset: number, gen: number, fresh = false): Promise<void> {
    pending.add(offset)
    try {
      const input = toQueryInput(filter.value, sort.value, offset, CUSTOMER_WINDOW)
      const result = await unwrap(api().customers.query(input))
      if (gen !== generation) return
      error.value = undefined
      applyWindow(offset, result, fresh)
      answered.value = true
    } catch (failure) {
      if (gen === generation) error.value = toApiError(failure)
    } finally {
      if (gen === generation) pending.delete(offset)
    }
  }

  /** Fetches the windows covering rows `first`..`last` that are neither cached nor on their way. */
  function ensureRange(first: number, last: number): void {
    inView = { first, last }
    for (const offset of windowOffsets(first, last, CUSTOMER_WINDOW, total.value)) {
      if (!windows.has(offset) && !pending.has(offset)) void fetchWindow(offset, generation)
    }
  }

  /** Queries with the form's filter and the current sort, from the first row. */
  async function apply(): Promise<void> {
    const gen = ++generation
    filter.value = toCustomerFilter(form)
    pending.clear()
    inView = { first: 0, last: CUSTOMER_WINDOW - 1 }
    loading.value = true
    try {
      await fetchWindow(0, gen, true)
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  function setSort(next: CustomerSort): Promise<void> {
    sort.value = { ...next }
    return apply()
  }

  function resetFilters(): Promise<void> {
    Object.assign(form, emptyFilterForm())
    return apply()
  }

  /**
   * Re-reads the windows in view (after an edit or a sync); the rows on screen stay until their
   * fresh copies arrive, the others are fetched again when they scroll into view.
   */
  async function refresh(): Promise<void> {
    const gen = ++generation
    pending.clear()
    const offsets = windowOffsets(inView.first, inView.last, CUSTOMER_WINDOW, Math.max(total.value, 1))
    windows.clear()
    await Promise.all(offsets.map((offset) => fetchWindow(offset, gen)))
  }

  async function loadMembers(): Promise<void> {
    members.value = await unwrap(api().customers.members())
  }

  const getDetail = (externalUserid: string): Promise<CustomerDetail> => unwrap(api().customers.get({ externalUserid }))

  /** Saves remark fields (WeCom first, then the cache) and refreshes the rows in view. */
  async function updateRemark(input: z.input<typeof remarkInputSchema>): Promise<FollowDetail> {
    const follow = await unwrap(api().customers.updateRemark(input))
    void refresh()
    return follow
  }

  /** Adds / removes tags on one member ↔ customer relation and refreshes the rows in view. */
  async function markTags(input: z.input<typeof markTagsInputSchema>): Promise<FollowDetail> {
    const follow = await unwrap(api().customers.markTags(input))
    void refresh()
    return follow
  }

  return {
    form,
    sort,
    filter,
    total,
    rows,
    answered,
    loading,
    error,
    members,
    ensureRange,
    apply,
    setSort,
    resetFilters,
    refresh,
    loadMembers,
    getDetail,
    updateRemark,
    markTags,
  }
})
