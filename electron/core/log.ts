import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

type Level = 'debug' | 'info' | 'warn' | 'error'

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

const REDACTED = '[redacted]'
const SECRET_KEYS = /secret|token|password|corpsecret/i

/** Replaces every given credential (4+ characters) and any access_token / corpsecret query value. */
export function redact(value: string, secrets: Iterable<string | undefined>): string {
  let out = value
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED)
  return out.replace(/(access_token|corpsecret)=[^&\s"]+/g, `$1=${REDACTED}`)
}

/**
 * A logger that appends JSON lines to a file (or discards when no file is given) and masks every
 * registered secret and any field whose name looks like one, so neither logs nor crash reports
 * carry credentials.
 */
export function createLogger(options: { file?: string; echo?: boolean } = {}): Logger {
  const secrets = new Set<string>()
  if (options.file) mkdirSync(dirname(options.file), { recursive: true })

  const serialize = (fields: Record<string, unknown> | undefined): string =>
    JSON.stringify(fields ?? {}, (key, value: unknown) => {
      if (key && SECRET_KEYS.test(key) && typeof value === 'string') return REDACTED
      if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack }
      return value
    })

  const write = (level: Level, message: string, fields?: Record<string, unknown>) => {
    const line = redact(
      `{"at":"${new Date().toISOString()}","level":"${level}","msg":${JSON.stringify(message)},"fields":${serialize(fields)}}`,
      secrets,
    )
    if (options.file) appendFileSync(options.file, line + '\n')
    if (options.echo) (level === 'error' || level === 'warn' ? console.error : console.log)(line)
  }

  return {
    ...(options.file ? { file: options.file } : {}),
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    redact: (value) => {
      if (value.length >= 4) secrets.add(value)
    },
  }
}
