import { localDayStart } from '@shared/date'
import type { ReceiveCapRule, SendPreview } from '@shared/massMessages'
import { ElMessage } from 'element-plus'
import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { formatDateTime } from '../../../components/format'
import { confirmWarning } from '../../../composables/confirmWarning'
import { toApiError } from '../../../composables/useApiError'
import { useAsyncAction } from '../../../composables/useAsyncAction'
import { useSendingStore } from '../../../stores/massMessages/sending'
import { useTestSend } from './useTestSend'

/** Senders listed by name in the preview; the rest are summed up. */
const TOP_SENDERS = 8

/**
 * The send dialog: what a send would do (recipients, member tasks, API calls, receive-cap
 * warning, blocking problems) from `massMessages.preview`, the receive-cap rule, and send now or
 * at a chosen time.
 */
export function useSendPreview(draftId: Ref<string | undefined>, flush: () => Promise<void>) {
  const sendingStore = useSendingStore()
  const router = useRouter()
  const { t } = useI18n()

  const visible = ref(false)
  const { running: loading, error, run: runLoad } = useAsyncAction()
  const preview = ref<SendPreview>()
  const capRule = ref<ReceiveCapRule>()
  const savingCap = ref(false)
  const when = ref<'now' | 'schedule'>('now')
  const scheduledAt = ref<Date | null>(null)
  const { running: sending, error: sendError, run: runSend } = useAsyncAction()
  /** "Send a test first": one customer or group of one member, before the real send. */
  const test = useTestSend(
    draftId,
    computed(() => preview.value?.chatType),
  )

  async function load(): Promise<void> {
    await runLoad(async () => {
      await flush()
      const id = draftId.value
      if (!id) throw new Error(t('massMessages.send.loadFailed'))
      const [next, rule] = await Promise.all([sendingStore.preview(id), sendingStore.loadSettings()])
      preview.value = next
      capRule.value = rule
    })
  }

  async function open(): Promise<void> {
    visible.value = true
    preview.value = undefined
    sendError.value = undefined
    when.value = 'now'
    scheduledAt.value = null
    test.reset()
    await load()
  }

  /** Saves the corp's receive-cap rule and recounts who is over it. */
  async function changeCap(rule: ReceiveCapRule): Promise<void> {
    savingCap.value = true
    try {
      await sendingStore.setReceiveCap(rule)
      capRule.value = rule
      ElMessage.success(t('massMessages.send.capSaved'))
      await load()
    } catch (failure) {
      error.value = toApiError(failure)
    } finally {
      savingCap.value = false
    }
  }

  const topSenders = computed(() => preview.value?.senders.slice(0, TOP_SENDERS) ?? [])
  const otherSenders = computed(() => Math.max(0, (preview.value?.senders.length ?? 0) - TOP_SENDERS))
  const busiest = computed(() => Math.max(1, ...topSenders.value.map((sender) => sender.count)))
  const scheduleProblem = computed(() =>
    when.value === 'schedule' && (!scheduledAt.value || scheduledAt.value.getTime() <= Date.now())
      ? t('massMessages.send.scheduleInPast')
      : undefined,
  )
  /** The earlier send of the same content (within a day, or still scheduled), in a sentence. */
  const repeatText = computed(() => {
    const earlier = preview.value?.earlierSend
    if (!earlier) return undefined
    const title = earlier.title.trim() || t('massMessages.untitled')
    return t(`massMessages.send.repeat.${earlier.state}`, { title, time: formatDateTime(earlier.at) })
  })
  const blocked = computed(() => !preview.value || preview.value.problems.length > 0 || preview.value.recipients === 0)
  const canSend = computed(() => !blocked.value && !scheduleProblem.value && !sending.value && !loading.value)

  async function submit(): Promise<void> {
    const id = draftId.value
    if (!id || !canSend.value) return
    const confirmRepeat = Boolean(repeatText.value)
    if (repeatText.value) {
      const question = t('massMessages.send.repeat.confirm', { earlier: repeatText.value })
      const buttons = {
        confirmButtonText: t('massMessages.send.repeat.confirmButton'),
        cancelButtonText: t('common.cancel'),
      }
      if (!(await confirmWarning(question, t('massMessages.send.repeat.confirmTitle'), buttons))) return
    }
    await runSend(async () => {
      const at = when.value === 'schedule' ? scheduledAt.value?.getTime() : undefined
      // The core refuses a repeat the user did not confirm; this one was confirmed above.
      const job = await sendingStore.send(id, at, confirmRepeat)
      visible.value = false
      ElMessage.success(
        at ? t('massMessages.send.scheduled', { time: formatDateTime(at) }) : t('massMessages.send.sent'),
      )
      await router.push({ name: 'massMessages-home', query: { job: job.id } })
    })
  }

  /** Days before today cannot be picked. */
  const disabledDate = (date: Date) => date.getTime() < localDayStart(Date.now())

  return {
    test,
    visible,
    loading,
    error,
    preview,
    capRule,
    savingCap,
    when,
    scheduledAt,
    sending,
    sendError,
    topSenders,
    otherSenders,
    busiest,
    scheduleProblem,
    repeatText,
    blocked,
    canSend,
    open,
    load,
    changeCap,
    submit,
    disabledDate,
  }
}
