import type { GroupDetail, GroupRow, groupQuerySchema } from '@shared/customers'
import type { ApiError } from '@shared/result'
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { z } from 'zod'
import { api, unwrap } from '../../api'
import { toApiError } from '../../composables/useApiError'

/** A member who owns cached customer groups, with how many. */
export interface GroupOwner {
  userid: string
  name: string
  groupCount: number
}

export type GroupSort = NonNullable<z.input<typeof groupQuerySchema>['sort']>

/** Customer groups from the cache, one page at a time, with search and an owner filter. */
export const useGroupsStore = defineStore('customers/groups', () => {
  const query = reactive({
    search: '',
    owners: [] as string[],
    sort: { field: 'createTime', order: 'desc' } as GroupSort,
    page: 1,
    pageSize: 50,
  })
  const rows = ref<GroupRow[]>([])
  const total = ref(0)
  const answered = ref(false)
  const loading = ref(false)
  const error = ref<ApiError>()
  let generation = 0
  /** Names of the groups listed in this session, for labels elsewhere (the composer's picked groups). */
  const names = reactive(new Map<string, string>())

  /** The contract input for the current page. */
  function queryInput(): z.input<typeof groupQuerySchema> {
    const search = query.search.trim()
    return {
      ...(search ? { search } : {}),
      ...(query.owners.length ? { owners: [...query.owners] } : {}),
      sort: { ...query.sort },
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    }
  }

  async function load(): Promise<void> {
    const gen = ++generation
    loading.value = true
    try {
      const result = await unwrap(api().customers.queryGroups(queryInput()))
      if (gen !== generation) return
      rows.value = result.rows
      total.value = result.total
      for (const row of result.rows) names.set(row.chatId, row.name)
      answered.value = true
      error.value = undefined
    } catch (failure) {
      if (gen === generation) error.value = toApiError(failure)
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  const get = (chatId: string): Promise<GroupDetail> => unwrap(api().customers.getGroup({ chatId }))

  /** Members who own cached groups, with their group counts (the "by owner" choices). */
  const owners = ref<GroupOwner[]>([])
  async function loadOwners(): Promise<GroupOwner[]> {
    owners.value = await unwrap(api().customers.groupOwners())
    return owners.value
  }

  /** The filtered groups (all pages) as a file. */
  const exportGroups = (input: Parameters<ReturnType<typeof api>['customers']['exportGroups']>[0]) =>
    unwrap(api().customers.exportGroups(input))

  return {
    query,
    rows,
    total,
    answered,
    loading,
    error,
    queryInput,
    load,
    get,
    owners,
    loadOwners,
    exportGroups,
    names,
  }
})
