import { invalidParameter } from './wecom-error'

/**
 * Cursor and page-size rules. Cursors are opaque to the client: base64url of a position
 * (list offsets), so appending items never skips or repeats one.
 */

/** The opaque cursor for a position. */
export function encodeCursor(position: readonly number[]): string {
  return Buffer.from(`p:${position.join('.')}`).toString('base64url')
}

/** The position in a cursor; `[]` when there is none. A cursor not made by encodeCursor → 40058. */
export function decodeCursor(cursor: string | undefined, parts: number): number[] {
  if (!cursor) return []
  const text = Buffer.from(cursor, 'base64url').toString()
  const numbers = text.startsWith('p:') ? text.slice(2).split('.').map(Number) : []
  if (numbers.length !== parts || !numbers.every((n) => Number.isInteger(n) && n >= 0)) {
    throw invalidParameter('invalid cursor')
  }
  return numbers
}

/** How an endpoint treats a page size above its maximum, per the reference. */
export interface PageSizeRule {
  default: number
  max: number
  /** `clamp`: use max; `default`: use the default; `reject`: 40058. */
  overMax: 'clamp' | 'default' | 'reject'
  /** When true, the limit must be given (groupchat/list). */
  required?: boolean
}

/** The page size to use for `limit` under `rule` (40058 when rejected). */
export function pageSize(limit: number | undefined, rule: PageSizeRule): number {
  if (limit === undefined || limit === 0) {
    if (rule.required) throw invalidParameter('limit is required')
    return rule.default
  }
  if (limit < 0) throw invalidParameter('limit must be positive')
  if (limit <= rule.max) return limit
  if (rule.overMax === 'reject') throw invalidParameter(`limit must be at most ${rule.max}`)
  return rule.overMax === 'clamp' ? rule.max : rule.default
}

/** One page of a list plus the cursor of the next page ('' when done). */
export function pageOf<T>(
  items: readonly T[],
  cursor: string | undefined,
  limit: number,
): { page: T[]; nextCursor: string } {
  const [offset = 0] = decodeCursor(cursor, 1)
  const page = items.slice(offset, offset + limit)
  const end = offset + page.length
  return { page, nextCursor: end < items.length ? encodeCursor([end]) : '' }
}
