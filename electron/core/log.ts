import { chmodSync, closeSync, fchmodSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs'
import { dirname, join, parse } from 'node:path'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** Structured log lines; every string passes through the redactor first. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
  /** Registers a value (a secret, a token) that must never be written out. */
  redact(value: string): void
  /** Where the lines go, shown in Settings so the user can send it to support. */
  readonly file?: string
}

/**
 * Receives each finished line, already redacted. The Electron shell passes electron-log here, so
 * nothing unredacted ever reaches it. A sink that throws loses that line, never the caller's call.
 */
export type LogSink = (level: LogLevel, line: string) => void

export interface LoggerOptions {
  /**
   * The log file. Without `sink` the logger appends to it itself (folder 0700, file 0600, rotated
   * at `maxBytes`); with `sink` it is only the path shown to the user (the sink writes there).
   */
  file?: string
  /** Also print lines to the console (the browser shell's `echoLog`). */
  echo?: boolean
  sink?: LogSink
  /** Rotate the file past this size, keeping one `<name>.old<ext>`; 0 never rotates. Default 5 MiB. */
  maxBytes?: number
  /** After a failed write (a full disk), lines are counted and dropped for this long before trying again. Default 1 s. */
  retryAfterMs?: number
  now?: () => number
}

/** A Logger that also says how many lines it could not write. */
export interface CoreLogger extends Logger {
  /** Lines lost since the last successful write (a full disk, a failing sink). */
  readonly droppedLines: number
  /** Lines lost since the logger was created. */
  readonly totalDroppedLines: number
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024
const DEFAULT_RETRY_AFTER_MS = 1000
export const LOG_DIR_MODE = 0o700
export const LOG_FILE_MODE = 0o600

const REDACTED = '[redacted]'
const SECRET_KEYS = /secret|token|password|corpsecret/i
/** Error chains deeper than this are cut (a cause cycle must not hang the logger). */
const MAX_CAUSE_DEPTH = 5

/** Replaces every given credential (4+ characters) and any access_token / corpsecret query value. */
export function redact(value: string, secrets: Iterable<string | undefined>): string {
  let out = value
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED)
  return out.replace(/(access_token|corpsecret)=[^&\s"]+/g, `$1=${REDACTED}`)
}

/** `console.old.log` beside `console.log`: the one older file kept by rotation. */
export function rotatedLogFile(file: string): string {
  const { dir, name, ext } = parse(file)
  return join(dir, `${name}.old${ext}`)
}

/**
 * The fields as JSON: secret-looking keys masked, errors as name / message / code / stack / cause,
 * bigints as text, repeated or circular objects cut. Never throws.
 */
function serializeFields(fields: Record<string, unknown> | undefined): string {
  const seen = new WeakSet<object>()
  try {
    return JSON.stringify(fields ?? {}, (key, value: unknown) => {
      if (key && SECRET_KEYS.test(key) && typeof value === 'string') return REDACTED
      if (typeof value === 'bigint') return value.toString()
      if (value instanceof Error) return describeError(value, 0)
      if (value !== null && typeof value === 'object') {
        if (seen.has(value)) return '[circular]'
        seen.add(value)
      }
      return value
    })
  } catch {
    return '{"unserializable":true}'
  }
}

function describeError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: error.message }
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' || typeof code === 'number') out['code'] = code
  const errcode = (error as { errcode?: unknown }).errcode
  if (typeof errcode === 'number') out['errcode'] = errcode
  out['stack'] = error.stack
  if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    out['cause'] = error.cause instanceof Error ? describeError(error.cause, depth + 1) : String(error.cause)
  }
  return out
}

/**
 * Appends lines to one file, best effort: a failed write (ENOSPC, EACCES, a removed folder) never
 * throws. It is counted, lines are dropped for `retryAfterMs`, and the next successful write first
 * says how many were lost. Created folders are 0700 and the file 0600; past `maxBytes` the file
 * is renamed to `<name>.old<ext>` (replacing the previous one) and a new one started.
 */
class BestEffortFile {
  dropped = 0
  totalDropped = 0
  private retryAt = 0
  /** A failed write left part of a line: start the next one on a fresh line. */
  private torn = false
  private tightened = false

  constructor(
    readonly path: string,
    private readonly maxBytes: number,
    private readonly retryAfterMs: number,
    private readonly now: () => number,
  ) {}

  write(line: string): void {
    if (this.now() < this.retryAt) {
      this.drop()
      return
    }
    let fd: number | undefined
    try {
      fd = this.open()
      let text = `${this.torn ? '\n' : ''}${this.lostNotice()}${line}\n`
      const size = fstatSync(fd).size
      if (this.maxBytes > 0 && size > 0 && size + Buffer.byteLength(text) > this.maxBytes) {
        closeSync(fd)
        fd = undefined
        if (this.rotate()) text = text.replace(/^\n/, '')
        fd = this.open()
      }
      this.writeAll(fd, text)
      this.torn = false
      this.dropped = 0
    } catch {
      this.drop()
      this.retryAt = this.now() + this.retryAfterMs
    } finally {
      if (fd !== undefined) {
        try {
          closeSync(fd)
        } catch {
          // nothing left to do for this line
        }
      }
    }
  }

  private drop(): void {
    this.dropped++
    this.totalDropped++
  }

  private lostNotice(): string {
    if (this.dropped === 0) return ''
    return `${JSON.stringify({
      at: new Date(this.now()).toISOString(),
      level: 'warn',
      msg: 'log lines dropped',
      fields: { dropped: this.dropped },
    })}\n`
  }

  private open(): number {
    const created = mkdirSync(dirname(this.path), { recursive: true, mode: LOG_DIR_MODE })
    // mkdir's mode is masked by the umask: set it on what this call created.
    if (created) chmodSync(dirname(this.path), LOG_DIR_MODE)
    const fd = openSync(this.path, 'a', LOG_FILE_MODE)
    if (!this.tightened) {
      // A file left by an older version may be readable by others.
      fchmodSync(fd, LOG_FILE_MODE)
      this.tightened = true
    }
    return fd
  }

  /** True when the old content was moved aside (a torn line went with it). */
  private rotate(): boolean {
    try {
      renameSync(this.path, rotatedLogFile(this.path))
      this.tightened = false
      return true
    } catch {
      return false // keep appending to the big file rather than lose lines
    }
  }

  private writeAll(fd: number, text: string): void {
    const bytes = Buffer.from(text, 'utf8')
    let offset = 0
    try {
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
    } catch (error) {
      if (offset > 0) this.torn = true
      throw error
    }
  }
}

/**
 * A logger that writes JSON lines to a file, a sink, or nowhere, and masks every registered
 * secret, any access_token / corpsecret query and any field whose name looks like one, so neither
 * logs nor crash reports carry credentials. Logging is best effort: no method ever throws.
 */
export function createLogger(options: LoggerOptions = {}): CoreLogger {
  const secrets = new Set<string>()
  const now = options.now ?? Date.now
  const sink = options.sink
  const file =
    options.file && !sink
      ? new BestEffortFile(
          options.file,
          options.maxBytes ?? DEFAULT_LOG_MAX_BYTES,
          options.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS,
          now,
        )
      : undefined
  let sinkDropped = 0
  let sinkTotalDropped = 0

  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    let line: string
    try {
      line = redact(
        `{"at":"${new Date(now()).toISOString()}","level":"${level}","msg":${JSON.stringify(String(message))},"fields":${serializeFields(fields)}}`,
        secrets,
      )
    } catch {
      line = `{"level":"${level}","msg":"unloggable line"}`
    }
    file?.write(line)
    if (sink) {
      try {
        sink(level, line)
        sinkDropped = 0
      } catch {
        sinkDropped++
        sinkTotalDropped++
      }
    }
    if (options.echo) {
      try {
        ;(level === 'error' || level === 'warn' ? console.error : console.log)(line)
      } catch {
        // a closed terminal must not stop the core
      }
    }
  }

  return {
    ...(options.file ? { file: options.file } : {}),
    get droppedLines() {
      return (file?.dropped ?? 0) + sinkDropped
    },
    get totalDroppedLines() {
      return (file?.totalDropped ?? 0) + sinkTotalDropped
    },
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    redact: (value) => {
      if (typeof value === 'string' && value.length >= 4) secrets.add(value)
    },
  }
}

/**
 * Logs `uncaughtException` and `unhandledRejection` of a plain-Node shell (the browser shell)
 * through `log`, so they are redacted like every other line and the process keeps serving.
 * (The Electron shell does the same through electron-log's error handler.) Returns a stop function.
 */
export function catchProcessErrors(log: Logger, target: Pick<NodeJS.Process, 'on' | 'off'> = process): () => void {
  const report = (message: string) => (error: unknown) => {
    try {
      log.error(message, { error })
    } catch {
      // logging is best effort
    }
  }
  const onException = report('uncaught exception')
  const onRejection = report('unhandled rejection')
  target.on('uncaughtException', onException)
  target.on('unhandledRejection', onRejection)
  return () => {
    target.off('uncaughtException', onException)
    target.off('unhandledRejection', onRejection)
  }
}
