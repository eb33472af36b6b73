import type { CustomerFilter, CustomerSort } from '@shared/customers'
import type { z } from 'zod'
import type { customerQuerySchema } from '@shared/customers'
import type { Translate } from '../../components/format'

/*
 * The Customers page's own parts of the filter bar: the form and its mapping to the contract's
 * filter are shared with the composer's targeting (components/customerFilter/form.ts).
 */

export type CustomerQueryInput = z.input<typeof customerQuerySchema>

/** One window of rows for `customers.query`. */
export function toQueryInput(filter: CustomerFilter, sort: CustomerSort, offset: number, limit: number) {
  return { filter, sort, offset, limit } satisfies CustomerQueryInput
}

/**
 * Offsets of the windows (of `windowSize` rows) that cover rows `first`..`last` (inclusive),
 * clamped to the `total` rows that exist.
 */
export function windowOffsets(first: number, last: number, windowSize: number, total: number): number[] {
  if (total <= 0 || last < first) return []
  const from = Math.max(0, Math.floor(first / windowSize) * windowSize)
  const to = Math.min(last, total - 1)
  const offsets: number[] = []
  for (let offset = from; offset <= to; offset += windowSize) offsets.push(offset)
  return offsets
}

/** The documented WeCom add_way codes (externalcontact/get → follow_user.add_way). */
export const ADD_WAY_CODES = [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 201, 202] as const

/** The label of an add_way code; codes WeCom adds later read "Other (code)". */
export function addWayLabel(code: number, t: Translate): string {
  return (ADD_WAY_CODES as readonly number[]).includes(code)
    ? t(`customers.addWay.w${code}`)
    : t('customers.addWay.other', { code })
}

/** The sort choices offered in the sort select, by their i18n key under `customers.sort`. */
export const SORT_CHOICES = {
  addedAtDesc: { field: 'addedAt', order: 'desc' },
  addedAtAsc: { field: 'addedAt', order: 'asc' },
  nameAsc: { field: 'name', order: 'asc' },
  nameDesc: { field: 'name', order: 'desc' },
  followCountDesc: { field: 'followCount', order: 'desc' },
  followCountAsc: { field: 'followCount', order: 'asc' },
} as const satisfies Record<string, CustomerSort>

export type SortChoice = keyof typeof SORT_CHOICES

export function sortChoiceOf(sort: CustomerSort): SortChoice {
  const found = (Object.keys(SORT_CHOICES) as SortChoice[]).find(
    (key) => SORT_CHOICES[key].field === sort.field && SORT_CHOICES[key].order === sort.order,
  )
  return found ?? 'addedAtDesc'
}

/** i18n keys under `customers.gender` by WeCom gender code (0 unknown, 1 male, 2 female). */
export const GENDER_KEYS = { 0: 'unknown', 1: 'male', 2: 'female' } as const
/** i18n keys under `customers.type` by customer type (1 WeChat, 2 WeCom). */
export const TYPE_KEYS = { 1: 'wechat', 2: 'wecom' } as const
