/** A list bound as one JSON array parameter and read back with `json_each`, however long it is. */
export const JSON_LIST = '(SELECT value FROM json_each(?))'

/** Binds a list as the single parameter `JSON_LIST` expects. */
export function jsonList(values: readonly (string | number)[]): string {
  return JSON.stringify(values)
}
