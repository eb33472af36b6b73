import { beforeEach, describe, expect, it, vi } from 'vitest'

/** A stand-in for Electron's BrowserWindow that records what the app configures. */
const created: Array<{ options: Record<string, unknown>; contents: FakeContents; loaded: string[] }> = []
type Handler = (...args: unknown[]) => unknown
class FakeContents {
  windowOpenHandler?: (details: { url: string }) => { action: string }
  handlers = new Map<string, Handler>()
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
  on(event: string, handler: Handler) {
    this.handlers.set(event, handler)
  }
}
const openExternal = vi.fn(async () => undefined)
const permissionHandlers: { request?: Handler; check?: Handler; headers?: Handler } = {}

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeContents()
    constructor(options: Record<string, unknown>) {
      created.push({ options, contents: this.webContents, loaded: [] })
    }
    once() {}
    loadURL(url: string) {
      created.at(-1)!.loaded.push(url)
      return Promise.resolve()
    }
  }
  return {
    BrowserWindow,
    shell: { openExternal },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => (permissionHandlers.request = h),
        setPermissionCheckHandler: (h: Handler) => (permissionHandlers.check = h),
        webRequest: { onHeadersReceived: (h: Handler) => (permissionHandlers.headers = h) },
      },
    },
  }
})

const { createMainWindow, denyAllPermissions, enforceContentSecurityPolicy } =
  await import('../../../electron/main/window')

describe('main window security baseline', () => {
  beforeEach(() => {
    created.length = 0
    openExternal.mockClear()
  })

  it('isolates and sandboxes the page with no Node access', () => {
    createMainWindow({ preloadPath: '/app/preload/index.cjs' })
    const prefs = created[0]!.options['webPreferences'] as Record<string, unknown>
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('loads app content from the app scheme, never a remote origin or file://', () => {
    createMainWindow({ preloadPath: 'p' })
    expect(created[0]!.loaded).toEqual(['app://console/index.html'])
  })

  it('denies new windows and sends only https links to the OS browser', () => {
    createMainWindow({ preloadPath: 'p' })
    const open = created[0]!.contents.windowOpenHandler!
    expect(open({ url: 'https://work.weixin.qq.com/' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://work.weixin.qq.com/')
    expect(open({ url: 'http://example.com/' })).toEqual({ action: 'deny' })
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledTimes(1)
  })

  it('blocks navigation away from the app and webview attachment', () => {
    createMainWindow({ preloadPath: 'p' })
    const contents = created[0]!.contents
    const navigate = contents.handlers.get('will-navigate')!
    const away = { preventDefault: vi.fn() }
    navigate(away, 'https://evil.example/')
    expect(away.preventDefault).toHaveBeenCalled()
    const inside = { preventDefault: vi.fn() }
    navigate(inside, 'app://console/index.html#/settings')
    expect(inside.preventDefault).not.toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    contents.handlers.get('will-attach-webview')!(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })

  it('denies every permission request and check', () => {
    denyAllPermissions()
    const callback = vi.fn()
    permissionHandlers.request!({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(permissionHandlers.check!({}, 'notifications')).toBe(false)
  })

  it('adds a strict CSP header to responses', () => {
    enforceContentSecurityPolicy()
    const callback = vi.fn()
    permissionHandlers.headers!({ responseHeaders: { 'x-a': ['1'] } }, callback)
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>
    expect(headers['Content-Security-Policy']![0]).toContain("script-src 'self'")
    expect(headers['Content-Security-Policy']![0]).not.toContain('unsafe-eval')
    expect(headers['x-a']).toEqual(['1'])
  })
})
