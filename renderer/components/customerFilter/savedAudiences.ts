import type { CustomerFilter, SavedAudience } from '@shared/customers'
import type { ApiError } from '@shared/result'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap } from '../../api'
import { toApiError } from '../../composables/useApiError'
import { fromCustomerFilter, toCustomerFilter, type CustomerFilterForm } from './form'

/** Saved audience names are compared like the core compares them: trimmed, Latin letters lowercased. */
export const audienceNameKey = (name: string): string => name.trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase())

/** The same filter, whatever the order its parts were written in. */
export function sameFilter(a: CustomerFilter, b: CustomerFilter): boolean {
  const canonical = (filter: CustomerFilter) =>
    JSON.stringify(Object.entries(filter).sort(([x], [y]) => (x < y ? -1 : 1)))
  return canonical(a) === canonical(b)
}

/** The saved audience whose filter the form holds now, if any. */
export function audienceOfForm(
  audiences: readonly SavedAudience[],
  form: CustomerFilterForm,
): SavedAudience | undefined {
  const filter = toCustomerFilter(form)
  return audiences.find((audience) => sameFilter(audience.filter, filter))
}

/** Fills the form's filter fields with the audience's filter (a composer's other fields stay). */
export function applyAudience(form: CustomerFilterForm, audience: SavedAudience): void {
  Object.assign(form, fromCustomerFilter(audience.filter))
}

/**
 * Saved audiences: customer filters kept under a name in the workspace, shared by the composer's
 * targeting and the Customers filter bar (one list, so a name saved in one shows in the other).
 */
export const useSavedAudiencesStore = defineStore('customers/savedAudiences', () => {
  const audiences = ref<SavedAudience[]>([])
  const loaded = ref(false)
  const error = ref<ApiError>()

  const byName = (list: SavedAudience[]) =>
    [...list].sort((a, b) => audienceNameKey(a.name).localeCompare(audienceNameKey(b.name)))

  async function load(): Promise<void> {
    try {
      audiences.value = byName(await unwrap(api().customers.listAudiences()))
      error.value = undefined
      loaded.value = true
    } catch (failure) {
      error.value = toApiError(failure)
    }
  }

  /** Saves the filter under `name`; the core refuses a taken, empty or too long name. */
  async function save(name: string, filter: CustomerFilter): Promise<SavedAudience> {
    const saved = await unwrap(api().customers.saveAudience({ name, filter }))
    audiences.value = byName([...audiences.value.filter((a) => a.id !== saved.id), saved])
    return saved
  }

  async function remove(id: string): Promise<void> {
    await unwrap(api().customers.removeAudience({ id }))
    audiences.value = audiences.value.filter((a) => a.id !== id)
  }

  /** The audience already holding this name (any letter case), if any. */
  const named = (name: string) => audiences.value.find((a) => audienceNameKey(a.name) === audienceNameKey(name))

  return { audiences, loaded, error, load, save, remove, named }
})
