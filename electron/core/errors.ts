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
