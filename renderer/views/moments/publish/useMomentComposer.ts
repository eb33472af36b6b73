import {
  describeMomentIssues,
  describeMomentRule,
  momentContentSchema,
  momentFileIssues,
  momentTextLength,
  type DraftMomentAttachment,
  type DraftPublish,
  type MomentMedia,
  type MomentMediaKind,
  type RangeEstimate,
  type RangeOptions,
  type VisibleRange,
} from '@shared/moments-publish'
import type { ApiError, Locale } from '@shared/result'
import { WECOM_LIMITS } from '@shared/limits/wecom'
import { computed, onBeforeUnmount, onMounted, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { toApiError } from '../../../composables/useApiError'
import { useMomentPublishStore } from '../../../stores/moments/publish'

export type AttachmentKind = 'none' | 'image' | 'video' | 'link'
type SaveState = 'idle' | 'unsaved' | 'saving' | 'saved' | 'failed'

const AUTOSAVE_MS = 400
const ESTIMATE_MS = 300

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(file)
  })
}

/**
 * The moment composer's state: the draft form (autosaved as typed, offline), files picked and
 * checked with the shared moments rules (a refused file names its rule and changes nothing else),
 * the visible range with its estimate, and the rules' problems in the user's language.
 */
export function useMomentComposer() {
  const store = useMomentPublishStore()
  const route = useRoute()
  const router = useRouter()
  const { locale } = useI18n()

  const draftId = ref<string>()
  const revision = ref<number>()
  const form = reactive({
    title: '',
    text: '',
    kind: 'none' as AttachmentKind,
    images: [] as MomentMedia[],
    video: undefined as MomentMedia | undefined,
    link: { title: '', url: '', cover: undefined as MomentMedia | undefined },
    range: { userids: [] as string[], departmentIds: [] as number[], tagIds: [] as string[] },
  })
  /** The draft's latest publish, if any: publishing it again sends another moment. */
  const lastPublish = ref<DraftPublish>()
  const loading = ref(false)
  const loadError = ref<ApiError>()
  const saveState = ref<SaveState>('idle')
  const saveError = ref<ApiError>()
  const savedAt = ref<number>()
  const reading = ref(0)
  /** Files refused, each with the rule it breaks (the draft kept everything else). */
  const refused = ref<string[]>([])
  const options = ref<RangeOptions>({ members: [], departments: [], tagGroups: [] })
  const estimate = ref<RangeEstimate>()
  const estimating = ref(false)
  let ready = false
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  let saving: Promise<void> | undefined
  let dirty = false

  const attachments = computed<DraftMomentAttachment[]>(() => {
    if (form.kind === 'image') return form.images.map((image) => ({ msgtype: 'image' as const, image }))
    if (form.kind === 'video') return form.video ? [{ msgtype: 'video' as const, video: form.video }] : []
    if (form.kind === 'link')
      return [
        {
          msgtype: 'link' as const,
          link: { title: form.link.title, url: form.link.url, ...(form.link.cover ? { cover: form.link.cover } : {}) },
        },
      ]
    return []
  })
  const range = computed<VisibleRange>(() => ({
    userids: [...form.range.userids],
    departmentIds: [...form.range.departmentIds],
    tagIds: [...form.range.tagIds],
  }))
  const content = computed(() => ({ text: form.text, attachments: attachments.value }))
  const textLength = computed(() => momentTextLength(form.text))
  const issues = computed(() => {
    const parsed = momentContentSchema.safeParse(content.value)
    return parsed.success ? [] : describeMomentIssues(parsed.error.issues, locale.value as Locale)
  })
  /** The kind can change only while nothing of another kind is attached (no mixing). */
  const kindLocked = computed(
    () => form.images.length > 0 || form.video !== undefined || form.link.cover !== undefined || form.link.url !== '',
  )

  async function saveNow(): Promise<void> {
    if (!dirty) return
    dirty = false
    saveState.value = 'saving'
    try {
      const summary = await store.save({
        ...(draftId.value ? { id: draftId.value } : {}),
        ...(revision.value !== undefined ? { baseRevision: revision.value } : {}),
        title: form.title,
        content: content.value,
        range: range.value,
      })
      const created = draftId.value === undefined
      draftId.value = summary.id
      revision.value = summary.revision
      savedAt.value = summary.updatedAt
      saveError.value = undefined
      saveState.value = dirty ? 'unsaved' : 'saved'
      if (created) void router.replace({ name: 'moments-compose', params: { id: summary.id } })
    } catch (error) {
      dirty = true
      saveError.value = toApiError(error)
      saveState.value = 'failed'
    }
  }

  async function flush(): Promise<void> {
    if (saveTimer !== undefined) clearTimeout(saveTimer)
    saveTimer = undefined
    while (saving) await saving
    if (!dirty) return
    saving = saveNow().finally(() => (saving = undefined))
    await saving
    if (dirty && saveState.value !== 'failed') await flush()
  }

  function changed(): void {
    if (!ready) return
    dirty = true
    saveState.value = 'unsaved'
    if (saveTimer !== undefined) clearTimeout(saveTimer)
    saveTimer = setTimeout(() => void flush(), AUTOSAVE_MS)
  }

  watch(
    () => [
      form.title,
      form.text,
      form.kind,
      attachments.value,
      form.range.userids,
      form.range.departmentIds,
      form.range.tagIds,
    ],
    changed,
    { deep: true },
  )

  let estimateTimer: ReturnType<typeof setTimeout> | undefined
  watch(
    range,
    () => {
      if (estimateTimer !== undefined) clearTimeout(estimateTimer)
      estimating.value = true
      estimateTimer = setTimeout(async () => {
        try {
          estimate.value = await store.estimate(range.value)
        } catch {
          estimate.value = undefined
        } finally {
          estimating.value = false
        }
      }, ESTIMATE_MS)
    },
    { deep: true },
  )

  /** Checks the picked file's type and size at once (the shared rule), then lets the core read and check the rest. */
  async function addFile(kind: MomentMediaKind, file: File): Promise<MomentMedia | undefined> {
    const early = momentFileIssues(kind, { filename: file.name, contentType: file.type, size: file.size }, false)
    const [issue] = early
    if (issue) {
      refused.value = [...refused.value, describeMomentRule(issue, locale.value as Locale)]
      return undefined
    }
    reading.value++
    try {
      const media = await store.addMedia(kind, {
        filename: file.name,
        contentType: file.type,
        dataBase64: await readBase64(file),
      })
      if (kind === 'image') void store.ensureMediaUrl(media.localMediaId)
      return media
    } catch (error) {
      refused.value = [...refused.value, toApiError(error).message]
      return undefined
    } finally {
      reading.value--
    }
  }

  async function addImages(files: readonly File[]): Promise<void> {
    refused.value = []
    for (const file of files) {
      if (form.images.length >= WECOM_LIMITS.moment.images) {
        refused.value = [
          ...refused.value,
          describeMomentRule(
            { key: 'mp.tooManyImages', params: { max: WECOM_LIMITS.moment.images, count: form.images.length + 1 } },
            locale.value as Locale,
          ),
        ]
        break
      }
      const media = await addFile('image', file)
      if (media) form.images.push(media)
    }
  }

  async function setVideo(file: File): Promise<void> {
    refused.value = []
    const media = await addFile('video', file)
    if (media) form.video = media
  }

  async function setCover(file: File): Promise<void> {
    refused.value = []
    const media = await addFile('image', file)
    if (media) form.link.cover = media
  }

  function removeImage(index: number): void {
    form.images.splice(index, 1)
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      options.value = await store.rangeOptions().catch(() => options.value)
      const id = typeof route.params.id === 'string' && route.params.id !== '' ? route.params.id : undefined
      if (id) {
        const draft = await store.get(id)
        draftId.value = draft.id
        revision.value = draft.revision
        savedAt.value = draft.updatedAt
        lastPublish.value = draft.publish
        form.title = draft.title
        form.text = draft.content.text
        form.range.userids = [...draft.range.userids]
        form.range.departmentIds = [...draft.range.departmentIds]
        form.range.tagIds = [...draft.range.tagIds]
        const first = draft.content.attachments[0]
        form.kind = first ? first.msgtype : 'none'
        for (const attachment of draft.content.attachments) {
          if (attachment.msgtype === 'image') form.images.push(attachment.image)
          else if (attachment.msgtype === 'video') form.video = attachment.video
          else form.link = { title: attachment.link.title, url: attachment.link.url, cover: attachment.link.cover }
        }
        for (const image of form.images) void store.ensureMediaUrl(image.localMediaId)
        if (form.link.cover) void store.ensureMediaUrl(form.link.cover.localMediaId)
        saveState.value = 'saved'
      }
      estimate.value = await store.estimate(range.value).catch(() => undefined)
    } catch (error) {
      loadError.value = toApiError(error)
    } finally {
      loading.value = false
      // Changes from loading are not edits.
      setTimeout(() => (ready = true))
    }
  }

  onMounted(() => void load())
  onBeforeUnmount(() => void flush())

  return {
    store,
    draftId,
    lastPublish,
    form,
    loading,
    loadError,
    saveState,
    saveError,
    savedAt,
    reading,
    refused,
    options,
    estimate,
    estimating,
    textLength,
    issues,
    kindLocked,
    flush,
    addImages,
    setVideo,
    setCover,
    removeImage,
  }
}
