import { describe, expect, it, vi } from 'vitest'
import type { SyncStatus } from '../../../shared/customers'
import type { SendJobSummary } from '../../../shared/massMessages'
import { createActivityTracker, LONG_JOB_MS, updateFoundText } from '../../../electron/main/activity'

function tracker(options: { focused?: boolean; locale?: 'zh-CN' | 'en'; now?: number } = {}) {
  const setProgress = vi.fn()
  const notify = vi.fn()
  const state = { focused: options.focused ?? false, now: options.now ?? 1_000_000 }
  const t = createActivityTracker({
    setProgress,
    notify,
    isFocused: () => state.focused,
    locale: () => options.locale ?? 'zh-CN',
    now: () => state.now,
  })
  return { t, setProgress, notify, state }
}

function sync(over: Partial<SyncStatus>): SyncStatus {
  return {
    state: 'running',
    done: 0,
    total: 0,
    counts: { members: 0, tags: 0, customers: 0, follows: 0, groups: 0, removed: 0 },
    resumable: false,
    ...over,
  }
}

function job(over: Partial<SendJobSummary>): SendJobSummary {
  return {
    id: 'j1',
    title: '双十一活动',
    chatType: 'single',
    state: 'sending',
    recipients: 100,
    chunks: { total: 4, sent: 0, pending: 4, unknown: 0, failed: 0 },
    msgids: [],
    createdAt: 1_000_000,
    updatedAt: 1_000_000,
    ...over,
  }
}

describe('taskbar progress', () => {
  it('follows a customer sync and clears when it ends', () => {
    const { t, setProgress } = tracker()
    t.onEvent('customers:onSyncProgress', sync({ total: 0 }))
    t.onEvent('customers:onSyncProgress', sync({ done: 25, total: 100 }))
    t.onEvent('customers:onSyncProgress', sync({ done: 25, total: 100 }))
    t.onEvent('customers:onSyncProgress', sync({ state: 'done', done: 100, total: 100 }))
    expect(setProgress.mock.calls.map((c) => c[0])).toEqual(['indeterminate', 0.25, 'none'])
  })

  it('shows the mean of a running send and sync, and an update download', () => {
    const { t, setProgress } = tracker()
    t.onEvent('customers:onSyncProgress', sync({ done: 50, total: 100 }))
    t.onEvent('massMessages:onJobUpdate', job({ chunks: { total: 4, sent: 1, pending: 2, unknown: 0, failed: 1 } }))
    expect(setProgress).toHaveBeenLastCalledWith(0.5)
    t.onEvent('customers:onSyncProgress', sync({ state: 'cancelled' }))
    t.onEvent(
      'massMessages:onJobUpdate',
      job({ state: 'done', chunks: { total: 4, sent: 4, pending: 0, unknown: 0, failed: 0 } }),
    )
    expect(setProgress).toHaveBeenLastCalledWith('none')
    t.onUpdateState({
      currentVersion: '1',
      status: 'downloading',
      autoCheck: true,
      progress: { percent: 40, transferred: 4, total: 10, bytesPerSecond: 1 },
    })
    expect(setProgress).toHaveBeenLastCalledWith(0.4)
    t.onUpdateState({ currentVersion: '1', status: 'downloaded', autoCheck: true })
    expect(setProgress).toHaveBeenLastCalledWith('none')
  })

  it('ignores events it does not know and payloads that are not objects', () => {
    const { t, setProgress } = tracker()
    t.onEvent('profiles:onChanged', [])
    t.onEvent('customers:onSyncProgress', null)
    expect(setProgress).not.toHaveBeenCalled()
  })
})

describe('notifications', () => {
  it('a scheduled send that finishes while the window is not focused', () => {
    const { t, notify } = tracker()
    t.onEvent('massMessages:onJobUpdate', job({ state: 'scheduled', scheduledAt: 2_000_000 }))
    t.onEvent('massMessages:onJobUpdate', job({ state: 'sending', scheduledAt: 2_000_000 }))
    t.onEvent('massMessages:onJobUpdate', job({ state: 'done', scheduledAt: 2_000_000 }))
    expect(notify).toHaveBeenCalledExactlyOnceWith('群发已发出', '双十一活动')
  })

  it('a partly failed send says so, in the user’s language', () => {
    const { t, notify } = tracker({ locale: 'en' })
    t.onEvent('massMessages:onJobUpdate', job({ state: 'sending', scheduledAt: 1 }))
    t.onEvent(
      'massMessages:onJobUpdate',
      job({ state: 'partial', scheduledAt: 1, message: '2 members could not be reached' }),
    )
    expect(notify).toHaveBeenCalledExactlyOnceWith(
      'Mass message partly sent',
      '双十一活动 — 2 members could not be reached',
    )
  })

  it('a long sync that ends, but not a short one, and never while the user looks at the window', () => {
    const long = tracker()
    long.t.onEvent('customers:onSyncProgress', sync({ done: 1, total: 2 }))
    long.t.onEvent(
      'customers:onSyncProgress',
      sync({
        state: 'done',
        startedAt: 0,
        finishedAt: LONG_JOB_MS + 1,
        counts: { members: 1, tags: 1, customers: 6706, follows: 1, groups: 1, removed: 0 },
      }),
    )
    expect(long.notify).toHaveBeenCalledExactlyOnceWith('客户同步完成', '已同步 6,706 位客户。')

    const short = tracker()
    short.t.onEvent('customers:onSyncProgress', sync({ done: 1, total: 2 }))
    short.t.onEvent('customers:onSyncProgress', sync({ state: 'done', startedAt: 0, finishedAt: 5_000 }))
    expect(short.notify).not.toHaveBeenCalled()

    const looking = tracker({ focused: true })
    looking.t.onEvent('customers:onSyncProgress', sync({ done: 1, total: 2 }))
    looking.t.onEvent('customers:onSyncProgress', sync({ state: 'failed', startedAt: 0, finishedAt: LONG_JOB_MS * 2 }))
    expect(looking.notify).not.toHaveBeenCalled()
  })

  it('a quick send started now is not announced', () => {
    const { t, notify } = tracker()
    t.onEvent('massMessages:onJobUpdate', job({ state: 'sending' }))
    t.onEvent('massMessages:onJobUpdate', job({ state: 'done' }))
    expect(notify).not.toHaveBeenCalled()
  })

  it('a long immediate send is announced', () => {
    const { t, notify, state } = tracker()
    t.onEvent('massMessages:onJobUpdate', job({ state: 'sending' }))
    state.now += LONG_JOB_MS
    t.onEvent('massMessages:onJobUpdate', job({ state: 'failed', message: 'WeCom refused it' }))
    expect(notify).toHaveBeenCalledExactlyOnceWith('群发没有发出', '双十一活动 — WeCom refused it')
  })

  it('a new version found by the daily check', () => {
    expect(updateFoundText('zh-CN', '1.2.0').body).toContain('1.2.0')
    expect(updateFoundText('en', '1.2.0').title).toBe('A new version is available')
  })
})
