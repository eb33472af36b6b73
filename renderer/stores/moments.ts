import { lastNLocalDaysRange } from '@shared/date'
import type {
  MomentContentKind,
  MomentCoverage,
  MomentCreator,
  MomentLoadStatus,
  MomentProgress,
  MomentSummary,
} from '@shared/moments'
import type { ApiError } from '@shared/result'
import { defineStore } from 'pinia'
import { reactive, ref, shallowReactive } from 'vue'
import { api, unwrap } from '../api'
import { toApiError } from '../composables/useApiError'

/** Rows per page of the moments list. */
export const MOMENTS_PAGE_SIZE = 20

/** What the list shows: a range (local days as ms, both included) and the filters. */
export interface MomentsFilters {
  range: [number, number]
  creator: string
  /** 'all', or 0 corp / 1 personal. */
  createType: 'all' | 0 | 1
  kind: '' | MomentContentKind
  keyword: string
}

/**
 * The moments list (客户朋友圈): the cached moments of the chosen range, filtered in the core; the
 * range is fetched from WeCom only where the workspace lacks it (or on refresh); each corp row's
 * publish progress and the thumbnails are asked for the rows on screen.
 */
export const useMomentsStore = defineStore('moments', () => {
  const filters = reactive<MomentsFilters>({
    range: lastNLocalDaysRange(30),
    creator: '',
    createType: 'all',
    kind: '',
    keyword: '',
  })
  const page = ref(1)
  const rows = ref<MomentSummary[]>([])
  const total = ref(0)
  const coverage = ref<MomentCoverage>()
  const status = ref<MomentLoadStatus>()
  const creators = ref<MomentCreator[]>([])
  const querying = ref(false)
  const answered = ref(false)
  const error = ref<ApiError>()
  const loadError = ref<ApiError>()
  /** Fetches asked by this page and not answered yet. */
  const fetching = ref(0)
  /** Publish progress per corp moment, as last read. */
  const progress = shallowReactive(new Map<string, MomentProgress>())
  /** Thumbnail per media id: a data URL, null when WeCom no longer has it, undefined while unknown. */
  const thumbnails = shallowReactive(new Map<string, string | null>())
  const asked = new Set<string>()
  let unsubscribe: (() => void) | undefined
  let querySeq = 0

  /** True while WeCom is being asked for days of the range (by this page or a fetch it joined). */
  const loading = () => fetching.value > 0 || status.value?.state === 'loading'

  /** The current page of the cached moments (no WeCom call). */
  async function query(): Promise<void> {
    const seq = ++querySeq
    querying.value = true
    try {
      const result = await unwrap(
        api().moments.list({
          from: filters.range[0],
          to: filters.range[1],
          ...(filters.creator ? { creator: filters.creator } : {}),
          ...(filters.createType === 'all' ? {} : { createType: filters.createType }),
          ...(filters.kind ? { kind: filters.kind } : {}),
          ...(filters.keyword.trim() ? { keyword: filters.keyword.trim() } : {}),
          offset: (page.value - 1) * MOMENTS_PAGE_SIZE,
          limit: MOMENTS_PAGE_SIZE,
        }),
      )
      if (seq !== querySeq) return
      rows.value = result.rows
      total.value = result.total
      coverage.value = result.coverage
      for (const row of result.rows) if (row.progress) progress.set(row.momentId, row.progress)
      error.value = undefined
      answered.value = true
    } catch (caught) {
      if (seq === querySeq) error.value = toApiError(caught)
    } finally {
      if (seq === querySeq) querying.value = false
    }
  }

  /** Fetches what the range lacks (or, with refresh, what can have changed), then shows it. */
  async function fetchRange(options: { refresh?: boolean; all?: boolean } = {}): Promise<void> {
    listen()
    loadError.value = undefined
    fetching.value++
    try {
      const answer = api().moments.load({ from: filters.range[0], to: filters.range[1], ...options })
      // The list says at once which days are being fetched.
      void query()
      status.value = await unwrap(answer)
    } catch (caught) {
      loadError.value = toApiError(caught)
    } finally {
      fetching.value--
    }
    await Promise.all([query(), loadCreators()])
  }

  /** Opens the list: what the cache holds at once, then the missing days from WeCom. */
  async function open(): Promise<void> {
    page.value = 1
    await fetchRange()
  }

  async function loadCreators(): Promise<void> {
    creators.value = await unwrap(api().moments.creators()).catch(() => creators.value)
  }

  function listen(): void {
    if (unsubscribe) return
    let lastDone = -1
    unsubscribe = api().moments.onLoadProgress((next) => {
      status.value = next
      const done = next.windowsDone + next.windowsFailed
      if (done !== lastDone) {
        lastDone = done
        void query()
      }
    })
  }

  /** Publish progress of the corp moments on screen (the core reads WeCom only when it can have changed). */
  async function loadProgress(momentIds: readonly string[]): Promise<void> {
    if (momentIds.length === 0) return
    const answer = await unwrap(api().moments.publishProgress({ momentIds: [...momentIds] })).catch(() => [])
    for (const item of answer) progress.set(item.momentId, item.progress)
  }

  /** Thumbnails of the rows on screen, each asked once per session. */
  function loadThumbnails(mediaIds: readonly string[]): void {
    for (const mediaId of mediaIds) {
      if (asked.has(mediaId)) continue
      asked.add(mediaId)
      unwrap(api().moments.thumbnail({ mediaId }))
        .then((url) => thumbnails.set(mediaId, url))
        .catch(() => asked.delete(mediaId))
    }
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = undefined
  }

  return {
    filters,
    page,
    rows,
    total,
    coverage,
    status,
    creators,
    querying,
    answered,
    error,
    loadError,
    fetching,
    progress,
    thumbnails,
    loading,
    query,
    open,
    fetchRange,
    loadProgress,
    loadThumbnails,
    stop,
  }
})
