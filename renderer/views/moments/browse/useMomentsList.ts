import { lastNLocalDaysRange, localDaysRange } from '@shared/date'
import type { MomentSummary } from '@shared/moments'
import { computed, onBeforeUnmount, onMounted, watch } from 'vue'
import { useRouter } from 'vue-router'
import { useAppStore } from '../../../stores/app'
import { useMomentsStore } from '../../../stores/moments'

/** The quick ranges: the last N days, local days, today included. */
export const RANGE_PRESETS = [7, 30, 90, 180] as const
/** WeCom lists the last 180 days only. */
const HISTORY_DAYS = 180
const KEYWORD_DEBOUNCE_MS = 250
const LIST_PATH = 'externalcontact/get_moment_list'

/**
 * The moments list page's logic: the range (presets or picked days), the filters (kept in the
 * store, applied in the core), fetching what the cache lacks, the rows' progress and thumbnails,
 * and opening a moment.
 */
export function useMomentsList() {
  const store = useMomentsStore()
  const app = useAppStore()
  const router = useRouter()
  const f = store.filters

  const range = computed<[Date, Date] | null>({
    get: () => [new Date(f.range[0]), new Date(f.range[1])] as [Date, Date],
    set: (value) => {
      if (value) f.range = localDaysRange(value[0], value[1])
    },
  })
  const preset = computed(() =>
    RANGE_PRESETS.find((days) => {
      const [from, to] = lastNLocalDaysRange(days)
      return from === f.range[0] && to === f.range[1]
    }),
  )
  function choosePreset(days: number): void {
    f.range = lastNLocalDaysRange(days)
  }
  /** Days before the 180 WeCom keeps, or after today, cannot be picked. */
  function disabledDate(date: Date): boolean {
    const [earliest, latest] = lastNLocalDaysRange(HISTORY_DAYS)
    return date.getTime() < earliest || date.getTime() > latest
  }

  /** WeCom paused the list calls (45009): when they resume. */
  const pausedUntil = computed(() => app.status?.paused?.find((pause) => pause.path === LIST_PATH)?.resumeAt)
  const missingWindows = computed(() => (store.coverage?.windows ?? []).filter((window) => window.state !== 'loaded'))

  watch(
    () => [f.range[0], f.range[1]],
    () => void store.open(),
  )
  watch(
    () => [f.creator, f.createType, f.kind],
    () => {
      store.page = 1
      void store.query()
    },
  )
  let keywordTimer: ReturnType<typeof setTimeout> | undefined
  watch(
    () => f.keyword,
    () => {
      clearTimeout(keywordTimer)
      keywordTimer = setTimeout(() => {
        store.page = 1
        void store.query()
      }, KEYWORD_DEBOUNCE_MS)
    },
  )
  watch(
    () => store.page,
    () => void store.query(),
  )
  // Progress and thumbnails: for the rows on screen only.
  watch(
    () => store.rows.map((row) => row.momentId).join(','),
    () => {
      const corp = store.rows.filter((row) => row.createType === 0).map((row) => row.momentId)
      void store.loadProgress(corp)
      store.loadThumbnails(store.rows.flatMap(thumbnailIds))
    },
  )
  onMounted(() => void store.open())
  onBeforeUnmount(() => {
    clearTimeout(keywordTimer)
    store.stop()
  })

  function open(row: MomentSummary): void {
    void router.push({ name: 'moments-detail', params: { momentId: row.momentId } })
  }

  return { store, f, range, preset, choosePreset, disabledDate, pausedUntil, missingWindows, open }
}

/** The media shown small in a row: up to 3 images, or the video's cover. */
export function thumbnailIds(row: MomentSummary): string[] {
  if (row.images.length > 0) return row.images.slice(0, 3).map((image) => image.mediaId)
  return row.video?.thumbMediaId ? [row.video.thumbMediaId] : []
}
