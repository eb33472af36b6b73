import type { WelcomeTemplate } from '@shared/welcomeTemplates'
import { watchDebounced } from '@vueuse/core'
import { ElMessage } from 'element-plus'
import { computed, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { showApiError } from '../../composables/useApiError'
import { useCount } from '../../i18n/numbers'
import { useAppStore } from '../../stores/app'
import { useWelcomeTemplatesStore } from '../../stores/welcomeTemplates'

/**
 * State and actions of the library page: the filtered list (reloaded as the filter changes and
 * when the active profile changes), the count against the cap, the editor drawer and import.
 */
export function useLibraryPage() {
  const store = useWelcomeTemplatesStore()
  const app = useAppStore()
  const { t } = useI18n()
  const n = useCount()
  /** The template open in the editor: an id, 'new', or none. */
  const editing = ref<string | 'new'>()
  const importOpen = ref(false)

  const library = computed(() => store.library)
  const countLevel = computed<'ok' | 'warn' | 'full'>(() => {
    const { inCorp, cap, warnAt } = store.library
    return inCorp >= cap ? 'full' : inCorp >= warnAt ? 'warn' : 'ok'
  })
  const filtered = computed(() => Boolean(store.filter.search || store.filter.kind || store.filter.syncState))

  void store.load()
  watchDebounced(
    () => [store.filter.search, store.filter.kind, store.filter.syncState, store.filter.view],
    () => void store.load(),
    { debounce: 200 },
  )
  // Another profile is another corp: its own library.
  watch(
    () => app.status?.profileId,
    (next, previous) => {
      if (previous !== undefined && next !== previous) {
        editing.value = undefined
        void store.load()
      }
    },
  )

  function openEditor(id: string | 'new'): void {
    editing.value = id
  }

  function imported(template: WelcomeTemplate, alreadyInLibrary: boolean): void {
    ElMessage({
      type: alreadyInLibrary ? 'info' : 'success',
      message: t(alreadyInLibrary ? 'welcomeTemplates.importDialog.existing' : 'welcomeTemplates.importDialog.done'),
    })
    void store.load()
    editing.value = template.id
  }

  /** "Check with WeCom": every template read again; the result said in one line. */
  async function checkAll(): Promise<void> {
    try {
      const summary = await store.refreshAll()
      ElMessage({
        type: summary.gone > 0 || summary.failed > 0 ? 'warning' : 'success',
        duration: 8000,
        showClose: true,
        message: t('welcomeTemplates.actions.checked', {
          checked: n(summary.checked),
          gone: n(summary.gone),
          failed: n(summary.failed),
        }),
      })
    } catch (failure) {
      showApiError(failure)
    }
  }

  async function restore(id: string): Promise<void> {
    try {
      await store.restore(id)
      ElMessage({ type: 'success', message: t('welcomeTemplates.restored') })
    } catch (failure) {
      showApiError(failure)
    }
    await store.load()
  }

  return { store, library, countLevel, filtered, editing, importOpen, openEditor, imported, restore, checkAll }
}
