import type { CustomerFilter, CustomerSort } from '@shared/customers'
import type { z } from 'zod'
import type { customerQuerySchema } from '@shared/customers'
import type { Translate } from '../../components/format'

/** What the filter bar edits; `toCustomerFilter` turns it into the contract's filter. */
export interface CustomerFilterForm {
  search: string
  /** Follow members (userids). */
  members: string[]
  tagIds: string[]
  tagMode: 'and' | 'or'
  /** The date-range picker's value: first and last day, local time; null when cleared. */
  addedRange: [Date, Date] | null
  genders: Array<0 | 1 | 2>
  types: Array<1 | 2>
  addWays: number[]
}

export type CustomerQueryInput = z.input<typeof customerQuerySchema>

export function emptyFilterForm(): CustomerFilterForm {
  return { search: '', members: [], tagIds: [], tagMode: 'or', addedRange: null, genders: [], types: [], addWays: [] }
}

const DAY_MS = 24 * 3600 * 1000

/** 00:00:00.000 local time of the day `date` falls on. */
function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime()
}

/**
 * The contract filter for a form: empty fields are left out (no restriction), the search text is
 * trimmed, and the date range covers both picked days completely (from the first day's 00:00 to
 * the last day's 23:59:59.999, local time).
 */
export function toCustomerFilter(form: CustomerFilterForm): CustomerFilter {
  const filter: CustomerFilter = {}
  const search = form.search.trim()
  if (search) filter.search = search
  if (form.members.length) filter.members = [...form.members]
  if (form.tagIds.length) filter.tags = { mode: form.tagMode, ids: [...form.tagIds] }
  if (form.addedRange) {
    const [from, to] = form.addedRange
    filter.addedFrom = startOfDay(from)
    filter.addedTo = startOfDay(to) + DAY_MS - 1
  }
  if (form.genders.length) filter.genders = [...form.genders]
  if (form.types.length) filter.types = [...form.types]
  if (form.addWays.length) filter.addWays = [...form.addWays]
  return filter
}

/** True when the form restricts anything (the reset button and the "no match" message need it). */
export function isFilterActive(form: CustomerFilterForm): boolean {
  return Object.keys(toCustomerFilter(form)).length > 0
}

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
