import type { LengthCheck } from '@shared/limits/text'
import type { Locale } from '@shared/result'
import type { Translate } from './format'

/**
 * 4000 in Chinese, 4,000 in English, as the mass-message pages write numbers (and the core's limit
 * sentences, "最多 4000 字节"). The customers area groups digits in both languages (`formatCount`).
 */
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
  if (short) return t(check.ok ? 'message.bytes.short' : 'message.bytes.shortOver', values)
  return t(check.ok ? 'message.bytes.used' : 'message.bytes.over', values)
}
