import type { EventChannel, UpdateState } from '../../shared/contract'
import type { SyncStatus } from '../../shared/customers'
import type { SendJobSummary } from '../../shared/massMessages'
import type { Locale } from '../../shared/result'

/** A job finishing after at least this long is worth a notification when the window is not focused. */
export const LONG_JOB_MS = 30_000

/** One piece of running work on the taskbar: a fraction from 0 to 1, or not measurable yet. */
type Fraction = number | 'indeterminate'

export interface ActivityOutput {
  /** Windows taskbar / macOS dock / Unity launcher bar: 0..1, 'indeterminate', or 'none' to hide it. */
  setProgress(progress: number | 'indeterminate' | 'none'): void
  notify(title: string, body: string): void
  /** Whether the user is looking at the app right now (then no notification). */
  isFocused(): boolean
  locale(): Locale
  now?: () => number
}

const TEXT = {
  syncDone: { 'zh-CN': '客户同步完成', en: 'Customer sync finished' },
  syncDoneBody: {
    'zh-CN': (n: number) => `已同步 ${n.toLocaleString('zh-CN')} 位客户。`,
    en: (n: number) => `${n.toLocaleString('en')} customers are up to date.`,
  },
  syncFailed: { 'zh-CN': '客户同步没有完成', en: 'Customer sync did not finish' },
  sendDone: { 'zh-CN': '群发已发出', en: 'Mass message sent' },
  sendPartial: { 'zh-CN': '群发部分发出', en: 'Mass message partly sent' },
  sendFailed: { 'zh-CN': '群发没有发出', en: 'Mass message not sent' },
  sendCancelled: { 'zh-CN': '定时群发已取消', en: 'Scheduled mass message cancelled' },
  openToSee: { 'zh-CN': '打开控制台查看详情。', en: 'Open the console for details.' },
} as const

const ACTIVE_SEND = new Set<SendJobSummary['state']>(['preparing', 'sending', 'reconciling'])
const ENDED_SEND = new Set<SendJobSummary['state']>(['done', 'partial', 'failed', 'cancelled'])

/**
 * Turns the core's events into the desktop touches: the taskbar / dock progress bar shows a running
 * customer sync, send or update download (their mean when several run), and a system notification
 * says when a scheduled send or a long job ends while the window is not focused. A new kind of
 * long job (the statistics fill) adds its event here: one function from its payload to a fraction
 * and, when it ends, a notification.
 */
export function createActivityTracker(output: ActivityOutput): {
  /** Feed every core event here (`core.events.subscribe`). */
  onEvent(channel: EventChannel | string, payload: unknown): void
  onUpdateState(state: UpdateState): void
} {
  const now = output.now ?? Date.now
  const running = new Map<string, Fraction>()
  const sends = new Map<string, SendJobSummary['state']>()
  let syncRunning = false
  let shown: string | undefined

  const render = () => {
    const values = [...running.values()]
    let next: number | 'indeterminate' | 'none'
    if (values.length === 0) next = 'none'
    else if (values.every((v) => v === 'indeterminate')) next = 'indeterminate'
    else {
      const known = values.filter((v): v is number => v !== 'indeterminate')
      next = Math.min(1, Math.max(0, known.reduce((a, b) => a + b, 0) / known.length))
    }
    const key = String(next)
    if (key === shown) return
    shown = key
    try {
      output.setProgress(next)
    } catch {
      // the window is gone
    }
  }
  const notify = (title: string, body: string) => {
    try {
      if (!output.isFocused()) output.notify(title, body)
    } catch {
      // notifications are a courtesy
    }
  }
  const lang = (): Locale => {
    try {
      return output.locale()
    } catch {
      return 'zh-CN'
    }
  }

  function onSync(status: SyncStatus): void {
    if (status.state === 'running' || status.state === 'cancelling') {
      syncRunning = true
      running.set('sync', status.total > 0 ? status.done / status.total : 'indeterminate')
      return render()
    }
    running.delete('sync')
    render()
    if (!syncRunning) return
    syncRunning = false
    const took =
      status.startedAt !== undefined && status.finishedAt !== undefined ? status.finishedAt - status.startedAt : 0
    if (took < LONG_JOB_MS) return
    const l = lang()
    if (status.state === 'done') notify(TEXT.syncDone[l], TEXT.syncDoneBody[l](status.counts.customers))
    else if (status.state === 'failed') notify(TEXT.syncFailed[l], status.message ?? TEXT.openToSee[l])
  }

  function onSend(job: SendJobSummary): void {
    const key = `send:${job.id}`
    const before = sends.get(job.id)
    sends.set(job.id, job.state)
    if (ACTIVE_SEND.has(job.state)) {
      const total = job.chunks.total
      const settled = job.chunks.sent + job.chunks.failed + job.chunks.unknown
      running.set(key, total > 0 ? settled / total : 'indeterminate')
      return render()
    }
    running.delete(key)
    render()
    if (!ENDED_SEND.has(job.state)) return
    sends.delete(job.id)
    if (before === undefined || ENDED_SEND.has(before)) return
    const scheduled = job.scheduledAt !== undefined
    const long = now() - job.createdAt >= LONG_JOB_MS
    if (!scheduled && !long) return
    const l = lang()
    const title =
      job.state === 'done'
        ? TEXT.sendDone[l]
        : job.state === 'partial'
          ? TEXT.sendPartial[l]
          : job.state === 'failed'
            ? TEXT.sendFailed[l]
            : TEXT.sendCancelled[l]
    notify(title, job.state === 'done' ? job.title : `${job.title}${job.message ? ` — ${job.message}` : ''}`)
  }

  return {
    onEvent(channel, payload) {
      if (!payload || typeof payload !== 'object') return
      if (channel === 'customers:onSyncProgress') onSync(payload as SyncStatus)
      else if (channel === 'massMessages:onJobUpdate') onSend(payload as SendJobSummary)
    },
    onUpdateState(state) {
      if (state.status === 'downloading') running.set('update', (state.progress?.percent ?? 0) / 100)
      else running.delete('update')
      render()
    },
  }
}

/** The notification when the daily check finds a newer version (once per version). */
export function updateFoundText(locale: Locale, version: string): { title: string; body: string } {
  return locale === 'en'
    ? {
        title: 'A new version is available',
        body: `Version ${version} can be downloaded in Settings → About and updates.`,
      }
    : { title: '有新版本可用', body: `新版本 ${version} 可以下载了：请到“设置 → 关于与更新”中下载。` }
}
