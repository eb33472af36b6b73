import type { MomentSummary } from '@shared/moments'
import {
  interactingCustomers,
  type MomentCancelResult,
  type MomentCustomersInput,
  type MomentCustomersPage,
  type MomentDetail,
  type MomentDetailProgress,
  type MomentInteraction,
  type MomentRemindResult,
  type MomentRemindStatus,
} from '@shared/moments-detail'
import type { ApiError } from '@shared/result'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api, unwrap } from '../../api'
import { toApiError } from '../../composables/useApiError'

/** Whose customers the act-on-it actions reach: who liked, who commented, or both. */
export type InteractionPick = 'like' | 'comment' | 'both'

const TYPES: Record<InteractionPick, ReadonlyArray<MomentInteraction['type']>> = {
  like: ['like'],
  comment: ['comment'],
  both: ['like', 'comment'],
}

/**
 * One moment's detail page (客户朋友圈 detail): the cached summary (content), the members' status
 * and interactions read from WeCom, reminders and stopping, export; a member's customers are read
 * window by window through `customers`.
 */
export const useMomentDetailStore = defineStore('momentsDetail', () => {
  const momentId = ref('')
  const summary = ref<MomentSummary>()
  const summaryError = ref<ApiError>()
  // Hundreds of members and interactions, replaced as a whole: shallow.
  const detail = shallowRef<MomentDetail>()
  const loading = ref(false)
  const error = ref<ApiError>()
  const progress = ref<MomentDetailProgress>()
  const remindStatus = ref<MomentRemindStatus>()
  let seq = 0

  const waiting = computed(() => detail.value?.members.filter((member) => !member.published) ?? [])
  /** A corp moment with members still to post, not stopped: remind and stop apply. */
  const inProgress = computed(
    () => detail.value?.corp === true && waiting.value.length > 0 && detail.value.cancelledAt === undefined,
  )

  function identity(): { momentId: string; createType?: 0 | 1; creator?: string } {
    const known = summary.value
    return {
      momentId: momentId.value,
      ...(known ? { createType: known.createType } : {}),
      ...(known?.creatorUserid ? { creator: known.creatorUserid } : {}),
    }
  }

  /** Opens a moment: its cached summary first (it names a personal moment's creator), then the detail. */
  async function open(id: string, refresh = false): Promise<void> {
    const mine = ++seq
    if (id !== momentId.value) {
      momentId.value = id
      summary.value = undefined
      detail.value = undefined
      remindStatus.value = undefined
    }
    loading.value = true
    error.value = undefined
    progress.value = undefined
    const stop = api().moments.onDetailProgress((next) => {
      if (next.momentId === id && mine === seq) progress.value = next
    })
    try {
      if (!summary.value) {
        try {
          summary.value = await unwrap(api().moments.get({ momentId: id }))
          summaryError.value = undefined
        } catch (failure) {
          summaryError.value = toApiError(failure)
        }
      }
      const next = await unwrap(api().moments.detail({ ...identity(), refresh }))
      if (mine === seq) detail.value = next
      void loadRemindStatus()
    } catch (failure) {
      if (mine === seq) error.value = toApiError(failure)
    } finally {
      stop()
      if (mine === seq) {
        loading.value = false
        progress.value = undefined
      }
    }
  }

  async function loadRemindStatus(): Promise<void> {
    try {
      remindStatus.value = await unwrap(api().moments.remindMembersStatus({ momentId: momentId.value }))
    } catch {
      remindStatus.value = undefined
    }
  }

  /** A window of a member's customers (no WeCom call once the member's lists were read). */
  function customers(query: Omit<MomentCustomersInput, 'momentId'>): Promise<MomentCustomersPage> {
    return unwrap(api().moments.memberCustomers({ momentId: momentId.value, ...query }))
  }

  /** The customers who liked and/or commented, de-duplicated. */
  function interacting(pick: InteractionPick): string[] {
    return interactingCustomers(detail.value?.interactions ?? [], TYPES[pick])
  }

  async function remind(): Promise<MomentRemindResult> {
    const result = await unwrap(
      api().moments.remindMembers({
        momentId: momentId.value,
        momentText: summary.value?.text ?? '',
        ...(summary.value ? { createTime: summary.value.createTime } : {}),
      }),
    )
    await loadRemindStatus()
    return result
  }

  async function cancel(): Promise<MomentCancelResult> {
    const result = await unwrap(api().moments.cancelMoment({ momentId: momentId.value }))
    if (detail.value) detail.value = { ...detail.value, cancelledAt: result.cancelledAt }
    return result
  }

  /** The detail as a file; progress comes through `progress` while members' customers are read. */
  async function exportDetail(format: 'xlsx' | 'csv') {
    const id = momentId.value
    const stop = api().moments.onDetailProgress((next) => {
      if (next.momentId === id) progress.value = next
    })
    try {
      return await unwrap(
        api().moments.exportDetail({
          ...identity(),
          format,
          momentText: summary.value?.text ?? '',
          ...(summary.value ? { createTime: summary.value.createTime } : {}),
        }),
      )
    } finally {
      stop()
      progress.value = undefined
    }
  }

  return {
    momentId,
    summary,
    summaryError,
    detail,
    loading,
    error,
    progress,
    remindStatus,
    waiting,
    inProgress,
    open,
    customers,
    interacting,
    remind,
    cancel,
    exportDetail,
  }
})
