import { describe, expect, it, vi } from 'vitest'
import { contract } from '../../../shared/contract'
import { listChannels } from '../../../shared/contract/define'
import { CoreEvents } from '../../../electron/core/events'

vi.mock('electron', () => ({}))
const { bindContract } = await import('../../../electron/main/ipc')

type Handler = (event: unknown, input: unknown) => Promise<unknown>

function setup() {
  const handlers = new Map<string, Handler>()
  const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true as const, data: { channel, input } }))
  const events = new CoreEvents()
  const sent: Array<[string, unknown]> = []
  const contents = {
    isDestroyed: () => false,
    send: (channel: string, payload: unknown) => sent.push([channel, payload]),
  }
  bindContract(
    { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } as never,
    { invoke, events, locale: () => 'en' },
    {
      targets: () => [contents as never],
    },
  )
  return { handlers, invoke, events, sent }
}

function senderEvent(url: string, options: { subFrame?: boolean } = {}) {
  const mainFrame = { url, parent: null }
  const frame = options.subFrame ? { url, parent: mainFrame } : mainFrame
  return { senderFrame: frame, sender: { mainFrame } }
}

describe('ipcMain binding', () => {
  it('registers exactly the call channels of the contract', () => {
    const { handlers } = setup()
    const calls = listChannels(contract)
      .filter((c) => c.def.kind === 'call')
      .map((c) => c.channel)
    expect([...handlers.keys()].sort()).toEqual(calls.sort())
  })

  it('passes a call from the app page main frame to the core', async () => {
    const { handlers, invoke } = setup()
    const result = await handlers.get('profiles:remove')!(senderEvent('app://console/index.html'), { id: 'x' })
    expect(invoke).toHaveBeenCalledWith('profiles:remove', { id: 'x' })
    expect(result).toEqual({ ok: true, data: { channel: 'profiles:remove', input: { id: 'x' } } })
  })

  it('refuses a call from a foreign origin without reaching the core', async () => {
    const { handlers, invoke } = setup()
    const result = (await handlers.get('profiles:list')!(senderEvent('https://evil.example/'), undefined)) as {
      ok: boolean
      error: { code: string; message: string }
    }
    expect(result.ok).toBe(false)
    expect(result.error.code).toBe('forbidden_sender')
    expect(result.error.message).toMatch(/refused/)
    expect(invoke).not.toHaveBeenCalled()
  })

  it('refuses a call from a sub-frame of the app page', async () => {
    const { handlers, invoke } = setup()
    const result = (await handlers.get('app:getInfo')!(
      senderEvent('app://console/index.html', { subFrame: true }),
      undefined,
    )) as {
      ok: boolean
    }
    expect(result.ok).toBe(false)
    expect(invoke).not.toHaveBeenCalled()
  })

  it('refuses a call with no sender frame', async () => {
    const { handlers, invoke } = setup()
    const result = (await handlers.get('app:getInfo')!(
      { senderFrame: null, sender: { mainFrame: {} } },
      undefined,
    )) as { ok: boolean }
    expect(result.ok).toBe(false)
    expect(invoke).not.toHaveBeenCalled()
  })

  it('answers a typed internal error when the core or the sender check throws, never a rejection', async () => {
    const { handlers, invoke } = setup()
    invoke.mockRejectedValueOnce(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }))
    const thrown = (await handlers.get('app:getInfo')!(senderEvent('app://console/index.html'), undefined)) as {
      ok: boolean
      error: { code: string; message: string }
    }
    expect(thrown).toEqual({ ok: false, error: expect.objectContaining({ code: 'internal' }) })
    expect(thrown.error.message).toBe('Something went wrong and the action did not finish.')

    // Electron throws when a disposed frame is read.
    const disposed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
      sender: {},
    }
    const result = (await handlers.get('app:getInfo')!(disposed, undefined)) as { ok: boolean; error: { code: string } }
    expect(result.ok).toBe(false)
    expect(result.error.code).toBe('internal')
  })

  it('keeps sending events to the other windows when one send throws', () => {
    const handlers = new Map<string, Handler>()
    const events = new CoreEvents()
    const sent: string[] = []
    const broken = {
      isDestroyed: () => false,
      send: () => {
        throw new Error('Object has been destroyed')
      },
    }
    const healthy = { isDestroyed: () => false, send: (channel: string) => sent.push(channel) }
    bindContract(
      { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } as never,
      { invoke: vi.fn(), events, locale: () => 'en' },
      { targets: () => [broken as never, healthy as never] },
    )
    expect(() => events.emit('profiles:onChanged', [])).not.toThrow()
    expect(sent).toEqual(['profiles:onChanged'])
  })

  it('forwards core events to the window', () => {
    const { events, sent } = setup()
    events.emit('profiles:onChanged', [])
    expect(sent).toEqual([['profiles:onChanged', []]])
  })
})

describe('app origin check', () => {
  it('accepts only app://console pages, not look-alikes', async () => {
    const { isAppUrl } = await import('../../../electron/core/security')
    expect(isAppUrl('app://console/index.html#/settings', undefined)).toBe(true)
    expect(isAppUrl('app://console.evil/index.html', undefined)).toBe(false)
    expect(isAppUrl('app://consolex/index.html', undefined)).toBe(false)
    expect(isAppUrl('https://console/index.html', undefined)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
  })
})
