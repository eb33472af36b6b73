import electronLog from 'electron-log/node'
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import {
  createLogger,
  DEFAULT_LOG_MAX_BYTES,
  LOG_DIR_MODE,
  LOG_FILE_MODE,
  type CoreLogger,
  type Logger,
  type LogLevel,
  rotatedLogFile,
} from '../core/log'

/** electron-log's logger, as `electron-log/node` builds it. */
type ElectronLog = typeof electronLog

export interface MainLogOptions {
  /** The log file; electron-log rotates it to `<name>.old<ext>` past `maxBytes`. */
  file: string
  /** Default 5 MiB: the current file plus one old one stay under 10 MiB. */
  maxBytes?: number
  /** Also print warnings and errors to the terminal (development). */
  echo?: boolean
  /** electron-log instance id (tests use one per case). Default `console`. */
  logId?: string
}

export interface MainLog {
  /** The core's Logger: redacts, then hands the finished line to electron-log. */
  log: CoreLogger
  /** The electron-log instance behind it (crash capture, tests). */
  electronLog: ElectronLog
}

/**
 * The Electron shell's log: the core's `Logger` (its interface and its secret redaction) in
 * front of electron-log's file transport. Redaction runs in the core logger, so electron-log only
 * ever receives finished, redacted lines; it adds size-capped rotation (one old file kept). The
 * folder is created 0700 and the files 0600. `electron-log/node` is used rather than
 * `electron-log/main`: the main-process entry registers an extra IPC channel for renderer logging
 * and an Electron error box, and the renderer reports errors through the contract instead.
 */
export function createMainLog(options: MainLogOptions): MainLog {
  const elog = electronLog.create({ logId: options.logId ?? 'console' })
  preparePrivateFiles(options.file)
  const file = elog.transports.file
  // Without a name electron-log looks for a package.json to name its default folder, and every
  // line would fail if it found none; the path below is used instead of that folder anyway.
  file.setAppName(APP_NAME)
  file.resolvePathFn = () => options.file
  file.maxSize = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES
  file.writeOptions = { flag: 'a', mode: LOG_FILE_MODE, encoding: 'utf8' }
  file.level = 'debug'
  // The line is already formatted JSON: no template, no %-substitution, no styles.
  file.transforms = [({ data }) => data.map(String).join(' ')]
  elog.transports.console.level = options.echo ? 'warn' : false
  // electron-log reports its own write failures through the default instance's console
  // transport, past any level: let them reach the terminal only in development.
  if (!options.echo) {
    elog.transports.console.writeFn = () => undefined
    electronLog.transports.console.writeFn = () => undefined
  }
  elog.transports.console.transforms = [({ data }) => data.map(String).join(' ')]
  // Only the file (and the terminal in development): no IPC to windows, no remote upload.
  if (elog.transports.ipc) elog.transports.ipc.level = false
  if (elog.transports.remote) elog.transports.remote.level = false

  // electron-log catches a failed write (a full disk) and reports it as an 'error' event of the
  // file: turn that into a thrown sink, which the core logger counts as a dropped line.
  let writeFailed = false
  file.getFile().on('error', () => (writeFailed = true))
  const sink = (level: LogLevel, line: string) => {
    writeFailed = false
    elog[level](line)
    if (writeFailed) throw new Error('log line not written')
  }
  return { log: createLogger({ file: options.file, sink }), electronLog: elog }
}

const APP_NAME = 'wecom-contact-console'

/** Creates the log folder 0700 and tightens a log file left 0644 by an older version to 0600. */
function preparePrivateFiles(file: string): void {
  const folder = dirname(file)
  try {
    const created = mkdirSync(folder, { recursive: true, mode: LOG_DIR_MODE })
    // mkdir's mode is masked by the umask: set it on what this call created.
    if (created) chmodSync(folder, LOG_DIR_MODE)
  } catch {
    // electron-log tries again on every line; a missing folder only loses lines
  }
  for (const path of [file, rotatedLogFile(file)]) {
    try {
      if (existsSync(path)) chmodSync(path, LOG_FILE_MODE)
    } catch {
      // not ours to fix; new files are created 0600 either way
    }
  }
}

/**
 * Catches `uncaughtException` and `unhandledRejection` through electron-log's error handler and
 * logs them through `log` (so they are redacted like every other line). No dialog is shown: an
 * Electron error box would print the raw stack, which can carry a secret. Returns a stop function.
 */
export function captureCrashes(log: Logger, elog: ElectronLog): () => void {
  elog.errorHandler.startCatching({
    showDialog: false,
    onError: ({ error, errorName }) => {
      try {
        log.error(errorName === 'Unhandled rejection' ? 'unhandled rejection' : 'uncaught exception', { error })
      } catch {
        // logging is best effort; the process keeps running either way
      }
      return false
    },
  })
  return () => elog.errorHandler.stopCatching()
}
