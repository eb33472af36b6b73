import type { SyncStatus } from '@shared/customers'
import type { Result } from '@shared/result'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectApi } from '@/api'
import SyncProgress from '@/components/SyncProgress.vue'
import { i18n } from '@/i18n'
import { smoothEta, type ShownEta } from '@/stores/customers/sync'
import { fakeApi } from '../../renderer/fake-api'

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })

function running(etaMs: number, done: number): SyncStatus {
  return {
    state: 'running',
    phase: 'customers',
    done,
    total: 1000,
    etaMs,
    counts: { members: 10, tags: 5, customers: done * 100, follows: 0, groups: 0, removed: 0 },
    startedAt: 1,
    resumable: false,
  }
}

/** Feeds estimates (s) one every `everyMs` to `smoothEta` and answers what was shown (s). */
function shownFor(estimatesS: number[], everyMs: number): number[] {
  let shown: ShownEta | undefined
  return estimatesS.map((s, i) => {
    shown = smoothEta(shown, s * 1000, i * everyMs)
    return shown.etaMs / 1000
  })
}

describe('the sync ETA on screen', () => {
  it('counts down through an estimate that jumps 27 → 11 → 17 → 6 s', () => {
    const shown = shownFor([27, 11, 17, 6, 9, 4], 2_000)
    expect(shown[0]).toBe(27)
    for (let i = 1; i < shown.length; i++) {
      expect(shown[i]!, `step ${i}: ${shown.join(' → ')}`).toBeLessThanOrEqual(shown[i - 1]!)
      // never more than the 2 s that passed plus a third of what was shown
      expect(shown[i - 1]! - shown[i]!, `step ${i}: ${shown.join(' → ')}`).toBeLessThan(2 + shown[i - 1]! / 3)
    }
  })

  it('shows a steady estimate as it is', () => {
    const shown = shownFor([60, 58, 56, 54, 52, 50], 2_000)
    expect(shown).toEqual([60, 58, 56, 54, 52, 50])
  })

  it('takes on a lasting rise within half a minute, without a jump', () => {
    const estimates = Array.from({ length: 150 }, (_, i) => 120 - i * 0.2) // every 200 ms, from 2 min down
    let shown: ShownEta = { etaMs: 30_000, at: -200 } // an early guess far too low
    const seen: number[] = []
    estimates.forEach((s, i) => {
      shown = smoothEta(shown, s * 1000, i * 200)
      seen.push(shown.etaMs / 1000)
    })
    for (let i = 1; i < seen.length; i++) expect(seen[i]! - seen[i - 1]!).toBeLessThan(6)
    expect(Math.abs(seen.at(-1)! - estimates.at(-1)!)).toBeLessThan(10)
  })

  describe('in the sync panel', () => {
    beforeEach(() => {
      setActivePinia(createPinia())
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(1_000_000)
    })
    afterEach(() => {
      vi.useRealTimers()
      delete window.api
    })

    it('shows the smoothed ETA, not each jump of the estimate', async () => {
      let push: (status: SyncStatus) => void = () => undefined
      window.api = fakeApi({
        customers: {
          getSyncStatus: () => ok(running(27_000, 100)),
          onSyncProgress: (listener) => {
            push = listener
            return () => undefined
          },
        },
      })
      await connectApi()
      const wrapper = mount(SyncProgress, { global: { plugins: [ElementPlus, i18n, createPinia()] } })
      await flushPromises()
      expect(wrapper.get('[data-testid="sync-eta"]').text()).toBe('预计还需 约 27 秒')
      vi.setSystemTime(1_002_000)
      push(running(11_000, 200))
      await flushPromises()
      // 2 s passed: 25 s counting down, moving toward 11 s, but not there in one step
      const seconds = Number(/约 (\d+) 秒/.exec(wrapper.get('[data-testid="sync-eta"]').text())?.[1])
      expect(seconds).toBeGreaterThan(15)
      expect(seconds).toBeLessThan(25)
      wrapper.unmount()
    })
  })
})
