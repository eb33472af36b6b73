import type { CustomerFilter } from '@shared/customers'
import { lastNLocalDaysRange, localDaysRange, localToday, monthStart, type DayRange } from '@shared/date'

/** WeCom gender codes: 0 unknown, 1 male, 2 female. */
export type Gender = 0 | 1 | 2
/** Customer types: 1 WeChat user, 2 WeCom user. */
export type CustomerType = 1 | 2

/**
 * The customer filter as a form edits it, shared by the Customers filter bar and the composer's
 * targeting (each shows the fields it needs; the others stay empty). `toCustomerFilter` turns it
 * into the contract's `CustomerFilter`, `fromCustomerFilter` reads a stored one back.
 */
export interface CustomerFilterForm {
  search: string
  /** Customers followed by any of these members (userids). */
  members: string[]
  tagIds: string[]
  tagMode: 'and' | 'or'
  /** Customers carrying any of these tags are left out. */
  excludeTagIds: string[]
  /** Added between the first picked day's 00:00 and the last one's 23:59:59.999, local time, ms; null: any time. */
  addedRange: DayRange | null
  genders: Gender[]
  types: CustomerType[]
  addWays: number[]
}

export function emptyFilterForm(): CustomerFilterForm {
  return {
    search: '',
    members: [],
    tagIds: [],
    tagMode: 'or',
    excludeTagIds: [],
    addedRange: null,
    genders: [],
    types: [],
    addWays: [],
  }
}

const ascending = <T extends number>(values: readonly T[]): T[] => [...values].sort((a, b) => a - b)

/**
 * The contract filter for a form: empty fields are left out (no restriction, so an untouched form
 * matches everyone), the search text is trimmed, arrays are copies (later edits of the form do
 * not change a sent filter) and the code lists are sorted (the same choice gives the same filter).
 */
export function toCustomerFilter(form: CustomerFilterForm): CustomerFilter {
  const filter: CustomerFilter = {}
  const search = form.search.trim()
  if (search) filter.search = search
  if (form.members.length) filter.members = [...form.members]
  if (form.tagIds.length) filter.tags = { mode: form.tagMode, ids: [...form.tagIds] }
  if (form.excludeTagIds.length) filter.excludeTags = [...form.excludeTagIds]
  if (form.addedRange) {
    filter.addedFrom = form.addedRange[0]
    filter.addedTo = form.addedRange[1]
  }
  if (form.genders.length) filter.genders = ascending(form.genders)
  if (form.types.length) filter.types = ascending(form.types)
  if (form.addWays.length) filter.addWays = ascending(form.addWays)
  return filter
}

/** True when the form restricts anything. */
export function isFilterActive(form: CustomerFilterForm): boolean {
  return Object.keys(toCustomerFilter(form)).length > 0
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
const codes = <T extends number>(value: unknown, allowed: (code: number) => code is T): T[] =>
  Array.isArray(value) ? value.filter((item): item is T => typeof item === 'number' && allowed(item)) : []

/** Reads a stored filter back into the form; anything unreadable is left at its default. */
export function fromCustomerFilter(stored: unknown): CustomerFilterForm {
  const form = emptyFilterForm()
  if (!isRecord(stored)) return form
  if (typeof stored['search'] === 'string') form.search = stored['search']
  form.members = strings(stored['members'])
  const tags = stored['tags']
  if (isRecord(tags)) {
    form.tagIds = strings(tags['ids'])
    form.tagMode = tags['mode'] === 'and' ? 'and' : 'or'
  }
  form.excludeTagIds = strings(stored['excludeTags'])
  const from = stored['addedFrom']
  const to = stored['addedTo']
  if (typeof from === 'number' && typeof to === 'number') form.addedRange = [from, to]
  form.genders = codes(stored['genders'], (g): g is Gender => g === 0 || g === 1 || g === 2)
  form.types = codes(stored['types'], (c): c is CustomerType => c === 1 || c === 2)
  form.addWays = codes(stored['addWays'], (c): c is number => Number.isInteger(c) && c >= 0)
  return form
}

/** The quick "added" ranges the date picker offers, in whole local calendar days ending today. */
export type QuickAddedRange = 'last7' | 'last30' | 'thisMonth'
export const QUICK_ADDED_RANGES: readonly QuickAddedRange[] = ['last7', 'last30', 'thisMonth']

/** 近 7 天 / 近 30 天: the last 7 or 30 local days, today included; 本月: the 1st of this month to today. */
export function quickAddedRange(kind: QuickAddedRange, now: number = Date.now()): DayRange {
  if (kind === 'last7') return lastNLocalDaysRange(7, now)
  if (kind === 'last30') return lastNLocalDaysRange(30, now)
  const today = localToday(now)
  return localDaysRange(monthStart(today), today)
}
