import type { ChatType, Draft, DraftInput, DraftSend, DraftSummary } from '@shared/massMessages'
import type { ApiError } from '@shared/result'
import { ElMessage } from 'element-plus'
import { computed, onBeforeUnmount, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { onBeforeRouteLeave, useRoute, useRouter } from 'vue-router'
import { imageIdsOf, toAttachmentDraft, type AttachmentDraft } from '../../../components/attachmentDraft'
import { confirmWarning } from '../../../composables/confirmWarning'
import { toApiError } from '../../../composables/useApiError'
import { useAsyncAction } from '../../../composables/useAsyncAction'
import { useAppStore } from '../../../stores/app'
import { useDraftsStore } from '../../../stores/massMessages/drafts'
import { useSendingStore } from '../../../stores/massMessages/sending'
import { createAutosave, flushWhenHidden } from './autosave'
import { attachmentErrors, checkContent, measureText } from './composerRules'
import { emptyTargetingForm, fromTargeting, toTargeting, type TargetingForm } from './targeting'

/**
 * What the save indicator says: `idle` (a new, untouched composer), `unsaved` (changes not written
 * yet), `saving` (a write in flight), `saved` (what is on screen is what is stored, at `savedAt`),
 * `failed` (the last write failed; the next edit or a retry tries again).
 */
export type SaveState = 'idle' | 'unsaved' | 'saving' | 'saved' | 'failed'

/** The composer's fields, as the draft keeps them. */
export interface ComposerForm {
  title: string
  chatType: ChatType
  text: string
  attachments: AttachmentDraft[]
}

/**
 * The draft input for what is on screen (no id, no revision): plain JSON, so it crosses any
 * transport and compares as a string.
 */
export function toDraftContent(form: ComposerForm, targeting: TargetingForm): Omit<DraftInput, 'id' | 'baseRevision'> {
  return JSON.parse(
    JSON.stringify({
      title: form.title,
      chatType: form.chatType,
      content: { text: form.text, attachments: form.attachments },
      targeting: toTargeting(form.chatType, targeting),
    }),
  ) as Omit<DraftInput, 'id' | 'baseRevision'>
}

/**
 * State and actions of the composer page. Drafts save themselves as the user types (no save
 * button): the first change of a new composer creates the draft and puts its id in the route;
 * later saves carry the revision last seen, and a `draft_conflict` loads the newer draft.
 */
export function useComposer() {
  const route = useRoute()
  const router = useRouter()
  const app = useAppStore()
  const drafts = useDraftsStore()
  const sendingStore = useSendingStore()
  const { t } = useI18n()

  const form = reactive<ComposerForm>({ title: '', chatType: 'single', text: '', attachments: [] })
  const targeting = reactive<TargetingForm>(emptyTargetingForm())
  const draftId = ref<string>()
  const revision = ref<number>()
  const loading = ref(false)
  const loadError = ref<ApiError>()
  const savedAt = ref<number>()
  const saveError = ref<ApiError>()
  /** True from the moment a write is sent until its answer arrives. */
  const writing = ref(false)
  let active = true
  /** Set while a navigation away from the composer waits for the last save. */
  let leaving = false
  /** The draft's latest send (sent, scheduled or sending), from the send journal. */
  const send = ref<DraftSend>()
  /** The user chose to change a sent draft anyway. */
  const editAnyway = ref(false)
  /**
   * A sent, scheduled or sending draft is shown read only: what went out cannot change, and a
   * scheduled send goes out as it was frozen. Only a sent one can be changed anyway, on request.
   */
  const readOnly = computed(() => send.value !== undefined && !(send.value.state === 'sent' && editAnyway.value))
  /** Copy and cancel-schedule: one at a time; a failure shows as a toast with its hint. */
  const { running: busy, run: runAction } = useAsyncAction({ toast: true })

  const snapshot = computed(() => JSON.stringify(toDraftContent(form, targeting)))
  /** What the store holds for this draft; an edit is anything that differs from it. */
  const savedSnapshot = ref(snapshot.value)

  /** "Saved" only once the write of exactly what is on screen is confirmed. */
  const saveState = computed<SaveState>(() => {
    if (writing.value) return 'saving'
    if (saveError.value) return 'failed'
    if (snapshot.value !== savedSnapshot.value) return 'unsaved'
    return draftId.value ? 'saved' : 'idle'
  })

  const contentCheck = computed(() => checkContent(form.text, form.attachments, app.locale))
  const textCheck = computed(() => measureText(form.text))
  const attachmentErrorList = computed(() => form.attachments.map((_, i) => attachmentErrors(contentCheck.value, i)))

  function apply(draft: Draft): void {
    form.title = draft.title
    form.chatType = draft.chatType
    form.text = draft.content.text
    form.attachments = draft.content.attachments
      .map(toAttachmentDraft)
      .filter((item): item is AttachmentDraft => item !== undefined)
    Object.assign(targeting, fromTargeting(draft.targeting))
    if (draftId.value !== draft.id) editAnyway.value = false
    send.value = draft.send
    draftId.value = draft.id
    revision.value = draft.revision
    savedAt.value = draft.updatedAt
    saveError.value = undefined
    savedSnapshot.value = snapshot.value
  }

  function reset(): void {
    Object.assign(form, { title: '', chatType: 'single', text: '', attachments: [] })
    Object.assign(targeting, emptyTargetingForm())
    draftId.value = undefined
    revision.value = undefined
    send.value = undefined
    editAnyway.value = false
    savedAt.value = undefined
    saveError.value = undefined
    loadError.value = undefined
    savedSnapshot.value = snapshot.value
  }

  /** Another window or an older tab saved a newer revision: show that one and say so. */
  async function reloadAfterConflict(id: string): Promise<void> {
    apply(await drafts.get(id))
    ElMessage({ type: 'warning', message: t('massMessages.composer.conflict'), duration: 8000, showClose: true })
  }

  async function save(): Promise<void> {
    const current = snapshot.value
    if (current === savedSnapshot.value && draftId.value) {
      // Edited back to what is stored: nothing to write, and nothing left unsaved.
      saveError.value = undefined
      return
    }
    const input: DraftInput = {
      ...(JSON.parse(current) as Omit<DraftInput, 'id' | 'baseRevision'>),
      ...(draftId.value ? { id: draftId.value } : {}),
      ...(revision.value !== undefined ? { baseRevision: revision.value } : {}),
    }
    writing.value = true
    let summary: DraftSummary
    try {
      summary = await drafts.save(input)
    } catch (failure) {
      writing.value = false
      const error = toApiError(failure)
      if (error.code === 'draft_conflict' && draftId.value) {
        await reloadAfterConflict(draftId.value)
        return
      }
      saveError.value = error
      throw failure
    }
    draftId.value = summary.id
    revision.value = summary.revision
    send.value = summary.send
    savedAt.value = summary.updatedAt
    savedSnapshot.value = current
    saveError.value = undefined
    writing.value = false
    // A new draft now has an id: put it in the address, unless the user has left the page.
    if (active && !leaving && route.name === 'massMessages-compose' && route.params['id'] !== summary.id)
      await router.replace({ name: 'massMessages-compose', params: { id: summary.id } })
  }

  const autosave = createAutosave({ save })
  watch(snapshot, (next) => {
    if (next !== savedSnapshot.value) autosave.schedule()
  })

  /** Opens a stored draft, or a blank composer; unsaved edits of the previous one are saved first. */
  async function open(id: string | undefined): Promise<void> {
    if (id !== undefined && id === draftId.value) return
    await autosave.flush()
    if (!id) {
      reset()
      return
    }
    loading.value = true
    loadError.value = undefined
    try {
      apply(await drafts.get(id))
    } catch (failure) {
      loadError.value = toApiError(failure)
    } finally {
      loading.value = false
    }
  }

  watch(
    () => (route.name === 'massMessages-compose' ? (route.params['id'] as string | undefined) || '' : undefined),
    (id) => {
      if (id !== undefined) void open(id || undefined)
    },
    { immediate: true },
  )

  watch(
    () => imageIdsOf(form.attachments),
    (ids) => ids.forEach((id) => void drafts.ensureMediaUrl(id)),
    { immediate: true },
  )

  /** Saves whatever is pending now (before a preview, on leaving). */
  const flush = () => autosave.flush()

  /** Reads the draft's send state again (a job moved on, a schedule was cancelled). */
  async function refreshSend(): Promise<void> {
    const id = draftId.value
    if (!id) return
    const draft = await drafts.get(id)
    if (draftId.value === id) send.value = draft.send
  }

  // A send of this draft moving on (sending → sent, scheduled → sending) shows here at once.
  watch(
    () => {
      const job = send.value && sendingStore.jobs.find((candidate) => candidate.id === send.value?.jobId)
      return job ? `${job.state}:${job.msgids.length}` : undefined
    },
    (next, previous) => {
      if (next !== undefined && previous !== undefined) void refreshSend().catch(() => undefined)
    },
  )

  /** Copies the draft as a new one (content, recipients) and opens the copy, ready to edit. */
  async function copyAsNew(): Promise<void> {
    const id = draftId.value
    if (!id || busy.value) return
    await runAction(async () => {
      await autosave.flush()
      const copy = await drafts.duplicate(id)
      ElMessage.success(t('massMessages.composer.sent.copied'))
      await router.push({ name: 'massMessages-compose', params: { id: copy.id } })
    })
  }

  /** Cancels the scheduled send of this draft (after asking); the draft can then be changed. */
  async function cancelSchedule(): Promise<void> {
    const scheduled = send.value
    if (scheduled?.state !== 'scheduled' || busy.value) return
    const title = form.title.trim() || t('massMessages.untitled')
    const question = t('massMessages.drafts.cancelScheduleConfirm', { title })
    const buttons = {
      confirmButtonText: t('massMessages.drafts.cancelSchedule'),
      cancelButtonText: t('common.close'),
    }
    if (!(await confirmWarning(question, t('massMessages.drafts.cancelSchedule'), buttons))) return
    await runAction(async () => {
      await sendingStore.cancelJob(scheduled.jobId)
      await refreshSend()
      ElMessage.success(t('massMessages.drafts.scheduleCancelled'))
    })
  }
  const stopFlushWhenHidden = flushWhenHidden(autosave)

  const confirmUnsavedLeave = () =>
    confirmWarning(
      t('massMessages.composer.save.leaveUnsaved', { message: saveError.value?.message ?? '' }),
      t('massMessages.composer.save.notSaved'),
      {
        confirmButtonText: t('massMessages.composer.save.leave'),
        cancelButtonText: t('massMessages.composer.save.stay'),
      },
    )

  /**
   * Leaving saves first (a new draft's save then leaves the address alone, or it would cancel the
   * navigation); when that save fails, the user decides whether to leave without it.
   */
  onBeforeRouteLeave(async () => {
    leaving = true
    await autosave.flush()
    leaving = saveState.value !== 'failed' || (await confirmUnsavedLeave())
    return leaving
  })
  onBeforeUnmount(() => {
    active = false
    stopFlushWhenHidden()
    void autosave.flush()
  })

  return {
    form,
    targeting,
    draftId,
    revision,
    send,
    readOnly,
    editAnyway,
    busy,
    copyAsNew,
    cancelSchedule,
    loading,
    loadError,
    saveState,
    savedAt,
    saveError,
    contentCheck,
    textCheck,
    attachmentErrorList,
    mediaUrls: drafts.mediaUrls,
    flush,
    retrySave: flush,
    addMedia: drafts.addMedia,
  }
}
