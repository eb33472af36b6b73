/** What crosses the contract boundary for every call: plain data, never class instances. */

/** A failure the user can read: `message` and `hint` are already in the user's language. */
export interface ApiError {
  /** Stable machine code, e.g. `invalid_input`, `wecom_error`, `forbidden_sender`. */
  code: string
  message: string
  /** What to do next, in the user's language. */
  hint?: string
  /** The WeCom errcode when the failure came from the WeCom API. */
  wecomErrcode?: number
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError }

export type Locale = 'zh-CN' | 'en'
export const LOCALES: readonly Locale[] = ['zh-CN', 'en']
export const DEFAULT_LOCALE: Locale = 'zh-CN'

/** A message in every UI language; the core picks one when it answers. */
export type LocalizedText = Record<Locale, string>
