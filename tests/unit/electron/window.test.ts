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
const fakeApp = vi.hoisted(() => ({ isPackaged: true }))

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
    app: fakeApp,
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

const { createMainWindow, denyAllPermissions, enforceContentSecurityPolicy, rendererDevServerUrl } =
  await import('../../../electron/main/window')

/** A CSP header as a map from directive name to its source list, in order. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (!name) continue
    expect(directives.has(name.toLowerCase()), `directive ${name} given twice`).toBe(false)
    directives.set(name.toLowerCase(), sources)
  }
  return directives
}

describe('main window security baseline', () => {
  beforeEach(() => {
    created.length = 0
    openExternal.mockClear()
    fakeApp.isPackaged = true
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

  it('adds a strict CSP header to responses: exactly these directives, scripts only from the app', () => {
    enforceContentSecurityPolicy()
    const callback = vi.fn()
    permissionHandlers.headers!({ responseHeaders: { 'x-a': ['1'] } }, callback)
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>
    expect(headers['Content-Security-Policy']).toHaveLength(1)
    const policy = parsePolicy(headers['Content-Security-Policy']![0]!)
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': ["'self'"],
      // No 'unsafe-inline', 'unsafe-eval', data:, blob: or remote host may ever run script.
      'script-src': ["'self'"],
      // Element Plus sets inline styles; styles cannot run code.
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    })
    expect(headers['x-a']).toEqual(['1'])
  })

  it('parses a policy so that a loosened script-src would fail', () => {
    const loosened = parsePolicy("default-src 'self'; script-src 'self' 'unsafe-inline'")
    expect(loosened.get('script-src')).not.toEqual(["'self'"])
  })
})

describe('renderer dev server (ELECTRON_RENDERER_URL)', () => {
  beforeEach(() => {
    created.length = 0
  })

  it('is honoured only when the app is not packaged', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' }
    expect(rendererDevServerUrl(env, false)).toBe('http://localhost:5173')
    expect(rendererDevServerUrl(env, true)).toBeUndefined()
    expect(rendererDevServerUrl({}, false)).toBeUndefined()
  })

  it('reads app.isPackaged by default', () => {
    const saved = process.env['ELECTRON_RENDERER_URL']
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173'
    try {
      fakeApp.isPackaged = true
      expect(rendererDevServerUrl()).toBeUndefined()
      fakeApp.isPackaged = false
      expect(rendererDevServerUrl()).toBe('http://localhost:5173')
    } finally {
      if (saved === undefined) delete process.env['ELECTRON_RENDERER_URL']
      else process.env['ELECTRON_RENDERER_URL'] = saved
    }
  })

  it('accepts only http(s) URLs', () => {
    expect(rendererDevServerUrl({ ELECTRON_RENDERER_URL: 'file:///tmp/evil.html' }, false)).toBeUndefined()
    expect(rendererDevServerUrl({ ELECTRON_RENDERER_URL: 'not a url' }, false)).toBeUndefined()
  })

  it('a packaged window loads the app scheme and trusts no dev server even when given one', () => {
    fakeApp.isPackaged = true
    createMainWindow({ preloadPath: 'p', devServerUrl: 'http://localhost:5173' })
    expect(created[0]!.loaded).toEqual(['app://console/index.html'])
    const navigate = created[0]!.contents.handlers.get('will-navigate')!
    const toDevServer = { preventDefault: vi.fn() }
    navigate(toDevServer, 'http://localhost:5173/')
    expect(toDevServer.preventDefault).toHaveBeenCalled()
  })

  it('an unpackaged window loads the dev server', () => {
    fakeApp.isPackaged = false
    createMainWindow({ preloadPath: 'p', devServerUrl: 'http://localhost:5173' })
    expect(created[0]!.loaded).toEqual(['http://localhost:5173'])
  })
})
