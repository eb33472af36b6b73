import type { ContactDashboard, ContactDashboardInput, FillStatus } from '@shared/statistics'
import type { Result } from '@shared/result'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { connectApi } from '@/api'
import { fillPercent, useStatisticsStore } from '@/stores/statistics'
import { useStatisticsDashboardsStore } from '@/stores/statistics/dashboards'
import { fakeApi } from '../renderer/fake-api'

/** 10:00 on 5 December 2026 in China. */
const NOW = Date.UTC(2026, 11, 5, 2)

const status = (patch: Partial<FillStatus>): FillStatus => ({
  state: 'idle',
  kind: 'first',
  done: 0,
  total: 0,
  provisionalDays: [],
  missingDays: 180,
  unavailable: [],
  teamSource: 'department',
  resumable: false,
  ...patch,
})

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })

/** A core stand-in: the fill's status and progress events, and contactDashboard answering when told to. */
function fakeCore() {
  let progress: ((s: FillStatus) => void) | undefined
  const asked: ContactDashboardInput[] = []
  const pending: Array<(value: Result<ContactDashboard>) => void> = []
  const api = fakeApi({
    statistics: {
      getStatus: () => ok(status({})),
      scopes: () => ok({ departments: [], members: [], owners: [] }),
      startFill: () => ok(status({ state: 'running', total: 400 })),
      onFillProgress: (listener: (s: FillStatus) => void) => {
        progress = listener
        return () => undefined
      },
      contactDashboard: (input: ContactDashboardInput) => {
        // What the bridge would send: a reactive proxy here would fail to cross it.
        asked.push(structuredClone(input))
        return new Promise((resolve) => pending.push(resolve))
      },
    },
  })
  return { api, asked, pending, emit: (s: FillStatus) => progress?.(s) }
}

const dashboard = (from: string) => ({ range: { from, to: '2026-12-04' } }) as unknown as ContactDashboard

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})

describe('statistics store', () => {
  it('shows the first fill until the cache has data, follows its progress and counts fills that ended', async () => {
    const core = fakeCore()
    window.api = core.api
    await connectApi()
    const store = useStatisticsStore()
    await store.load()
    expect(store.needsFirstFill).toBe(true)
    await store.startFill()
    expect(store.active).toBe(true)
    core.emit(status({ state: 'running', done: 100, total: 400, etaSeconds: 30 }))
    expect(store.percent).toBe(25)
    core.emit(status({ state: 'cancelled', done: 150, total: 400, resumable: true, dataUpTo: '2026-12-04' }))
    expect(store.stopped).toBe(true)
    expect(store.fillsEnded).toBe(1)
    expect(store.needsFirstFill).toBe(true) // the first fill stopped halfway: resume before the dashboards
    core.emit(status({ state: 'done', kind: 'refresh', done: 400, total: 400, dataUpTo: '2026-12-04' }))
    expect(store.needsFirstFill).toBe(false)
    expect(fillPercent({ done: 5, total: 0 })).toBe(0)
    expect(fillPercent({ done: 500, total: 400 })).toBe(100)
  })

  it('asks for the shared range, scope and sparkline as plain data, and shows only the latest answer', async () => {
    const core = fakeCore()
    window.api = core.api
    await connectApi()
    const store = useStatisticsStore()
    const dashboards = useStatisticsDashboardsStore()
    store.contactScope = { kind: 'members', userids: ['zhangsan', 'lisi'] }
    const first = dashboards.loadContact()
    store.setRange({ from: '2026-01-01', to: '2026-12-05' })
    dashboards.contactSpark = 'reply_percentage'
    const second = dashboards.loadContact()
    expect(core.asked).toEqual([
      {
        range: { from: '2026-11-05', to: '2026-12-04' },
        scope: { kind: 'members', userids: ['zhangsan', 'lisi'] },
        sparkMetric: 'message_cnt',
      },
      {
        range: { from: '2026-06-08', to: '2026-12-04' },
        scope: { kind: 'members', userids: ['zhangsan', 'lisi'] },
        sparkMetric: 'reply_percentage',
      },
    ])
    core.pending[1]!({ ok: true, data: dashboard('2026-06-08') })
    await second
    core.pending[0]!({ ok: true, data: dashboard('2026-11-05') }) // late answer for the range the user left
    await first
    expect(dashboards.contact?.range.from).toBe('2026-06-08')
  })
})
