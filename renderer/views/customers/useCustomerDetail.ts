import type { CustomerDetail, FollowDetail, GroupRow } from '@shared/customers'
import type { ApiError } from '@shared/result'
import { ref } from 'vue'
import { api, unwrap } from '../../api'
import { toApiError } from '../../composables/useApiError'
import { useCustomersStore } from '../../stores/customers'

/** The customer detail drawer: which customer, its profile and follow relations, loading and errors. */
export function useCustomerDetail() {
  const store = useCustomersStore()
  const visible = ref(false)
  const loading = ref(false)
  const detail = ref<CustomerDetail>()
  const loadError = ref<ApiError>()
  /** The customer groups the customer is in (cached); undefined while loading or when they could not be read. */
  const groups = ref<GroupRow[]>()
  let current = ''

  async function loadGroups(externalUserid: string): Promise<void> {
    try {
      const rows = await unwrap(api().customers.customerGroups({ externalUserid }))
      if (current === externalUserid) groups.value = rows
    } catch {
      // The profile still shows; the groups section says nothing was found.
      if (current === externalUserid) groups.value = []
    }
  }

  async function open(externalUserid: string): Promise<void> {
    current = externalUserid
    visible.value = true
    detail.value = undefined
    loadError.value = undefined
    groups.value = undefined
    loading.value = true
    void loadGroups(externalUserid)
    try {
      const loaded = await store.getDetail(externalUserid)
      if (current === externalUserid) detail.value = loaded
    } catch (error) {
      if (current === externalUserid) loadError.value = toApiError(error)
    } finally {
      if (current === externalUserid) loading.value = false
    }
  }

  const reload = () => open(current)

  /** A relation the core answered after a save replaces the one shown. */
  function replaceFollow(next: FollowDetail): void {
    const follows = detail.value?.follows
    const at = follows?.findIndex((follow) => follow.userid === next.userid) ?? -1
    if (follows && at >= 0) follows.splice(at, 1, next)
  }

  return { visible, loading, detail, loadError, groups, open, reload, replaceFollow }
}
