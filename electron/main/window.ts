import { app, BrowserWindow, session, shell, type WebPreferences } from 'electron'
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, isAppUrl, isExternalLinkAllowed } from '../core/security'
import { DEFAULT_WINDOW, MIN_WINDOW, type WindowState } from './windowState'

/**
 * The renderer dev server (`ELECTRON_RENDERER_URL`, set by `electron-vite dev`), honoured only
 * when the app is not packaged and only as an http(s) URL: an installed app always loads its own
 * bundled pages, whatever the environment says.
 */
export function rendererDevServerUrl(
  env: Record<string, string | undefined> = process.env,
  isPackaged: boolean = app.isPackaged,
): string | undefined {
  const url = env['ELECTRON_RENDERER_URL']
  if (isPackaged || !url) return undefined
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}

/** The security baseline: isolated, sandboxed, no Node in the page, web security on. */
function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  }
}

/** Denies every permission request and check (camera, notifications, geolocation, …). */
export function denyAllPermissions(target = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  target.setPermissionCheckHandler(() => false)
}

/** Adds the CSP header to every response the page receives. */
export function enforceContentSecurityPolicy(target = session.defaultSession): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    })
  })
}

/**
 * The one app window. Navigation away from the app and new windows are denied; https links the
 * user clicks open in the OS browser.
 */
export function createMainWindow(options: {
  preloadPath: string
  devServerUrl?: string
  /** Size, position and maximized state from the last run (windowState.ts checked it fits a screen). */
  state?: WindowState
}): BrowserWindow {
  // A packaged app never loads or trusts a dev server, even if a caller passes one.
  const devServerUrl = app.isPackaged ? undefined : options.devServerUrl
  const { state } = options
  const win = new BrowserWindow({
    width: state?.width ?? DEFAULT_WINDOW.width,
    height: state?.height ?? DEFAULT_WINDOW.height,
    ...(state?.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    show: false,
    title: '企微客户联系控制台',
    webPreferences: secureWebPreferences(options.preloadPath),
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault()
  })
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  win.once('ready-to-show', () => {
    if (state?.maximized) win.maximize()
    win.show()
  })
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
  return win
}
