import type { CustomerQueryResult, CustomerRow, SyncStatus } from '@shared/customers'
import type { Result } from '@shared/result'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { connectApi } from '@/api'
import { fakeApi } from '../renderer/fake-api'
import { CUSTOMER_WINDOW, useCustomersStore } from '@/stores/customers'
import { isStaleSyncStatus, syncPercent, useSyncStore } from '@/stores/customers/sync'

type QueryInput = { filter?: Record<string, unknown>; offset?: number; limit?: number }

const row = (i: number): CustomerRow => ({
  externalUserid: `wm${i}`,
  name: `客户${i}`,
  type: 1,
  gender: 1,
  corpName: '',
  avatar: '',
  followers: [],
  tagIds: [],
  addedAt: 0,
})

/** A core stand-in answering `customers.query` over `total` customers, recording each call. */
function fakeCore(total: () => number) {
  const calls: QueryInput[] = []
  let progress: ((status: SyncStatus) => void) | undefined
  const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })
  const api = {
    customers: {
      query: vi.fn((input: QueryInput) => {
        calls.push(input)
        const offset = input.offset ?? 0
        const count = Math.max(0, Math.min(input.limit ?? 100, total() - offset))
        return ok<CustomerQueryResult>({
          total: total(),
          rows: Array.from({ length: count }, (_, i) => row(offset + i)),
        })
      }),
      getSyncStatus: () => ok(status('idle')),
      startSync: () => ok(status('running', 1)),
      cancelSync: () => ok(status('cancelled', 1)),
      onSyncProgress: (listener: (s: SyncStatus) => void) => {
        progress = listener
        return () => undefined
      },
    },
  }
  return { api: fakeApi(api), calls, emit: (s: SyncStatus) => progress?.(s) }
}

function status(state: SyncStatus['state'], startedAt?: number, done = 0, total = 10): SyncStatus {
  return {
    state,
    done,
    total,
    counts: { members: 0, tags: 0, customers: 0, follows: 0, groups: 0, removed: 0 },
    resumable: state === 'cancelled',
    ...(startedAt !== undefined ? { startedAt } : {}),
  }
}

beforeEach(() => setActivePinia(createPinia()))

describe('customers store: windows of rows', () => {
  it('fetches the first window with the filter, then only windows that scroll into view', async () => {
    const core = fakeCore(() => 2000)
    window.api = core.api
    await connectApi()
    const store = useCustomersStore()
    store.form.search = ' 王 '
    await store.apply()
    expect(core.calls).toEqual([
      { filter: { search: '王' }, sort: { field: 'addedAt', order: 'desc' }, offset: 0, limit: CUSTOMER_WINDOW },
    ])
    expect(store.total).toBe(2000)
    expect(store.rows).toHaveLength(2000)
    expect(store.rows[0]?.customer?.name).toBe('客户0')
    expect(store.rows[150]?.customer).toBeUndefined()

    store.ensureRange(0, 30)
    expect(core.calls).toHaveLength(1)
    store.ensureRange(90, 130)
    store.ensureRange(95, 135) // already on its way: not asked twice
    await vi.waitFor(() => expect(store.rows[150]?.customer?.name).toBe('客户150'))
    expect(core.calls.map((c) => c.offset)).toEqual([0, 100])
    expect(core.calls[1]?.filter).toEqual({ search: '王' })
  })

  it('drops answers for an older filter and refreshes the windows in view after an edit', async () => {
    let total = 500
    const core = fakeCore(() => total)
    window.api = core.api
    await connectApi()
    const store = useCustomersStore()
    await store.apply()
    store.ensureRange(300, 320)
    store.form.tagIds = ['etA']
    await store.apply() // the window at 300 answers for the old filter and is ignored
    expect(store.rows[300]?.customer).toBeUndefined()

    store.ensureRange(300, 320)
    await vi.waitFor(() => expect(store.rows[300]?.customer).toBeDefined())
    const before = core.calls.length
    total = 400 // e.g. a sync removed customers
    await store.refresh()
    expect(core.calls.slice(before).map((c) => c.offset)).toEqual([300])
    expect(store.total).toBe(400)
    expect(store.rows).toHaveLength(400)
    expect(store.rows[0]?.customer).toBeUndefined() // re-fetched when it scrolls back into view
  })
})

describe('sync store', () => {
  it('counts runs that ended so pages reload, and ignores a late "running" for a finished run', async () => {
    const core = fakeCore(() => 0)
    window.api = core.api
    await connectApi()
    const sync = useSyncStore()
    await sync.load()
    expect(sync.runsEnded).toBe(0)
    core.emit(status('running', 1, 3, 10))
    expect(sync.active).toBe(true)
    expect(sync.percent).toBe(30)
    core.emit(status('done', 1, 10, 10))
    expect(sync.runsEnded).toBe(1)
    expect(isStaleSyncStatus(sync.status, status('running', 1))).toBe(true)
    core.emit(status('running', 1, 2, 10)) // stale: the run is over
    expect(sync.active).toBe(false)
    core.emit(status('running', 2, 0, 10)) // a new run
    expect(sync.active).toBe(true)
    await sync.cancel()
    expect(sync.stopped).toBe(true)
    expect(sync.runsEnded).toBe(2)
  })

  it('computes the bar percentage safely', () => {
    expect(syncPercent(undefined)).toBe(0)
    expect(syncPercent({ done: 5, total: 0 })).toBe(0)
    expect(syncPercent({ done: 1, total: 3 })).toBe(33)
    expect(syncPercent({ done: 12, total: 10 })).toBe(100)
  })
})
