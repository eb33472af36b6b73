import type { Draft, DraftInput, DraftSummary, LocalMediaRef } from '@shared/massMessages'
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { api, unwrap } from '../../api'
import { useAsyncAction } from '../../composables/useAsyncAction'

/**
 * Mass-message drafts, kept on this machine (the drafts service never calls WeCom, so all of this
 * works offline), and the local media files they refer to.
 */
export const useDraftsStore = defineStore('massMessages/drafts', () => {
  const drafts = ref<DraftSummary[]>([])
  const loaded = ref(false)
  const { running: loading, error, run } = useAsyncAction({ keepError: true })
  /** data: URLs of stored files by localMediaId, for thumbnails and the preview. */
  const mediaUrls = reactive<Record<string, string>>({})
  const mediaLoading = new Map<string, Promise<string | undefined>>()

  async function load(): Promise<void> {
    await run(async () => {
      drafts.value = await unwrap(api().massMessages.listDrafts())
      loaded.value = true
    })
  }

  /** Keeps the list in step with a saved draft, newest first. */
  function upsert(summary: DraftSummary): void {
    const rest = drafts.value.filter((draft) => draft.id !== summary.id)
    drafts.value = [summary, ...rest].sort((a, b) => b.updatedAt - a.updatedAt)
  }

  const get = (id: string): Promise<Draft> => unwrap(api().massMessages.getDraft({ id }))

  /** Autosave: creates (no id) or updates a draft. Throws `draft_conflict` when a newer revision exists. */
  async function save(input: DraftInput): Promise<DraftSummary> {
    const summary = await unwrap(api().massMessages.saveDraft(input))
    upsert(summary)
    return summary
  }

  async function duplicate(id: string): Promise<DraftSummary> {
    const copy = await unwrap(api().massMessages.duplicateDraft({ id }))
    upsert(copy)
    return copy
  }

  async function remove(id: string): Promise<void> {
    await unwrap(api().massMessages.removeDraft({ id }))
    drafts.value = drafts.value.filter((draft) => draft.id !== id)
  }

  /** Stores a picked file's bytes locally; they are uploaded only when the message is sent. */
  const addMedia = (file: { filename: string; contentType: string; dataBase64: string }): Promise<LocalMediaRef> =>
    unwrap(api().massMessages.addMedia(file))

  /** Loads a stored file's data: URL once; undefined when it cannot be read (the thumbnail is left out). */
  function ensureMediaUrl(localMediaId: string): Promise<string | undefined> {
    if (mediaUrls[localMediaId]) return Promise.resolve(mediaUrls[localMediaId])
    let loadingUrl = mediaLoading.get(localMediaId)
    if (!loadingUrl) {
      loadingUrl = unwrap(api().massMessages.mediaDataUrl({ localMediaId }))
        .then(({ dataUrl }) => {
          mediaUrls[localMediaId] = dataUrl
          return dataUrl
        })
        .catch(() => {
          mediaLoading.delete(localMediaId)
          return undefined
        })
      mediaLoading.set(localMediaId, loadingUrl)
    }
    return loadingUrl
  }

  return { drafts, loaded, loading, error, mediaUrls, load, get, save, duplicate, remove, addMedia, ensureMediaUrl }
})
