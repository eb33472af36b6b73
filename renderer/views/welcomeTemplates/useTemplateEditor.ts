import type { ApiError, Locale } from '@shared/result'
import { describeIssue } from '@shared/validation'
import {
  welcomeContentSchema,
  type WelcomeContent,
  type WelcomeDraftAttachment,
  type WelcomeTemplate,
} from '@shared/welcomeTemplates'
import { computed, onBeforeUnmount, reactive, ref, watch } from 'vue'
import type { AttachmentDraft } from '../../components/attachmentDraft'
import { toApiError } from '../../composables/useApiError'
import { useWelcomeTemplatesStore } from '../../stores/welcomeTemplates'

/** What the save indicator says (as in the mass-message composer). */
export type SaveState = 'idle' | 'unsaved' | 'saving' | 'saved' | 'failed'

const AUTOSAVE_DELAY_MS = 500

/** The verdict of the push-time rules on what is typed so far, phrased as the core phrases it. */
export interface TemplateCheck {
  text?: string
  /** Errors of the one attachment, keyed as the attachment editor reads them (`link.title`, `image`, `_`). */
  attachment: Record<string, string>
  general: string[]
  ok: boolean
}

/** Checks the content with the very schema the core applies before a push (`welcomeContentSchema`). */
export function checkTemplate(content: WelcomeContent, locale: Locale): TemplateCheck {
  const parsed = welcomeContentSchema.safeParse(content)
  const check: TemplateCheck = { attachment: {}, general: [], ok: parsed.success }
  if (parsed.success) return check
  for (const issue of parsed.error.issues) {
    const message = describeIssue(issue, locale)
    const [head, ...rest] = issue.path.map(String)
    if (head === 'text') check.text ??= message
    else if (head === 'attachment') check.attachment[rest.length ? rest.join('.') : '_'] ??= message
    else if (!check.general.includes(message)) check.general.push(message)
  }
  return check
}

/** The stored attachment in the attachment editor's shape (cards always have their fields). */
function toEditor(attachment: WelcomeDraftAttachment | null): AttachmentDraft[] {
  if (!attachment) return []
  if (attachment.msgtype === 'link') {
    const link = attachment.link ?? {}
    return [
      {
        ...attachment,
        link: { title: link.title ?? '', desc: link.desc ?? '', url: link.url ?? '', picurl: link.picurl ?? '' },
      } as AttachmentDraft,
    ]
  }
  if (attachment.msgtype === 'miniprogram') {
    const part = attachment.miniprogram ?? {}
    return [
      {
        ...attachment,
        miniprogram: { ...part, title: part.title ?? '', appid: part.appid ?? '', page: part.page ?? '' },
      } as AttachmentDraft,
    ]
  }
  return [attachment as AttachmentDraft]
}

/**
 * The editor's state: the form, autosave to the library (offline, no button), the live check with
 * the push-time rules, and the template as the core last answered it (state, id, last error).
 */
export function useTemplateEditor(locale: () => Locale, onSaved: () => void) {
  const store = useWelcomeTemplatesStore()
  const form = reactive<{ text: string; attachments: AttachmentDraft[]; notify: boolean }>({
    text: '',
    attachments: [],
    notify: true,
  })
  const template = ref<WelcomeTemplate>()
  const saveError = ref<ApiError>()
  const savedAt = ref<number>()
  const writing = ref(false)
  const loading = ref(false)

  const content = computed<WelcomeContent>(() => ({
    text: form.text,
    attachment: (form.attachments[0] as WelcomeDraftAttachment | undefined) ?? null,
  }))
  const snapshot = computed(() => JSON.stringify({ content: content.value, notify: form.notify }))
  const savedSnapshot = ref(snapshot.value)
  const check = computed(() => checkTemplate(content.value, locale()))
  /** Another app's template: WeCom refuses changes (41058), so it is shown read only. */
  const readOnly = computed(() => template.value?.ownership === 'other_app' || template.value?.deletedAt !== undefined)

  const saveState = computed<SaveState>(() => {
    if (writing.value) return 'saving'
    if (saveError.value) return 'failed'
    if (snapshot.value !== savedSnapshot.value) return 'unsaved'
    return template.value ? 'saved' : 'idle'
  })

  function apply(next: WelcomeTemplate): void {
    template.value = next
    form.text = next.content.text
    form.attachments = toEditor(next.content.attachment)
    form.notify = next.notify
    savedAt.value = next.updatedAt
    saveError.value = undefined
    savedSnapshot.value = snapshot.value
  }

  /** Takes the core's answer about the template (state, id) without touching what is being typed. */
  function track(next: WelcomeTemplate): void {
    template.value = next
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  let pending: Promise<void> | undefined

  async function save(): Promise<void> {
    const current = snapshot.value
    if (readOnly.value || (current === savedSnapshot.value && template.value)) return
    const parsed = JSON.parse(current) as { content: WelcomeContent; notify: boolean }
    writing.value = true
    try {
      const saved = await store.save({
        ...(template.value ? { id: template.value.id } : {}),
        content: parsed.content,
        notify: parsed.notify,
      })
      template.value = saved
      savedAt.value = saved.updatedAt
      savedSnapshot.value = current
      saveError.value = undefined
      onSaved()
    } catch (failure) {
      saveError.value = toApiError(failure)
    } finally {
      writing.value = false
    }
  }

  /** Writes what is on screen now (before a push, on close); waits for a write under way. */
  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (pending) await pending
    if (snapshot.value !== savedSnapshot.value) {
      pending = save()
      await pending
      pending = undefined
    }
  }

  // Leaving the editor by any way (profile switch, navigation) still stores what was typed.
  onBeforeUnmount(() => {
    if (!timer) return
    clearTimeout(timer)
    timer = undefined
    void save()
  })

  watch(snapshot, (next) => {
    if (next === savedSnapshot.value || readOnly.value) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      pending = save().finally(() => (pending = undefined))
    }, AUTOSAVE_DELAY_MS)
  })

  /** Opens a stored template, or a blank editor. */
  async function open(id: string | undefined): Promise<void> {
    await flush()
    if (!id) {
      template.value = undefined
      Object.assign(form, { text: '', attachments: [], notify: true })
      savedSnapshot.value = snapshot.value
      saveError.value = undefined
      savedAt.value = undefined
      return
    }
    loading.value = true
    try {
      apply(await store.get(id))
    } finally {
      loading.value = false
    }
  }

  return { form, template, content, check, readOnly, saveState, saveError, savedAt, loading, open, flush, apply, track }
}
