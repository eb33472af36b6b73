import type { ChatType, DraftInput } from '@shared/massMessages'
import { ElMessage } from 'element-plus'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { api, unwrap } from '../../api'
import type { ExportFormat } from '../../components/ExportMenu.vue'
import { showApiError } from '../../composables/useApiError'
import { downloadBase64 } from '../massMessages/history/download'

export type { ExportFormat }

/** A file the core exported, ready to save. */
interface ExportedFile {
  filename: string
  dataBase64: string
  contentType: string
}

/** The Customers pages' actions on what is listed: "mass-message them" and "export". */
export function useListActions() {
  const router = useRouter()
  const { t } = useI18n()

  const fail = (prefix: string, failure: unknown): void => void showApiError(failure, prefix)

  /**
   * Opens the composer on a new draft of this chat type with this audience (the draft is saved
   * first, so the audience survives a reload and the composer shows it as picked).
   */
  const composing = ref(false)
  async function compose(chatType: ChatType, targeting: DraftInput['targeting']): Promise<void> {
    composing.value = true
    try {
      const draft = await unwrap(
        api().massMessages.saveDraft({ chatType, content: { text: '', attachments: [] }, targeting }),
      )
      await router.push({ name: 'massMessages-compose', params: { id: draft.id } })
    } catch (failure) {
      fail(t('customers.actions.composeFailed'), failure)
    } finally {
      composing.value = false
    }
  }

  /** Which format is being exported, if any. */
  const exporting = ref<ExportFormat>()
  async function exportAs(format: ExportFormat, run: (format: ExportFormat) => Promise<ExportedFile>): Promise<void> {
    exporting.value = format
    try {
      const file = await run(format)
      downloadBase64(file.filename, file.contentType, file.dataBase64)
      ElMessage.success(t('customers.actions.exported', { filename: file.filename }))
    } catch (failure) {
      fail(t('customers.actions.exportFailed'), failure)
    } finally {
      exporting.value = undefined
    }
  }

  return { composing, compose, exporting, exportAs }
}
