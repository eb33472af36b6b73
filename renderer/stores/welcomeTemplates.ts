import type { LocalMediaRef } from '@shared/rules'
import type {
  SaveWelcomeTemplateInput,
  WelcomeLibrary,
  WelcomeListInput,
  WelcomeRefreshSummary,
  WelcomeTemplate,
} from '@shared/welcomeTemplates'
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { api, unwrap } from '../api'
import { useAsyncAction } from '../composables/useAsyncAction'

const EMPTY: WelcomeLibrary = { items: [], inCorp: 0, cap: 100, warnAt: 90, deletedCount: 0 }

/**
 * The group welcome template library of the active profile (the core keeps it in the workspace;
 * listing, editing and media work offline), and the calls that reach WeCom: push, refresh, import,
 * delete, copy to another profile.
 */
export const useWelcomeTemplatesStore = defineStore('welcomeTemplates', () => {
  const library = ref<WelcomeLibrary>(EMPTY)
  const filter = reactive<
    Required<Pick<WelcomeListInput, 'search' | 'view'>> & Omit<WelcomeListInput, 'search' | 'view'>
  >({
    search: '',
    view: 'library',
  })
  const loaded = ref(false)
  const { running: loading, error, run } = useAsyncAction({ keepError: true })
  /** data: URLs of stored images by localMediaId, for thumbnails and the preview. */
  const mediaUrls = reactive<Record<string, string>>({})
  const mediaLoading = new Map<string, Promise<void>>()

  async function load(): Promise<void> {
    await run(async () => {
      const input: WelcomeListInput = { search: filter.search, view: filter.view }
      if (filter.kind) input.kind = filter.kind
      if (filter.syncState) input.syncState = filter.syncState
      library.value = await unwrap(api().welcomeTemplates.list(input))
      loaded.value = true
    })
  }

  const get = (id: string): Promise<WelcomeTemplate> => unwrap(api().welcomeTemplates.get({ id }))
  const save = (input: SaveWelcomeTemplateInput): Promise<WelcomeTemplate> => unwrap(api().welcomeTemplates.save(input))
  const duplicate = (id: string) => unwrap(api().welcomeTemplates.duplicate({ id }))
  const push = (id: string, createAgain = false) =>
    unwrap(api().welcomeTemplates.push(createAgain ? { id, createAgain } : { id }))
  const refresh = (id: string) => unwrap(api().welcomeTemplates.refresh({ id }))
  /** Templates checked so far by a running `refreshAll`, while it runs. */
  const checking = ref<{ done: number; total: number }>()

  /** Reads every template from WeCom (marks those deleted there), then reloads the list. */
  async function refreshAll(): Promise<WelcomeRefreshSummary> {
    checking.value = { done: 0, total: 0 }
    const stop = api().welcomeTemplates.onRefreshProgress((progress) => {
      checking.value = progress
    })
    try {
      return await unwrap(api().welcomeTemplates.refreshAll())
    } finally {
      stop()
      checking.value = undefined
      await load()
    }
  }
  const importById = (templateId: string, linkTo?: string) =>
    unwrap(api().welcomeTemplates.importById(linkTo ? { templateId, linkTo } : { templateId }))
  const remove = (id: string, localOnly = false) =>
    unwrap(api().welcomeTemplates.remove(localOnly ? { id, localOnly } : { id }))
  const restore = (id: string) => unwrap(api().welcomeTemplates.restore({ id }))
  const copyToProfile = (id: string, profileId: string) =>
    unwrap(api().welcomeTemplates.copyToProfile({ id, profileId }))
  /** The live library entry holding a WeCom template id, if any. */
  async function findByTemplateId(templateId: string): Promise<WelcomeTemplate | undefined> {
    const found = await unwrap(api().welcomeTemplates.list({ search: templateId }))
    const item = found.items.find((each) => each.templateId === templateId)
    return item ? get(item.id) : undefined
  }
  const addMedia = (file: { filename: string; contentType: string; dataBase64: string }): Promise<LocalMediaRef> =>
    unwrap(api().welcomeTemplates.addMedia(file))

  /** Loads the data: URLs of the given images once each (missing or unreadable ones are left out). */
  async function loadMediaUrls(ids: readonly string[]): Promise<void> {
    await Promise.all(
      ids.map((id) => {
        if (mediaUrls[id]) return Promise.resolve()
        let pending = mediaLoading.get(id)
        if (!pending) {
          pending = unwrap(api().welcomeTemplates.mediaDataUrl({ localMediaId: id }))
            .then(({ dataUrl }) => {
              mediaUrls[id] = dataUrl
            })
            .catch(() => undefined)
            .finally(() => mediaLoading.delete(id))
          mediaLoading.set(id, pending)
        }
        return pending
      }),
    )
  }

  return {
    library,
    filter,
    loaded,
    loading,
    error,
    mediaUrls,
    load,
    get,
    save,
    duplicate,
    push,
    refresh,
    refreshAll,
    checking,
    importById,
    findByTemplateId,
    remove,
    restore,
    copyToProfile,
    addMedia,
    loadMediaUrls,
  }
})
