import type { CustomerFilter } from '@shared/customers'
import type { ChatType } from '@shared/massMessages'

export type Gender = 0 | 1 | 2

/**
 * What the targeting panel edits. Both the customer and the group parts are kept while the user
 * switches the chat type; only the part that matches it is saved (`toTargeting`).
 */
export interface TargetingForm {
  customerMode: 'filter' | 'customers'
  /** Customers followed by any of these members. */
  members: string[]
  tagIds: string[]
  tagMode: 'and' | 'or'
  excludeTagIds: string[]
  /** First day 00:00 and last day 23:59:59.999, local time, ms; null when any time. */
  addedRange: [number, number] | null
  genders: Gender[]
  /** A picked or pasted list. */
  externalUserids: string[]
  groupMode: 'groupsByOwner' | 'groups'
  /** The member whose groups receive it. */
  sender: string
  chatIds: string[]
}

export function emptyTargetingForm(): TargetingForm {
  return {
    customerMode: 'filter',
    members: [],
    tagIds: [],
    tagMode: 'or',
    excludeTagIds: [],
    addedRange: null,
    genders: [],
    externalUserids: [],
    groupMode: 'groupsByOwner',
    sender: '',
    chatIds: [],
  }
}

/** The contract's customer filter for the filter part of the form; empty fields mean no restriction. */
export function toCustomerFilter(form: TargetingForm): CustomerFilter {
  const filter: CustomerFilter = {}
  if (form.members.length) filter.members = [...form.members]
  if (form.tagIds.length) filter.tags = { mode: form.tagMode, ids: [...form.tagIds] }
  if (form.excludeTagIds.length) filter.excludeTags = [...form.excludeTagIds]
  if (form.addedRange) {
    filter.addedFrom = form.addedRange[0]
    filter.addedTo = form.addedRange[1]
  }
  if (form.genders.length) filter.genders = [...form.genders].sort()
  return filter
}

/**
 * The draft's `targeting` (the contract's `Targeting`) for the chat type: customers go with
 * `single`, groups with `group`. Unfinished parts (no sender yet, an empty list) are kept as they
 * are; the core names them as problems in the send preview.
 */
export function toTargeting(chatType: ChatType, form: TargetingForm): Record<string, unknown> {
  if (chatType === 'group') {
    return form.groupMode === 'groups'
      ? { mode: 'groups', chatIds: [...form.chatIds] }
      : { mode: 'groupsByOwner', sender: form.sender }
  }
  return form.customerMode === 'customers'
    ? { mode: 'customers', externalUserids: [...form.externalUserids] }
    : { mode: 'filter', filter: toCustomerFilter(form) }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []

/** Reads a stored targeting back into the form (anything unreadable falls back to the defaults). */
export function fromTargeting(stored: Record<string, unknown> | undefined): TargetingForm {
  const form = emptyTargetingForm()
  if (!stored) return form
  switch (stored['mode']) {
    case 'customers':
      form.customerMode = 'customers'
      form.externalUserids = strings(stored['externalUserids'])
      break
    case 'groupsByOwner':
      form.groupMode = 'groupsByOwner'
      form.sender = typeof stored['sender'] === 'string' ? stored['sender'] : ''
      break
    case 'groups':
      form.groupMode = 'groups'
      form.chatIds = strings(stored['chatIds'])
      break
    default: {
      const filter = isRecord(stored['filter']) ? stored['filter'] : {}
      form.members = strings(filter['members'])
      const tags = filter['tags']
      if (isRecord(tags)) {
        form.tagIds = strings(tags['ids'])
        form.tagMode = tags['mode'] === 'and' ? 'and' : 'or'
      }
      form.excludeTagIds = strings(filter['excludeTags'])
      const from = filter['addedFrom']
      const to = filter['addedTo']
      if (typeof from === 'number' && typeof to === 'number') form.addedRange = [from, to]
      if (Array.isArray(filter['genders']))
        form.genders = filter['genders'].filter((g): g is Gender => g === 0 || g === 1 || g === 2)
    }
  }
  return form
}

const DAY_MS = 24 * 3600 * 1000

/** The picked days as the form keeps them: from the first day's 00:00 to the last day's end. */
export function dayRange(from: Date, to: Date): [number, number] {
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
  return [start(from), start(to) + DAY_MS - 1]
}

/**
 * external_userids pasted from a spreadsheet or a text: one per line, or separated by spaces,
 * commas or semicolons; blanks and repeats dropped, order kept.
 */
export function parsePastedIds(text: string): string[] {
  const ids = text
    .split(/[\s,，;；]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && part.length <= 128)
  return [...new Set(ids)]
}
