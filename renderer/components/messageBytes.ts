import type { LengthCheck } from '@shared/limits/text'
import type { Locale } from '@shared/result'

/** A translator as vue-i18n's `t` is used here: key plus named values. */
export type Translate = (key: string, values?: Record<string, unknown>) => string

/** 4000 in Chinese, 4,000 in English, as the UI writes numbers. */
export function formatNumber(value: number, locale: Locale): string {
  return locale === 'en' ? value.toLocaleString('en-US') : String(value)
}

/**
 * "已用 12 / 4000 字节，还可输入 3988 字节" / "12 / 4,000 bytes used, 3,988 left"; over the limit
 * it says by how much. `short` is the compact form for small fields ("12 / 128 字节").
 */
export function byteCounterText(check: LengthCheck, locale: Locale, t: Translate, short = false): string {
  const values = {
    used: formatNumber(check.used, locale),
    max: formatNumber(check.max, locale),
    left: formatNumber(Math.max(0, check.left), locale),
    over: formatNumber(Math.max(0, -check.left), locale),
  }
  if (short) return t(check.ok ? 'composer.bytes.short' : 'composer.bytes.shortOver', values)
  return t(check.ok ? 'composer.bytes.used' : 'composer.bytes.over', values)
}
