import type { CustomerDetail, FollowDetail } from '@shared/customers'
import type { ApiError } from '@shared/result'
import { ref } from 'vue'
import { toApiError } from '../../composables/useApiError'
import { useCustomersStore } from '../../stores/customers'

/** The customer detail drawer: which customer, its profile and follow relations, loading and errors. */
export function useCustomerDetail() {
  const store = useCustomersStore()
  const visible = ref(false)
  const loading = ref(false)
  const detail = ref<CustomerDetail>()
  const loadError = ref<ApiError>()
  let current = ''

  async function open(externalUserid: string): Promise<void> {
    current = externalUserid
    visible.value = true
    detail.value = undefined
    loadError.value = undefined
    loading.value = true
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

  return { visible, loading, detail, loadError, open, reload, replaceFollow }
}
