import { app, BrowserWindow, ipcMain } from 'electron'
import Store from 'electron-store'
import { join } from 'node:path'
import { createCore, type Core } from '../core'
import type { SettingsStore } from '../core/store/settings'
import { bindContract } from './ipc'
import { quitAfterClose } from './lifecycle'
import { captureCrashes, createMainLog } from './logging'
import { registerAppScheme, serveRenderer } from './protocol'
import { SafeStorageVault } from './vault'
import { createMainWindow, denyAllPermissions, enforceContentSecurityPolicy, rendererDevServerUrl } from './window'

/** App lifecycle only: everything else lives in the Electron-free core. */
registerAppScheme()
app.enableSandbox()
if (!app.requestSingleInstanceLock()) app.quit()

const dataDir = app.getPath('userData')
// First, so that a crash anywhere below is logged (redacted) instead of shown in an error box.
const { log, electronLog } = createMainLog({
  file: join(dataDir, 'logs', 'console.log'),
  echo: !app.isPackaged,
})
captureCrashes(log, electronLog)

/** Only an unpackaged app (`electron-vite dev`) loads the renderer from a dev server. */
const devServerUrl = rendererDevServerUrl()
let coreStarting: Promise<Core> | undefined

function openWindow(): void {
  createMainWindow({
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    ...(devServerUrl ? { devServerUrl } : {}),
  })
}

app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows()
  if (win) {
    if (win.isMinimized()) win.restore()
    win.focus()
  }
})

void app.whenReady().then(async () => {
  denyAllPermissions()
  enforceContentSecurityPolicy()
  serveRenderer(join(import.meta.dirname, '../renderer'))

  const store = new Store<Record<string, unknown>>({ name: 'settings' })
  const settings: SettingsStore = {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  }
  coreStarting = createCore({
    dataDir,
    shell: 'electron',
    version: app.getVersion(),
    settings,
    vault: new SafeStorageVault(settings),
    log,
  })
  const core = await coreStarting
  bindContract(ipcMain, core, {
    ...(devServerUrl ? { devServerUrl } : {}),
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    log,
  })
  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

// Quit waits for the core to close (jobs stopped, databases closed), then exits.
app.on(
  'before-quit',
  quitAfterClose(
    app,
    async () => {
      if (coreStarting) await (await coreStarting).close()
    },
    log,
  ),
)
