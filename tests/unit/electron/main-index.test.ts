import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'

/**
 * electron/main/index.ts with Electron, electron-store, electron-updater and the core mocked: the
 * start-up order a packaged app follows (data folder, single-instance lock, menu, updater, window).
 */
const h = vi.hoisted(() => {
  const calls: string[] = []
  return {
    calls,
    gotLock: true,
    isPackaged: false,
    windows: [] as unknown[],
    menus: [] as unknown[],
    coreOptions: [] as Array<Record<string, unknown>>,
    ready: undefined as undefined | (() => void),
    autoUpdaterCreated: 0,
    storeOptions: [] as Array<Record<string, unknown>>,
  }
})

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  class FakeApp extends EventEmitter {
    get isPackaged() {
      return h.isPackaged
    }
    enableSandbox = () => h.calls.push('enableSandbox')
    getPath = (name: string) => (name === 'appData' ? '/home/u/.config' : '/home/u/.config/wecom-contact-console')
    setPath = (name: string, value: string) => h.calls.push(`setPath ${name} ${value}`)
    requestSingleInstanceLock = () => {
      h.calls.push('lock')
      return h.gotLock
    }
    quit = () => h.calls.push('quit')
    exit = () => h.calls.push('exit')
    setAppUserModelId = (id: string) => h.calls.push(`aumid ${id}`)
    getVersion = () => '1.4.0'
    whenReady = () => new Promise<void>((resolve) => (h.ready = resolve))
  }
  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => h.windows
    static getFocusedWindow = () => null
    webContents = { setWindowOpenHandler() {}, on() {} }
    constructor(public options: Record<string, unknown>) {
      super()
      h.windows.push(this)
    }
    isDestroyed = () => false
    loadURL = async () => undefined
    setProgressBar = vi.fn()
  }
  return {
    app: new FakeApp(),
    BrowserWindow,
    ipcMain: { handle: vi.fn() },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => h.menus.push(menu),
    },
    Notification: Object.assign(vi.fn(), { isSupported: () => true }),
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    shell: { openPath: vi.fn(async () => ''), openExternal: vi.fn() },
    dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })) },
    protocol: { registerSchemesAsPrivileged: () => h.calls.push('scheme'), handle: vi.fn() },
    net: { fetch: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
    },
  }
})
vi.mock('electron-store', () => ({
  default: class {
    constructor(options: Record<string, unknown>) {
      h.storeOptions.push(options)
    }
    values = new Map<string, unknown>()
    get = (k: string) => this.values.get(k)
    set = (k: string, v: unknown) => void this.values.set(k, v)
    delete = (k: string) => void this.values.delete(k)
  },
}))
vi.mock('electron-updater', () => ({
  default: {
    get autoUpdater() {
      h.autoUpdaterCreated++
      return new EventEmitter()
    },
  },
}))
vi.mock('../../../electron/main/logging', () => ({
  createMainLog: () => {
    h.calls.push('log')
    const log = { debug() {}, info() {}, warn() {}, error() {}, redact() {}, file: '/home/u/logs/console.log' }
    return { log, electronLog: {} }
  },
  captureCrashes: () => undefined,
}))
vi.mock('../../../electron/core', () => ({
  createCore: async (options: Record<string, unknown>) => {
    h.calls.push('core')
    h.coreOptions.push(options)
    return {
      invoke: vi.fn(),
      events: { subscribe: () => () => undefined },
      locale: () => 'en',
      close: async () => undefined,
    }
  },
}))

async function startMain(): Promise<void> {
  vi.resetModules()
  await import('../../../electron/main/index')
}

describe('main process start', () => {
  beforeEach(() => {
    h.calls.length = 0
    h.windows.length = 0
    h.menus.length = 0
    h.coreOptions.length = 0
    h.ready = undefined
    h.gotLock = true
    h.isPackaged = false
    h.autoUpdaterCreated = 0
    h.storeOptions.length = 0
  })

  it('a second launch opens no log, core or window: it quits', async () => {
    h.gotLock = false
    await startMain()
    expect(h.calls).toContain('quit')
    expect(h.calls).not.toContain('log')
    expect(h.ready).toBeUndefined()
  })

  it('pins the data folder before taking the lock, then starts', async () => {
    await startMain()
    const setPath = h.calls.indexOf('setPath userData /home/u/.config/wecom-contact-console')
    expect(setPath).toBeGreaterThanOrEqual(0)
    expect(setPath).toBeLessThan(h.calls.indexOf('lock'))
    expect(h.calls).toContain('log')
    expect(h.calls).not.toContain('quit')
  })

  it('once ready: the core gets the updater, the menu is in the core’s language, the window opens', async () => {
    await startMain()
    h.ready!()
    await vi.waitFor(() => expect(h.windows).toHaveLength(1))
    const updates = h.coreOptions[0]!['updates'] as { state(): { status: string; unavailableReason?: string } }
    // `npm start` (not packaged): updates are off and say why; electron-updater is never created.
    expect(updates.state()).toMatchObject({ status: 'unavailable', unavailableReason: 'development' })
    expect(h.autoUpdaterCreated).toBe(0)
    const menu = h.menus.at(-1) as Array<{ label: string }>
    expect(menu.map((m) => m.label)).toContain('Help')
    const win = h.windows[0] as { options: Record<string, unknown> }
    expect(win.options).toMatchObject({ width: 1280, height: 820 })
    // The settings (profile list) and desktop state files are the user's alone on a shared computer.
    expect(h.storeOptions.map((o) => [o['name'], o['configFileMode']])).toEqual([
      ['settings', 0o600],
      ['desktop', 0o600],
    ])
  })

  it('gives the core a folder opener: Electron’s shell.openPath, whose answer is the reason it failed', async () => {
    const { shell } = await import('electron')
    await startMain()
    h.ready!()
    await vi.waitFor(() => expect(h.coreOptions).toHaveLength(1))
    const folders = h.coreOptions[0]!['folders'] as { open(folder: string): Promise<void> }
    await folders.open('/home/u/logs')
    expect(shell.openPath).toHaveBeenLastCalledWith('/home/u/logs')
    vi.mocked(shell.openPath).mockResolvedValueOnce('Failed to open path')
    await expect(folders.open('/gone')).rejects.toThrow('Failed to open path')
  })
})
