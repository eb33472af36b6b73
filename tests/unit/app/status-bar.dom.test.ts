import { flushPromises, mount, RouterLinkStub, type VueWrapper } from '@vue/test-utils'
import type { SyncStatus } from '@shared/customers'
import type { SendJobSummary } from '@shared/massMessages'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectApi } from '@/api'
import StatusBar from '@/components/StatusBar.vue'
import { applyLocale, i18n } from '@/i18n'
import { useSyncStore } from '@/stores/customers/sync'
import { useSendingStore } from '@/stores/massMessages/sending'
import { fakeApi } from '../renderer/fake-api'

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })

const idle: SyncStatus = {
  state: 'idle',
  done: 0,
  total: 0,
  counts: { members: 0, tags: 0, customers: 0, follows: 0, groups: 0, removed: 0 },
  resumable: false,
}
const syncing = (done: number, etaMs?: number): SyncStatus => ({
  ...idle,
  state: 'running',
  phase: 'customers',
  done,
  total: 400,
  startedAt: 5,
  ...(etaMs === undefined ? {} : { etaMs }),
})
const job = (id: string, state: SendJobSummary['state'], sent: number, title = '双十一预热'): SendJobSummary => ({
  id,
  title,
  chatType: 'single',
  state,
  recipients: 25_000,
  chunks: { total: 3, sent, pending: 3 - sent, unknown: 0, failed: 0 },
  msgids: [],
  createdAt: Number(id.slice(1)),
  updatedAt: 0,
})

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  vi.unstubAllGlobals()
  applyLocale('zh-CN')
})

/** The status bar alone, over a core that has `sync` and `jobs` going; answers the event pushers. */
async function mountBar(
  sync: SyncStatus,
  jobs: SendJobSummary[],
  locale: 'zh-CN' | 'en' = 'zh-CN',
  pinia = createPinia(),
) {
  applyLocale(locale)
  let pushSync: (status: SyncStatus) => void = () => undefined
  let pushJob: (job: SendJobSummary) => void = () => undefined
  const asked = { sync: 0, jobs: 0 }
  window.api = fakeApi({
    customers: {
      getSyncStatus: () => (asked.sync++, ok(sync)),
      onSyncProgress: (listener) => {
        pushSync = listener
        return () => undefined
      },
    },
    massMessages: {
      jobs: () => (asked.jobs++, ok(jobs)),
      onJobUpdate: (listener) => {
        pushJob = listener
        return () => undefined
      },
    },
  })
  await connectApi()
  // The bar follows the jobs a second after the page opened, once the browser is idle: now, here.
  vi.useFakeTimers({ toFake: ['setTimeout'] })
  vi.stubGlobal('requestIdleCallback', (run: () => void) => run())
  wrapper = mount(StatusBar, {
    global: { plugins: [pinia, i18n, ElementPlus], stubs: { RouterLink: RouterLinkStub } },
    attachTo: document.body,
  })
  vi.advanceTimersByTime(1_000)
  vi.useRealTimers()
  await flushPromises()
  return {
    asked,
    pushSync: async (status: SyncStatus) => {
      pushSync(status)
      await flushPromises()
    },
    pushJob: async (next: SendJobSummary) => {
      pushJob(next)
      await flushPromises()
    },
  }
}

/** The texts of an element's parts (its own spans, or itself), one space apart as they are laid out. */
function text(testid: string): string {
  const element = document.querySelector(`[data-testid="${testid}"]`)
  if (!element) return ''
  const spans = element.querySelectorAll(':scope > span')
  const parts = spans.length > 0 ? [...spans].map((span) => span.textContent ?? '') : [element.textContent ?? '']
  return parts
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' ')
}
const shown = (testid: string) => document.querySelector(`[data-testid="${testid}"]`) !== null

describe('status bar: long jobs on every page', () => {
  it('shows a running sync with its progress and ETA, and hides it once the sync ends', async () => {
    const bar = await mountBar(syncing(100, 90_000), [])
    expect(text('status-sync')).toBe('正在同步客户 25% 预计还需 约 2 分钟')
    const link = wrapper!.findAllComponents(RouterLinkStub).find((l) => l.attributes('data-testid') === 'status-sync')
    expect(link?.props('to')).toBe('/customers')
    await bar.pushSync(syncing(300, 30_000))
    expect(text('status-sync-percent')).toBe('75%')
    await bar.pushSync({ ...syncing(400), state: 'done', finishedAt: 9 })
    expect(shown('status-sync')).toBe(false)
  })

  it('follows a sync started after the page opened', async () => {
    const bar = await mountBar(idle, [])
    expect(shown('status-sync')).toBe(false)
    await bar.pushSync(syncing(0))
    expect(text('status-sync')).toBe('正在同步客户 0%')
  })

  it('shows a send in progress, not a scheduled one, and counts the others', async () => {
    const bar = await mountBar(idle, [job('j1', 'scheduled', 0, '周末活动')])
    expect(shown('status-send')).toBe(false)
    await bar.pushJob(job('j2', 'sending', 1))
    expect(text('status-send')).toBe('正在群发「双十一预热」 33%')
    await bar.pushJob(job('j3', 'preparing', 0, '会员日'))
    expect(text('status-send-more')).toBe('另有 1 条群发在发送')
    await bar.pushJob(job('j2', 'done', 3))
    await bar.pushJob(job('j3', 'done', 3, '会员日'))
    expect(shown('status-send')).toBe(false)
  })

  it('asks only for what the page has not loaded already', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    useSyncStore().status = syncing(100)
    useSendingStore().jobsLoaded = true
    const bar = await mountBar(idle, [], 'zh-CN', pinia)
    expect(bar.asked).toEqual({ sync: 0, jobs: 0 })
    expect(text('status-sync-percent')).toBe('25%')
  })

  it('says it in English, with plurals', async () => {
    await mountBar(
      syncing(200, 5_000),
      [job('j1', 'sending', 2), job('j2', 'sending', 0), job('j3', 'sending', 0)],
      'en',
    )
    expect(text('status-sync')).toBe('Syncing customers 50% about 5 s left')
    expect(text('status-send')).toBe('Sending “双十一预热” 66% and 2 more messages')
  })
})
