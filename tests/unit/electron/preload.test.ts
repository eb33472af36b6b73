import { describe, expect, it, vi } from 'vitest'
import { contract } from '../../../shared/contract'

const exposed: Record<string, unknown> = {}
const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
const invoke = vi.fn(async () => ({ ok: true, data: 42 }))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke,
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set()
      set.add(fn)
      listeners.set(channel, set)
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
  },
}))

await import('../../../electron/preload/index')

describe('preload', () => {
  it('exposes exactly the contract as window.api, grouped by domain, and nothing else', () => {
    expect(Object.keys(exposed)).toEqual(['api'])
    const api = exposed['api'] as Record<string, Record<string, unknown>>
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).sort())
    for (const [domain, defs] of Object.entries(contract)) {
      expect(Object.keys(api[domain]!).sort()).toEqual(Object.keys(defs).sort())
      for (const action of Object.keys(defs)) expect(typeof api[domain]![action]).toBe('function')
    }
  })

  it('invokes the domain:action channel with the input', async () => {
    const api = exposed['api'] as { profiles: { remove: (i: unknown) => Promise<unknown> } }
    await expect(api.profiles.remove({ id: 'a' })).resolves.toEqual({ ok: true, data: 42 })
    expect(invoke).toHaveBeenCalledWith('profiles:remove', { id: 'a' })
  })

  it('passes only the payload to listeners and unsubscribes', () => {
    const api = exposed['api'] as { app: { onStatus: (l: (p: unknown) => void) => () => void } }
    const received: unknown[] = []
    const off = api.app.onStatus((payload) => received.push(payload))
    for (const fn of listeners.get('app:onStatus')!) fn({ sender: 'raw event' }, { state: 'connected' })
    expect(received).toEqual([{ state: 'connected' }])
    off()
    expect(listeners.get('app:onStatus')!.size).toBe(0)
  })
})
