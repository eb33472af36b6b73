import type { ApiError, Locale, LocalizedText } from '../../shared/result'

/**
 * An error the core raises on purpose: it carries its text in every UI language so the API layer
 * can answer in the user's language. Anything else thrown is treated as an internal fault.
 */
export class AppError extends Error {
  readonly code: string
  readonly text: LocalizedText
  readonly hint?: LocalizedText
  readonly wecomErrcode?: number

  constructor(
    code: string,
    text: LocalizedText,
    options: { hint?: LocalizedText; wecomErrcode?: number; cause?: unknown } = {},
  ) {
    super(text.en, { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.text = text
    if (options.hint) this.hint = options.hint
    if (options.wecomErrcode !== undefined) this.wecomErrcode = options.wecomErrcode
  }

  /** The plain, localized form that crosses the contract boundary. */
  toApiError(locale: Locale): ApiError {
    const error: ApiError = { code: this.code, message: this.text[locale] }
    if (this.hint) error.hint = this.hint[locale]
    if (this.wecomErrcode !== undefined) error.wecomErrcode = this.wecomErrcode
    return error
  }
}

/** Shorthand for the bilingual text literals used throughout the core. */
export function text(zhCN: string, en: string): LocalizedText {
  return { 'zh-CN': zhCN, en }
}

/** The hint under every input that fails its schema or a rule checked in a service. */
export const INVALID_INPUT_HINT = text('请检查标红的内容后再试。', 'Check the highlighted fields and try again.')

/** An unexpected fault: the cause is logged, never shown. `code` is `internal`. */
export const INTERNAL_ERROR = new AppError(
  'internal',
  text('出了点问题，操作没有完成。', 'Something went wrong and the action did not finish.'),
  {
    hint: text(
      '请重试；如果一直出现，请把日志文件（设置 → 日志）发给技术支持。',
      'Try again; if it keeps happening, send the log file (Settings → Log) to support.',
    ),
  },
)

/** The disk (or the user's quota) is full: nothing of this action was written. `code` is `disk_full`. */
export function diskFullError(cause?: unknown): AppError {
  return new AppError(
    'disk_full',
    text(
      '磁盘已满，这次操作没有保存。之前保存的数据都还在。',
      'The disk is full, so this action was not saved. Everything saved before is still there.',
    ),
    {
      hint: text(
        '请删除不需要的文件或清空回收站，腾出磁盘空间（至少几百 MB）后再试一次。',
        'Free up disk space (a few hundred MB at least) by deleting files you no longer need or emptying the trash, then try again.',
      ),
      cause,
    },
  )
}

/** SQLite's primary result code for "database or disk is full". */
const SQLITE_FULL = 13
/** Operating-system codes for a full disk or an exhausted disk quota. */
const DISK_FULL_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT'])

/**
 * True when `error`, or any error in its `cause` chain, says the disk is full: Node's ENOSPC /
 * EDQUOT, or SQLite's SQLITE_FULL (node:sqlite reports it as `errcode` 13, with extended codes
 * in the high bits).
 */
export function isDiskFull(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth++) {
    const { code, errcode } = current as { code?: unknown; errcode?: unknown }
    if (typeof code === 'string' && DISK_FULL_CODES.has(code)) return true
    if (typeof errcode === 'number' && (errcode & 0xff) === SQLITE_FULL) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}
