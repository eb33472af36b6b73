/**
 * Length rules as WeCom counts them: "bytes" are UTF-8 bytes (a CJK character is 3, most emoji 4),
 * "chars" are Unicode code points (an emoji counts once, not as two UTF-16 units).
 */

/** UTF-8 byte length of a string, without allocating an encoded copy. */
export function utf8Bytes(value: string): number {
  let bytes = 0
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/** Number of Unicode code points. */
export function codePoints(value: string): number {
  let count = 0
  for (const _ of value) count++
  return count
}

export type LengthUnit = 'bytes' | 'chars'

/** A measured text against its limit, for "n left" counters and checks. */
export interface LengthCheck {
  used: number
  max: number
  left: number
  unit: LengthUnit
  ok: boolean
}

export function measure(value: string, max: number, unit: LengthUnit): LengthCheck {
  const used = unit === 'bytes' ? utf8Bytes(value) : codePoints(value)
  return { used, max, left: max - used, unit, ok: used <= max }
}
