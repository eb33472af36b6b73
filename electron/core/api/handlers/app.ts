import { dirname } from 'node:path'
import type { Handlers, UpdateState } from '../../../../shared/contract'
import type { SecretProtection } from '../../../../shared/profiles'
import type { Locale } from '../../../../shared/result'
import type { CoreContext } from '../../context'
import { AppError, isDiskFull, text } from '../../errors'

/** The language setting could not be written; the language did not change. */
function localeNotSaved(cause: unknown): AppError {
  return new AppError(
    'settings_write_failed',
    text(
      '语言设置保存失败，界面语言没有改变。',
      'The language setting could not be saved, so the language did not change.',
    ),
    {
      hint: text(
        '请检查数据文件夹的磁盘空间和写入权限，然后再试。',
        'Check free disk space and write permission of the data folder, then try again.',
      ),
      cause,
    },
  )
}

/**
 * The desktop shell's updater as the core sees it (electron/main/updater.ts implements it with
 * electron-updater). The browser shell has none: there every update call answers `unavailable`.
 */
export interface UpdatesPort {
  state(): UpdateState
  /** Resolve with the state once the step has settled (a failure is in the state, not thrown). */
  check(): Promise<UpdateState>
  download(): Promise<UpdateState>
  /** Quits and installs; refuses (throws) unless a verified download is ready. */
  install(): Promise<UpdateState>
  subscribe(listener: (state: UpdateState) => void): () => void
}

/**
 * Opens a folder in the computer's file manager: the desktop shell with Electron's `shell.openPath`,
 * the browser shell with the OS opener (its core runs on the computer the browser is on). Rejects
 * when the folder could not be opened.
 */
export interface FolderOpener {
  open(folder: string): Promise<void>
}

/** This shell cannot open folders: copy the path instead. */
const FOLDER_OPENER_MISSING = new AppError(
  'open_folder_unavailable',
  text(
    '这里不能直接打开文件夹。请复制日志路径，在文件管理器中打开。',
    'The folder cannot be opened from here. Copy the log path and open it in your file manager.',
  ),
)

/** The log is not written to a file (logging to a file is off): there is no folder to open. */
const NO_LOG_FILE = new AppError(
  'no_log_file',
  text('日志没有写入文件，没有可以打开的文件夹。', 'The log is not written to a file, so there is no folder to open.'),
)

/** The file manager did not open the folder; its path is in the hint, to open by hand. */
function folderNotOpened(folder: string, cause: unknown): AppError {
  return new AppError('open_folder_failed', text('没能打开日志文件夹。', 'The log folder could not be opened.'), {
    hint: text(
      `请复制路径，在文件管理器中打开：${folder}`,
      `Copy the path and open it in your file manager: ${folder}`,
    ),
    cause,
  })
}

/** No downloaded, verified update: nothing to install. */
const UPDATE_NOT_READY = new AppError(
  'update_not_ready',
  text(
    '还没有下载好的新版本，无法安装。请先下载。',
    'No new version has been downloaded yet, so there is nothing to install.',
  ),
)

/**
 * The core's own cap on renderer error reports, above the renderer's 20 a minute: a page stuck in
 * an error loop (or one that ignores its limit) cannot flood the log.
 */
const MAX_REPORTS_PER_MINUTE = 60

/** app:* — shell facts, the language the core answers in, the connection status, renderer errors, updates. */
export function appHandlers(
  ctx: CoreContext,
  app: {
    version: string
    shell: 'electron' | 'browser'
    secretProtection: SecretProtection
    setLocale(l: Locale): void
    now?: () => number
    /** The desktop updater; absent in the browser shell. */
    updates?: UpdatesPort
    /** Opens folders in the file manager; absent where the shell cannot (then the page offers the path). */
    folders?: FolderOpener
  },
): Handlers['app'] {
  const now = app.now ?? Date.now
  const { updates, folders } = app
  const unavailable = (): UpdateState => ({
    currentVersion: app.version,
    status: 'unavailable',
    unavailableReason: 'browser',
    autoCheck: false,
  })
  let reportWindow = { start: 0, count: 0, dropped: 0 }
  return {
    getInfo: async () => ({
      version: app.version,
      shell: app.shell,
      locale: ctx.locale(),
      secretProtection: app.secretProtection,
      logFile: ctx.log.file ?? '',
    }),
    /** The language changes only once the setting is saved; a failed save leaves it as it was. */
    setLocale: async ({ locale }) => {
      try {
        app.setLocale(locale)
      } catch (error) {
        // AppErrors and a full disk are already worded for the user (the dispatcher maps the latter).
        throw error instanceof AppError || isDiskFull(error) ? error : localeNotSaved(error)
      }
      ctx.connection.republish()
      return { locale }
    },
    getStatus: async () => ctx.connection.status(),
    /** Logs a renderer error at error level; the logger redacts secrets and tokens in every field. */
    reportError: async ({ message, stack, source, info }) => {
      const at = now()
      if (at - reportWindow.start >= 60_000) {
        if (reportWindow.dropped > 0) ctx.log.warn('renderer error reports dropped', { dropped: reportWindow.dropped })
        reportWindow = { start: at, count: 0, dropped: 0 }
      }
      if (reportWindow.count >= MAX_REPORTS_PER_MINUTE) {
        reportWindow.dropped++
        return
      }
      reportWindow.count++
      ctx.log.error('renderer error', { source, message, ...(stack ? { stack } : {}), ...(info ? { info } : {}) })
    },
    openLogFolder: async () => {
      const file = ctx.log.file
      if (!file) throw NO_LOG_FILE
      if (!folders) throw FOLDER_OPENER_MISSING
      const folder = dirname(file)
      try {
        await folders.open(folder)
      } catch (error) {
        ctx.log.warn('could not open the log folder', { error })
        throw folderNotOpened(folder, error)
      }
      return { folder }
    },
    getUpdateState: async () => (updates ? updates.state() : unavailable()),
    checkForUpdates: async () => (updates ? updates.check() : unavailable()),
    downloadUpdate: async () => (updates ? updates.download() : unavailable()),
    /** Only a downloaded update whose checksum (and signature) passed is installed. */
    installUpdate: async () => {
      if (!updates) return unavailable()
      if (updates.state().status !== 'downloaded') throw UPDATE_NOT_READY
      return updates.install()
    },
  }
}
