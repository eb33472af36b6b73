import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { UpdateErrorKind, UpdateState, UpdateUnavailableReason } from '../../shared/contract'
import type { UpdatesPort } from '../core'
import type { Logger } from '../core/log'

/** The part of electron-updater's AppUpdater this module drives (tests pass a fake). */
export type Updater = Pick<
  AppUpdater,
  'checkForUpdates' | 'downloadUpdate' | 'quitAndInstall' | 'on' | 'autoDownload' | 'autoInstallOnAppQuit'
> & { allowDowngrade: boolean; logger: AppUpdater['logger'] }

/** Where the updater keeps its bookkeeping (electron-store in the app). */
export interface UpdaterStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
}

export const DAY_MS = 24 * 60 * 60 * 1000
/** The first automatic check waits this long after start, so the app opens at full speed. */
export const START_DELAY_MS = 20_000
/** Download progress reaches the page at most this often. */
const PROGRESS_INTERVAL_MS = 250
/** Longest release notes the page shows, in characters. */
export const RELEASE_NOTES_MAX = 8000

const LAST_CHECKED_KEY = 'updates.lastCheckedAt'
const NOTIFIED_KEY = 'updates.notifiedVersion'

/**
 * Why this copy cannot update itself, or undefined when it can: a development run, a build without
 * a feed (electron-builder writes resources/app-update.yml only when UPDATE_URL was given), or a
 * Linux build outside its AppImage or deb (the updater would have nothing it may replace).
 */
export function updateUnavailableReason(facts: {
  isPackaged: boolean
  resourcesPath: string
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  exists?: (path: string) => boolean
}): UpdateUnavailableReason | undefined {
  const exists = facts.exists ?? existsSync
  if (!facts.isPackaged) return 'development'
  if (!exists(join(facts.resourcesPath, 'app-update.yml'))) return 'no-feed'
  if (facts.platform === 'linux' && !facts.env['APPIMAGE'] && !exists(join(facts.resourcesPath, 'package-type'))) {
    return 'unsupported-install'
  }
  return undefined
}

const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EPIPE',
  'ERR_STREAM_PREMATURE_CLOSE',
])

/** Sorts an electron-updater failure into what the page can say in plain words. */
export function classifyUpdateError(error: unknown): UpdateErrorKind {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : ''
  const message = error instanceof Error ? error.message : String(error)
  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(message)) return 'checksum'
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE' || /not signed by the application owner/i.test(message)) {
    return 'signature'
  }
  if (code === 'ENOSPC' || /ENOSPC|no space left/i.test(message)) return 'disk'
  if (
    OFFLINE_CODES.has(code) ||
    /net::ERR_(INTERNET|NAME_|CONNECTION|NETWORK|ADDRESS|TIMED_OUT|PROXY|TUNNEL|CERT|SSL)/.test(message)
  ) {
    return 'offline'
  }
  const status = (error as { statusCode?: unknown })?.statusCode
  if (code.startsWith('ERR_UPDATER_') || typeof status === 'number') return 'feed'
  return 'other'
}

/** Release notes as plain text: electron-updater hands over HTML or a list per version. */
export function plainReleaseNotes(notes: UpdateInfo['releaseNotes']): string | undefined {
  if (!notes) return undefined
  const raw = Array.isArray(notes) ? notes.map((n) => `${n.version}\n${n.note ?? ''}`).join('\n\n') : String(notes)
  const text = raw
    .replace(/<\s*(br|\/p|\/li|\/h\d|\/div)\s*\/?>/gi, '\n')
    .replace(/<\s*li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  if (!text) return undefined
  return text.length > RELEASE_NOTES_MAX ? `${text.slice(0, RELEASE_NOTES_MAX - 1)}…` : text
}

function describeUpdate(info: UpdateInfo): NonNullable<UpdateState['update']> {
  const notes = plainReleaseNotes(info.releaseNotes)
  return {
    version: info.version,
    ...(info.releaseDate ? { releaseDate: info.releaseDate } : {}),
    ...(notes ? { releaseNotes: notes } : {}),
  }
}

export interface DesktopUpdaterOptions {
  /** electron-updater's autoUpdater; created only when updates can run. */
  updater?: () => Updater
  currentVersion: string
  unavailableReason?: UpdateUnavailableReason
  store: UpdaterStore
  log: Logger
  /** A newer version was found by the automatic check (once per version): tell the user. */
  onFound?: (version: string) => void
  now?: () => number
  timers?: {
    set(fn: () => void, ms: number): unknown
    clear(handle: unknown): void
  }
}

export interface DesktopUpdater extends UpdatesPort {
  /** Starts the once-a-day check (first one after START_DELAY_MS, or when the last is a day old). */
  start(): void
  stop(): void
}

/**
 * The desktop app's updater behind the core's `updates` port. The user decides every step:
 * electron-updater never downloads or installs by itself (autoDownload and autoInstallOnAppQuit
 * off); "check" only asks the feed, "download" fetches the file and verifies its sha512 (and on
 * Windows the installer's signature) before it counts as downloaded, and "install" quits and runs
 * only that verified file. A failed or tampered download ends in an error state: the updater has
 * deleted the file, and install refuses because nothing is downloaded.
 */
export function createDesktopUpdater(options: DesktopUpdaterOptions): DesktopUpdater {
  const now = options.now ?? Date.now
  const timers = options.timers ?? {
    set: (fn: () => void, ms: number) => {
      const handle = setTimeout(fn, ms)
      handle.unref?.()
      return handle
    },
    clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  const { log, store } = options
  const reason = options.unavailableReason ?? (options.updater ? undefined : 'no-feed')
  const lastChecked = store.get(LAST_CHECKED_KEY)
  let state: UpdateState = {
    currentVersion: options.currentVersion,
    status: reason ? 'unavailable' : 'idle',
    ...(reason ? { unavailableReason: reason } : {}),
    ...(typeof lastChecked === 'number' ? { lastCheckedAt: lastChecked } : {}),
    autoCheck: !reason,
  }
  const listeners = new Set<(s: UpdateState) => void>()
  let lastProgressAt = 0
  let timer: unknown
  let checking: Promise<UpdateState> | undefined
  let downloading: Promise<UpdateState> | undefined

  const publish = (next: UpdateState) => {
    state = next
    for (const listener of listeners) {
      try {
        listener(state)
      } catch (error) {
        log.warn('update state listener failed', { error })
      }
    }
  }
  const patch = (changes: Partial<UpdateState>, drop: Array<keyof UpdateState> = []) => {
    const next: Record<string, unknown> = { ...state, ...changes }
    for (const key of drop) delete next[key]
    publish(next as unknown as UpdateState)
  }

  let updater: Updater | undefined
  if (!reason && options.updater) {
    updater = options.updater()
    updater.autoDownload = false
    updater.autoInstallOnAppQuit = false
    updater.allowDowngrade = false
    updater.logger = {
      info: (message?: unknown) => log.info('updater', { message: String(message) }),
      warn: (message?: unknown) => log.warn('updater', { message: String(message) }),
      error: (message?: unknown) => log.error('updater', { message: String(message) }),
    }
    updater.on('download-progress', (progress: ProgressInfo) => {
      if (state.status !== 'downloading') return
      const at = now()
      if (at - lastProgressAt < PROGRESS_INTERVAL_MS && progress.percent < 100) return
      lastProgressAt = at
      patch({
        progress: {
          percent: Math.max(0, Math.min(100, progress.percent)),
          transferred: progress.transferred,
          total: progress.total,
          bytesPerSecond: progress.bytesPerSecond,
        },
      })
    })
    // Only after the file passed its checksum (and signature) check; on macOS, once Squirrel has it too.
    updater.on('update-downloaded', (info: UpdateInfo) => {
      if (state.status !== 'downloading' && state.status !== 'available') return
      log.info('update downloaded and verified', { version: info.version })
      patch({ status: 'downloaded', update: describeUpdate(info) }, ['progress', 'error'])
    })
    // electron-updater also rejects the call that failed (handled there). An error with no call
    // waiting comes from installing (the installer did not start) or, on macOS, from Squirrel
    // taking over a finished download.
    updater.on('error', (error: Error) => {
      const during = state.status === 'installing' ? 'install' : state.status === 'downloading' ? 'download' : undefined
      if (!during || (during === 'download' && downloading)) return
      log.error(during === 'install' ? 'update could not be installed' : 'update download failed', { error })
      patch({ status: 'error', error: { kind: classifyUpdateError(error), during } }, ['progress'])
    })
  }

  async function check(): Promise<UpdateState> {
    if (!updater) return state
    if (checking) return checking
    if (state.status === 'downloading' || state.status === 'downloaded' || state.status === 'installing') return state
    const run = updater
    checking = (async () => {
      patch({ status: 'checking' }, ['error'])
      try {
        const result = await run.checkForUpdates()
        const at = now()
        store.set(LAST_CHECKED_KEY, at)
        if (result?.isUpdateAvailable) {
          log.info('update available', { version: result.updateInfo.version, current: options.currentVersion })
          patch({ status: 'available', update: describeUpdate(result.updateInfo), lastCheckedAt: at }, ['progress'])
        } else {
          patch({ status: 'up-to-date', lastCheckedAt: at }, ['update', 'progress'])
        }
      } catch (error) {
        const kind = classifyUpdateError(error)
        log.warn('update check failed', { kind, error })
        patch({ status: 'error', error: { kind, during: 'check' } }, ['progress'])
      }
      return state
    })().finally(() => (checking = undefined))
    return checking
  }

  async function download(): Promise<UpdateState> {
    if (!updater) return state
    if (downloading) return downloading
    // Something to download: a version found, or one whose download failed (try again).
    if (
      !state.update ||
      !(state.status === 'available' || (state.status === 'error' && state.error?.during !== 'check'))
    ) {
      return state
    }
    const run = updater
    downloading = (async () => {
      lastProgressAt = 0
      patch({ status: 'downloading', progress: { percent: 0, transferred: 0, total: 0, bytesPerSecond: 0 } }, ['error'])
      try {
        await run.downloadUpdate()
        // Windows and Linux: verified by now ('update-downloaded' has fired). macOS: Squirrel
        // still takes the file over; its 'update-downloaded' follows.
      } catch (error) {
        const kind = classifyUpdateError(error)
        log.error('update download failed; nothing will be installed', { kind, error })
        patch({ status: 'error', error: { kind, during: 'download' } }, ['progress'])
      }
      return state
    })().finally(() => (downloading = undefined))
    return downloading
  }

  async function install(): Promise<UpdateState> {
    if (!updater || state.status !== 'downloaded') {
      throw new Error(`no verified update to install (state ${state.status})`)
    }
    const run = updater
    log.info('installing update on the user’s request', { version: state.update?.version })
    patch({ status: 'installing' })
    // Let this call's answer reach the page before the app starts quitting.
    setImmediate(() => {
      try {
        // Silent: the user already chose; force-run: the console opens again on the new version.
        run.quitAndInstall(true, true)
      } catch (error) {
        log.error('update could not be installed', { error })
        patch({ status: 'error', error: { kind: classifyUpdateError(error), during: 'install' } })
      }
    })
    return state
  }

  function schedule(ms: number): void {
    if (timer !== undefined) timers.clear(timer)
    timer = timers.set(() => {
      timer = undefined
      void automaticCheck()
    }, ms)
  }

  async function automaticCheck(): Promise<void> {
    const before = state.status
    const next = await check()
    if (next.status === 'available' && before !== 'available' && next.update) {
      const version = next.update.version
      if (store.get(NOTIFIED_KEY) !== version) {
        store.set(NOTIFIED_KEY, version)
        try {
          options.onFound?.(version)
        } catch (error) {
          log.warn('update notice failed', { error })
        }
      }
    }
    schedule(DAY_MS)
  }

  return {
    state: () => state,
    check,
    download,
    install,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start() {
      if (!updater) return
      // Never checked: soon after start. Otherwise once the last check is a day old.
      const due = typeof state.lastCheckedAt === 'number' ? state.lastCheckedAt + DAY_MS - now() : 0
      schedule(Math.max(START_DELAY_MS, due))
    },
    stop() {
      if (timer !== undefined) timers.clear(timer)
      timer = undefined
      listeners.clear()
    },
  }
}
