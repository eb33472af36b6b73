import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../electron/core'
import { startSandbox } from '../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../electron/core/sandbox/types'
import { addDays, corpToday } from '../../../shared/date'
import { presetRange, type ContactDashboard, type FillStatus } from '../../../shared/statistics'
import { startCoreOn, type CoreOnSandbox } from '../customers/support'

let sandbox: SandboxHandle
let app: CoreOnSandbox
let core: Core

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
    const idle = await core.invoke('statistics:getStatus', undefined)
    expect(idle.ok && idle.data).toMatchObject({ state: 'idle', kind: 'first', missingDays: 180 })
    const stopped = fillStopped()
    const started = await core.invoke('statistics:startFill', undefined)
    expect(started.ok && started.data.state).toBe('running')
    // A second start while it runs answers the running fill.
    const again = await core.invoke('statistics:startFill', undefined)
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

    const scopes = await core.invoke('statistics:scopes', undefined)
    expect(scopes.ok && scopes.data.members).toHaveLength(12)
    const board = await core.invoke('statistics:contactDashboard', {
      range: presetRange('last30'),
      scope: { kind: 'team' },
    })
    expect(board.ok).toBe(true)
    const data = (board as { data: ContactDashboard }).data
    expect(data.sparkMetric).toBe('message_cnt')
    expect(data.members).toHaveLength(12)
    expect(data.kpis.message_cnt.value).toBeGreaterThan(0)

    const file = await core.invoke('statistics:export', {
      dashboard: 'group',
      range: presetRange('last7'),
      scope: { kind: 'team' },
      format: 'xlsx',
    })
    expect(file.ok && file.data.filename).toMatch(/\.xlsx$/)
  })

  it('a range ending today is clamped to yesterday; bad input is refused in the user’s language', async () => {
    const today = corpToday()
    const clamped = await core.invoke('statistics:groupDashboard', {
      range: { from: addDays(today, -6), to: today },
      scope: { kind: 'team' },
    })
    expect(clamped.ok && clamped.data.range).toEqual({ from: addDays(today, -6), to: addDays(today, -1) })
    expect(clamped.ok && clamped.data.clamped).toBe(true)

    const bad = await core.invoke('statistics:contactDashboard', {
      range: { from: '2026-02-30', to: today },
      scope: { kind: 'team' },
    } as never)
    expect(bad.ok).toBe(false)
    await core.invoke('app:setLocale', { locale: 'zh-CN' })
    const unknown = await core.invoke('statistics:contactDashboard', {
      range: presetRange('last7'),
      scope: { kind: 'department', departmentId: 987654 },
    })
    expect(!unknown.ok && unknown.error.code).toBe('statistics_unknown_department')
    expect(!unknown.ok && unknown.error.message).toContain('找不到这个部门')
    await core.invoke('app:setLocale', { locale: 'en' })
    const tooMany = await core.invoke('statistics:compareMembers', {
      userids: Array.from({ length: 11 }, (_, i) => `u${i}`),
      metric: 'chat_cnt',
      range: presetRange('last7'),
    })
    expect(tooMany.ok).toBe(false)
  })
})
