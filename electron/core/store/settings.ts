import { readFileSync, renameSync } from 'node:fs'
import { AppError, text } from '../errors'
import { writeFileAtomicSync } from './atomic-file'
import { PRIVATE_FILE_MODE, restrictFiles } from './private-files'

/**
 * Small app-wide settings (locale, last profile, profile list) kept outside the workspace
 * databases. The Electron shell backs it with electron-store, the browser shell with
 * `JsonFileSettings`; values must be JSON-serializable.
 */
export interface SettingsStore<S extends object = Record<string, unknown>> {
  /** The stored value, or `undefined` when the key is not set. */
  get<K extends keyof S & string>(key: K): S[K] | undefined
  /** Stores `value` under `key` and persists it before returning. */
  set<K extends keyof S & string>(key: K, value: S[K]): void
  /** Removes `key` (no-op when absent). */
  delete(key: keyof S & string): void
}

/**
 * A `SettingsStore` in one JSON file, written atomically (temp file + rename) so a crash mid-write
 * leaves the previous settings. A file that is not valid JSON is moved aside to
 * `<file>.corrupt-<ms>` (never deleted) and the store starts empty; `recoveredFrom` then names it.
 */
export class JsonFileSettings<S extends object = Record<string, unknown>> implements SettingsStore<S> {
  /** Where a corrupt settings file was moved on load, so the UI can tell the user; else undefined. */
  readonly recoveredFrom: string | undefined
  private values: Partial<S>

  constructor(
    readonly filePath: string,
    now: () => number = Date.now,
  ) {
    const raw = readIfExists(filePath)
    const parsed = raw === undefined ? {} : parseObject(raw)
    if (parsed === undefined) {
      this.recoveredFrom = `${filePath}.corrupt-${now()}`
      moveAside(filePath, this.recoveredFrom)
      this.values = {}
    } else {
      this.values = parsed as Partial<S>
      // A file written by an older version may be readable by other local users.
      if (raw !== undefined) restrictFiles([filePath])
    }
  }

  get<K extends keyof S & string>(key: K): S[K] | undefined {
    const value = this.values[key]
    // A copy, so callers mutating what they read can't change the store without `set`.
    return value === undefined ? undefined : structuredClone(value)
  }

  set<K extends keyof S & string>(key: K, value: S[K]): void {
    const json = JSON.stringify(value) as string | undefined
    if (json === undefined) {
      throw new TypeError(`Setting "${key}" is not JSON-serializable; use delete() to remove it.`)
    }
    this.save({ ...this.values, [key]: JSON.parse(json) as S[K] })
  }

  delete(key: keyof S & string): void {
    if (!(key in this.values)) return
    const next = { ...this.values }
    delete next[key]
    this.save(next)
  }

  /** Writes first and only then adopts the new values, so a failed write changes nothing. */
  private save(next: Partial<S>): void {
    try {
      // Owner-only: another local user of this computer must not read the profile list.
      writeFileAtomicSync(this.filePath, `${JSON.stringify(next, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
    } catch (cause) {
      throw new AppError(
        'settings_write_failed',
        text('设置保存失败，本次修改未生效。', 'The settings could not be saved; this change was not applied.'),
        {
          hint: text(
            `请检查磁盘空间以及对 ${this.filePath} 的写入权限，然后重试。`,
            `Check free disk space and write permission for ${this.filePath}, then try again.`,
          ),
          cause,
        },
      )
    }
    this.values = next
  }
}

function readIfExists(filePath: string): string | undefined {
  try {
    return readFileSync(filePath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw unreadable(filePath, error)
  }
}

/** The parsed settings object, or undefined when the text is not a JSON object. */
function parseObject(raw: string): object | undefined {
  try {
    const parsed: unknown = JSON.parse(raw)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

function moveAside(filePath: string, asidePath: string): void {
  try {
    renameSync(filePath, asidePath)
    restrictFiles([asidePath])
  } catch (error) {
    throw unreadable(filePath, error)
  }
}

function unreadable(filePath: string, cause: unknown): AppError {
  return new AppError(
    'settings_unreadable',
    text('无法读取应用设置文件。', 'The app settings file could not be read.'),
    {
      hint: text(
        `请检查对 ${filePath} 的读写权限后重启应用。`,
        `Check read and write permission for ${filePath}, then restart the app.`,
      ),
      cause,
    },
  )
}
