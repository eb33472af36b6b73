import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, screen, shell } from 'electron'
import Store from 'electron-store'
import electronUpdater from 'electron-updater'
import { dirname, join } from 'node:path'
import type { Locale } from '../../shared/result'
import { createCore, type Core } from '../core'
import type { Logger } from '../core/log'
import type { SettingsStore } from '../core/store/settings'
import { PRIVATE_FILE_MODE } from '../core/store/private-files'
import { createActivityTracker, updateFoundText } from './activity'
import { bindContract } from './ipc'
import { quitAfterClose } from './lifecycle'
import { captureCrashes, createMainLog } from './logging'
import { aboutText, buildMenuTemplate } from './menu'
import { registerAppScheme, serveRenderer } from './protocol'
import { bringToFront, claimSingleInstance } from './singleInstance'
import { createDesktopUpdater, updateUnavailableReason } from './updater'
import { SafeStorageVault } from './vault'
import { createMainWindow, denyAllPermissions, enforceContentSecurityPolicy, rendererDevServerUrl } from './window'
import { restoreWindowState, trackWindowState } from './windowState'

/** electron-builder.yml's appId: Windows matches notifications and taskbar pins to the installed shortcut by it. */
const APP_ID = 'com.wecom-contact-console.desktop'
/** The data folder's name, the same for `npm start` and the installed app, whatever the product name. */
const DATA_FOLDER = 'wecom-contact-console'

/** App lifecycle only: everything else lives in the Electron-free core. */
registerAppScheme()
app.enableSandbox()
// Before the single-instance lock, which is held per data folder.
app.setPath('userData', join(app.getPath('appData'), DATA_FOLDER))
if (claimSingleInstance(app, () => bringToFront(mainWindow()))) start()

function mainWindow(): BrowserWindow | undefined {
  return BrowserWindow.getAllWindows().find((w) => !w.isDestroyed())
}

function start(): void {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID)
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
  let stopDesktop: () => void = () => undefined

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Quit waits for the core to close (jobs stopped, databases closed), then exits.
  app.on(
    'before-quit',
    quitAfterClose(
      app,
      async () => {
        stopDesktop()
        if (coreStarting) await (await coreStarting).close()
      },
      log,
    ),
  )

  void app.whenReady().then(async () => {
    denyAllPermissions()
    enforceContentSecurityPolicy()
    serveRenderer(join(import.meta.dirname, '../renderer'))

    const store = new Store<Record<string, unknown>>({ name: 'settings', configFileMode: PRIVATE_FILE_MODE })
    const settings: SettingsStore = {
      get: (key) => store.get(key),
      set: (key, value) => store.set(key, value),
      delete: (key) => store.delete(key),
    }
    // The desktop shell's own state (window bounds, update bookkeeping), apart from the core's settings.
    const desktop = new Store<Record<string, unknown>>({ name: 'desktop', configFileMode: PRIVATE_FILE_MODE })
    let locale = (): Locale => 'zh-CN'

    const unavailableReason = updateUnavailableReason({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      platform: process.platform,
      env: process.env,
    })
    const updates = createDesktopUpdater({
      updater: () => electronUpdater.autoUpdater,
      currentVersion: app.getVersion(),
      ...(unavailableReason ? { unavailableReason } : {}),
      store: { get: (key) => desktop.get(key), set: (key, value) => desktop.set(key, value) },
      log,
      onFound: (version) => {
        const text = updateFoundText(locale(), version)
        notify(text.title, text.body)
      },
    })
    if (unavailableReason) log.info('updates are off', { reason: unavailableReason })

    coreStarting = createCore({
      dataDir,
      shell: 'electron',
      version: app.getVersion(),
      settings,
      vault: new SafeStorageVault(settings),
      log,
      updates,
      folders: { open: openFolder },
    })
    const core = await coreStarting
    locale = () => core.locale()
    bindContract(ipcMain, core, {
      ...(devServerUrl ? { devServerUrl } : {}),
      targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
      log,
    })

    const menu = applicationMenu(locale, log.file ?? join(dataDir, 'logs', 'console.log'), log)
    const activity = createActivityTracker({
      setProgress: (progress) => {
        const win = mainWindow()
        if (!win) return
        if (progress === 'none') win.setProgressBar(-1)
        else if (progress === 'indeterminate') win.setProgressBar(2, { mode: 'indeterminate' })
        else win.setProgressBar(progress)
      },
      notify,
      isFocused: () => BrowserWindow.getFocusedWindow() !== null,
      locale,
    })
    const stopEvents = core.events.subscribe((channel, payload) => {
      // app:setLocale republishes the status: the menu follows the language the user picked.
      if (channel === 'app:onStatus') menu.refresh()
      activity.onEvent(channel, payload)
    })
    const stopUpdateProgress = updates.subscribe((state) => activity.onUpdateState(state))
    stopDesktop = () => {
      stopEvents()
      stopUpdateProgress()
      updates.stop()
    }

    const openWindow = () => {
      const state = restoreWindowState(
        desktop.get('window'),
        screen.getAllDisplays().map((d) => d.workArea),
      )
      const win = createMainWindow({
        preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
        ...(devServerUrl ? { devServerUrl } : {}),
        state,
      })
      trackWindowState(win, (next) => desktop.set('window', next))
    }
    openWindow()
    app.on('activate', () => {
      if (!mainWindow()) openWindow()
    })
    updates.start()
  })

  /** A system notification that brings the window forward when clicked. */
  function notify(title: string, body: string): void {
    if (!Notification.isSupported()) return
    const notification = new Notification({ title, body })
    notification.on('click', () => bringToFront(mainWindow()))
    notification.show()
  }
}

/** Opens a folder in the system's file manager; rejects with Electron's reason when it could not. */
async function openFolder(folder: string): Promise<void> {
  const problem = await shell.openPath(folder)
  if (problem) throw new Error(problem)
}

/** The application menu in the user's language, rebuilt when the language changes. */
function applicationMenu(locale: () => Locale, logFile: string, log: Logger): { refresh(): void } {
  let shown: Locale | undefined
  const refresh = () => {
    const current = locale()
    if (current === shown) return
    shown = current
    const template = buildMenuTemplate({
      locale: current,
      platform: process.platform,
      isPackaged: app.isPackaged,
      openLogFolder: () => {
        openFolder(dirname(logFile)).catch((problem: unknown) => log.warn('could not open the log folder', { problem }))
      },
      showAbout: () => {
        const text = aboutText(locale(), {
          app: app.getVersion(),
          electron: process.versions.electron,
          chrome: process.versions.chrome,
          node: process.versions.node,
        })
        const win = mainWindow()
        const options = { type: 'info' as const, title: text.title, message: text.message, detail: text.detail }
        void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options))
      },
    })
    Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  }
  refresh()
  return { refresh }
}
