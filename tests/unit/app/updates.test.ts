import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { UpdateState } from '../../../shared/contract'
import { createCore, type Core, type UpdatesPort } from '../../../electron/core'
import { JsonFileSettings } from '../../../electron/core/store/settings'
import { LocalFileVault } from '../../../electron/core/store/vault'

const open: Array<{ core: Core; dir: string }> = []
afterEach(async () => {
  for (const { core, dir } of open.splice(0)) {
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

async function core(updates?: UpdatesPort, shell: 'electron' | 'browser' = updates ? 'electron' : 'browser') {
  const dir = mkdtempSync(join(tmpdir(), 'app-updates-'))
  const c = await createCore({
    dataDir: dir,
    shell,
    version: '1.4.0',
    settings: new JsonFileSettings(join(dir, 'settings.json')),
    vault: new LocalFileVault(dir),
    sandbox: { customers: 5, members: 2, groups: 1 },
    ...(updates ? { updates } : {}),
  })
  open.push({ core: c, dir })
  return c
}

/** A stand-in for the desktop updater (electron/main/updater.ts), driven by the test. */
function fakePort(initial: Partial<UpdateState> = {}) {
  let state: UpdateState = { currentVersion: '1.4.0', status: 'idle', autoCheck: true, ...initial }
  const listeners = new Set<(s: UpdateState) => void>()
  const set = (next: Partial<UpdateState>) => {
    state = { ...state, ...next }
    for (const l of listeners) l(state)
  }
  const port = {
    state: () => state,
    check: vi.fn(async () => {
      set({ status: 'available', update: { version: '1.5.0', releaseNotes: 'Faster sync' } })
      return state
    }),
    download: vi.fn(async () => {
      set({ status: 'downloaded' })
      return state
    }),
    install: vi.fn(async () => {
      set({ status: 'installing' })
      return state
    }),
    subscribe: (l: (s: UpdateState) => void) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
  }
  return { port, set }
}

describe('app updates in the browser shell', () => {
  it('are not available there, and every call says so without failing', async () => {
    const c = await core()
    const unavailable = {
      currentVersion: '1.4.0',
      status: 'unavailable',
      unavailableReason: 'browser',
      autoCheck: false,
    }
    for (const channel of ['app:getUpdateState', 'app:checkForUpdates', 'app:downloadUpdate', 'app:installUpdate']) {
      expect(await c.invoke(channel, undefined)).toEqual({ ok: true, data: unavailable })
    }
  })
})

describe('app updates in the desktop app', () => {
  it('go through the updates port and reach the page as app:onUpdateState', async () => {
    const { port } = fakePort()
    const c = await core(port)
    const events: unknown[] = []
    c.events.subscribe((channel, payload) => channel === 'app:onUpdateState' && events.push(payload))

    expect(await c.invoke('app:getUpdateState', undefined)).toMatchObject({ ok: true, data: { status: 'idle' } })
    expect(await c.invoke('app:checkForUpdates', undefined)).toMatchObject({
      ok: true,
      data: { status: 'available', update: { version: '1.5.0' } },
    })
    expect(await c.invoke('app:downloadUpdate', undefined)).toMatchObject({ ok: true, data: { status: 'downloaded' } })
    expect(await c.invoke('app:installUpdate', undefined)).toMatchObject({ ok: true, data: { status: 'installing' } })
    expect(events.map((e) => (e as UpdateState).status)).toEqual(['available', 'downloaded', 'installing'])
  })

  it('never installs what is not downloaded and verified, and says why in the user’s language', async () => {
    const { port } = fakePort({ status: 'error', error: { kind: 'checksum', during: 'download' } })
    const c = await core(port)
    const zh = await c.invoke('app:installUpdate', undefined)
    expect(zh).toMatchObject({ ok: false, error: { code: 'update_not_ready' } })
    expect(zh.ok ? '' : zh.error.message).toMatch(/还没有下载好的新版本/)
    await c.invoke('app:setLocale', { locale: 'en' })
    const en = await c.invoke('app:installUpdate', undefined)
    expect(en.ok ? '' : en.error.message).toMatch(/nothing to install/)
    expect(port.install).not.toHaveBeenCalled()
  })

  it('takes no input on update calls', async () => {
    const { port } = fakePort()
    const c = await core(port)
    expect(await c.invoke('app:checkForUpdates', { url: 'https://evil.example/' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect(port.check).not.toHaveBeenCalled()
  })

  it('stops forwarding update events once the core is closed', async () => {
    const { port, set } = fakePort()
    const c = await core(port)
    const events: unknown[] = []
    c.events.subscribe((channel, payload) => channel === 'app:onUpdateState' && events.push(payload))
    const entry = open.pop()!
    await entry.core.close()
    rmSync(entry.dir, { recursive: true, force: true })
    set({ status: 'checking' })
    expect(events).toEqual([])
  })
})
