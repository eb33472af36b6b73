import type { LengthCheck } from '@shared/limits/text'
import type { FormatCount } from '../i18n/numbers'
import type { Translate } from './format'

/**
 * "已用 12 / 4,000 字节，还可输入 3,988 字节" / "12 / 4,000 bytes used, 3,988 left"; over the limit
 * it says by how much. `short` is the compact form for small fields ("12 / 128 字节"). Numbers are
 * written by `count` (vue-i18n's `n()`).
 */
export function byteCounterText(check: LengthCheck, t: Translate, count: FormatCount, short = false): string {
  const values = {
    used: count(check.used),
    max: count(check.max),
    left: count(Math.max(0, check.left)),
    over: count(Math.max(0, -check.left)),
  }
  if (short) return t(check.ok ? 'message.bytes.short' : 'message.bytes.shortOver', values)
  return t(check.ok ? 'message.bytes.used' : 'message.bytes.over', values)
}
