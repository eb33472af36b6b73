import type { Api } from '@shared/contract'
import type { ApiError, Result } from '@shared/result'
import { connectBrowserShell } from './bridge/browser-shell'

let current: Api | undefined

/**
 * Resolves the contract: the preload's `window.api` in Electron, otherwise the browser shell's
 * bridge, installed as `window.api` too so both shells look the same to the page.
 */
export async function connectApi(): Promise<Api> {
  if (!window.api) window.api = await connectBrowserShell()
  current = window.api
  return current
}

/** The connected contract; stores call this, never HTTP. */
export function api(): Api {
  if (!current) throw new Error('connectApi() must run before the app mounts')
  return current
}

/** A failed contract call, carrying the localized error for display. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message)
    this.name = 'ApiCallError'
  }
}

/** Returns the data of a Result or throws an ApiCallError with its readable error. */
export async function unwrap<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result
  if (!settled.ok) throw new ApiCallError(settled.error)
  return settled.data
}
