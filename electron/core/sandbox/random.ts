/**
 * Deterministic randomness for the demo corp: every seeded value and every sandbox-generated id
 * comes from here, never from Math.random, so the same seed always yields the same corp.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** A 32-bit hash of the parts (FNV-1a plus a final avalanche), used to derive independent streams. */
export function hashParts(...parts: ReadonlyArray<string | number>): number {
  let hash = 0x811c9dc5
  for (const part of parts) {
    const text = String(part)
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i)
      hash = Math.imul(hash, 0x01000193)
    }
    hash ^= 0x1f
    hash = Math.imul(hash, 0x01000193)
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return hash >>> 0
}

/** mulberry32: a tiny, fast PRNG that is good enough for demo data. */
export class SeededRandom {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    return itemAt(items, Math.floor(this.next() * items.length))
  }

  /** Picks with a bias towards the start of the list (for "common first" tables such as surnames). */
  pickSkewed<T>(items: readonly T[]): T {
    const r = this.next()
    return itemAt(items, Math.floor(r * r * items.length))
  }

  /** Picks by weight; `weights` must be as long as `items`. */
  pickWeighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((sum, weight) => sum + weight, 0)
    let target = this.next() * total
    for (let i = 0; i < items.length; i++) {
      target -= weights[i] ?? 0
      if (target < 0) return itemAt(items, i)
    }
    return itemAt(items, items.length - 1)
  }

  /** A base62 string of the given length, for WeCom-looking ids. */
  token(length: number): string {
    const codes = new Array<number>(length)
    for (let i = 0; i < length; i++) codes[i] = BASE62.charCodeAt(Math.floor(this.next() * 62))
    return String.fromCharCode(...codes)
  }
}

/** A stream seeded from a hash of the parts, e.g. `randomFor(seed, 'customers')`. */
export function randomFor(...parts: ReadonlyArray<string | number>): SeededRandom {
  return new SeededRandom(hashParts(...parts))
}

/** Index into a non-empty list; throws on an out-of-range index instead of returning undefined. */
export function itemAt<T>(items: readonly T[], index: number): T {
  if (index < 0 || index >= items.length) throw new RangeError(`index ${index} outside 0..${items.length - 1}`)
  return items[index] as T
}
