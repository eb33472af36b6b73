import { app, BrowserWindow, ipcMain } from 'electron'
import Store from 'electron-store'
import { join } from 'node:path'
import { createCore, type Core } from '../core'
import { createLogger } from '../core/log'
import type { SettingsStore } from '../core/store/settings'
import { bindContract } from './ipc'
import { registerAppScheme, serveRenderer } from './protocol'
import { SafeStorageVault } from './vault'
import { createMainWindow, denyAllPermissions, enforceContentSecurityPolicy } from './window'

/** App lifecycle only: everything else lives in the Electron-free core. */
registerAppScheme()
app.enableSandbox()
if (!app.requestSingleInstanceLock()) app.quit()

const devServerUrl = process.env['ELECTRON_RENDERER_URL']
let core: Core | undefined

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
  const dataDir = app.getPath('userData')
  core = await createCore({
    dataDir,
    shell: 'electron',
    version: app.getVersion(),
    settings,
    vault: new SafeStorageVault(settings),
    log: createLogger({ file: join(dataDir, 'logs', 'console.log') }),
  })
  bindContract(ipcMain, core, {
    ...(devServerUrl ? { devServerUrl } : {}),
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  })
  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('before-quit', () => {
  void core?.close()
})
