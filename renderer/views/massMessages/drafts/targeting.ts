import type { ChatType } from '@shared/massMessages'
import {
  emptyFilterForm,
  fromCustomerFilter,
  toCustomerFilter,
  type CustomerFilterForm,
} from '../../../components/customerFilter/form'

/**
 * What the targeting panel edits: the customer filter (the form the Customers page uses too),
 * a picked list of customers, and the group part. Both the customer and the group parts are kept
 * while the user switches the chat type; only the part that matches it is saved (`toTargeting`).
 */
export interface TargetingForm extends CustomerFilterForm {
  customerMode: 'filter' | 'customers'
  /** A picked or pasted list. */
  externalUserids: string[]
  groupMode: 'groupsByOwner' | 'groups'
  /** The group owners whose groups receive it (one task each). */
  senders: string[]
  chatIds: string[]
}

export function emptyTargetingForm(): TargetingForm {
  return {
    ...emptyFilterForm(),
    customerMode: 'filter',
    externalUserids: [],
    groupMode: 'groupsByOwner',
    senders: [],
    chatIds: [],
  }
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
      : { mode: 'groupsByOwner', senders: [...form.senders] }
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
      // Drafts saved before several owners could be chosen hold one `sender`.
      form.senders = Array.isArray(stored['senders'])
        ? strings(stored['senders'])
        : typeof stored['sender'] === 'string' && stored['sender']
          ? [stored['sender']]
          : []
      break
    case 'groups':
      form.groupMode = 'groups'
      form.chatIds = strings(stored['chatIds'])
      break
    default:
      Object.assign(form, fromCustomerFilter(isRecord(stored['filter']) ? stored['filter'] : {}))
  }
  return form
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
