import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../electron/core'
import type { Api } from '../../../shared/contract'
import { startSandbox } from '../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../electron/core/sandbox/types'
import { addDays, corpToday } from '../../../shared/date'
import { presetRange, type ContactDashboard, type FillStatus } from '../../../shared/statistics'
import { startCoreOn, type CoreOnSandbox } from '../customers/support'

let sandbox: SandboxHandle
let app: CoreOnSandbox
let core: Core

/** A call's answer, typed by the contract (the core's own `invoke` is untyped). */
async function call<K extends keyof Api['statistics']>(
  action: K,
  input?: unknown,
): Promise<Awaited<ReturnType<Api['statistics'][K] extends (...args: never[]) => infer R ? () => R : never>>> {
  return (await core.invoke(`statistics:${action}`, input)) as never
}

/** The fill's progress events until it stops. */
function fillStopped(): Promise<{ events: FillStatus[]; last: FillStatus }> {
  const events: FillStatus[] = []
  return new Promise((resolve) => {
    const unsubscribe = core.events.subscribe((channel, payload) => {
      if (channel !== 'statistics:onFillProgress') return
      const status = payload as FillStatus
      events.push(status)
      if (status.state === 'done' || status.state === 'failed' || status.state === 'cancelled') {
        unsubscribe()
        resolve({ events, last: status })
      }
    })
  })
}

beforeAll(async () => {
  sandbox = await startSandbox({ members: 12, customers: 300, groups: 30 })
  app = await startCoreOn(sandbox)
  core = app.core
}, 60_000)
afterAll(async () => {
  await app.close()
  await sandbox.close()
})

describe('statistics through the core', () => {
  it('a first fill in the background with progress, then the dashboards from the cache', async () => {
    const idle = await call('getStatus', undefined)
    expect(idle.ok && idle.data).toMatchObject({ state: 'idle', kind: 'first', missingDays: 180 })
    const stopped = fillStopped()
    const started = await call('startFill', undefined)
    expect(started.ok && started.data.state).toBe('running')
    // A second start while it runs answers the running fill.
    const again = await call('startFill', undefined)
    expect(again.ok && again.data.startedAt).toBe(started.ok && started.data.startedAt)
    const { events, last } = await stopped
    expect(last.state).toBe('done')
    expect(events.some((status) => status.state === 'running' && status.done > 0 && status.total > status.done)).toBe(
      true,
    )
    const yesterday = addDays(corpToday(), -1)
    expect(last.dataUpTo).toBe(yesterday)
    expect(last.missingDays).toBe(0)
    expect(last.lastRefreshAt).toBeGreaterThan(0)

    const scopes = await call('scopes', undefined)
    expect(scopes.ok && scopes.data.members).toHaveLength(12)
    const board = await call('contactDashboard', {
      range: presetRange('last30'),
      scope: { kind: 'team' },
    })
    expect(board.ok).toBe(true)
    const data = (board as { data: ContactDashboard }).data
    expect(data.sparkMetric).toBe('message_cnt')
    expect(data.members).toHaveLength(12)
    expect(data.kpis.message_cnt.value).toBeGreaterThan(0)

    const file = await call('export', {
      dashboard: 'group',
      range: presetRange('last7'),
      scope: { kind: 'team' },
      format: 'xlsx',
    })
    expect(file.ok && file.data.filename).toMatch(/\.xlsx$/)
  })

  it('a range ending today is clamped to yesterday; bad input is refused in the user’s language', async () => {
    const today = corpToday()
    const clamped = await call('groupDashboard', {
      range: { from: addDays(today, -6), to: today },
      scope: { kind: 'team' },
    })
    expect(clamped.ok && clamped.data.range).toEqual({ from: addDays(today, -6), to: addDays(today, -1) })
    expect(clamped.ok && clamped.data.clamped).toBe(true)

    const bad = await call('contactDashboard', {
      range: { from: '2026-02-30', to: today },
      scope: { kind: 'team' },
    })
    expect(bad.ok).toBe(false)
    await core.invoke('app:setLocale', { locale: 'zh-CN' })
    const unknown = await call('contactDashboard', {
      range: presetRange('last7'),
      scope: { kind: 'department', departmentId: 987654 },
    })
    expect(!unknown.ok && unknown.error.code).toBe('statistics_unknown_department')
    expect(!unknown.ok && unknown.error.message).toContain('找不到这个部门')
    await core.invoke('app:setLocale', { locale: 'en' })
    const tooMany = await call('compareMembers', {
      userids: Array.from({ length: 11 }, (_, i) => `u${i}`),
      metric: 'chat_cnt',
      range: presetRange('last7'),
    })
    expect(tooMany.ok).toBe(false)
  })
})
