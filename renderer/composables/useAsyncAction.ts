import type { ApiError } from '@shared/result'
import { ref, type Ref } from 'vue'
import { showApiError, toApiError } from './useApiError'

export interface AsyncActionOptions {
  /** Also show a failure as a toast with its hint (`showApiError`). */
  toast?: boolean
  /** Keep the last error while running again and clear it only once a run succeeds (no flicker on reloads). */
  keepError?: boolean
}

/**
 * A busy flag and the last error of an action: `run` sets `running` while the action is under way
 * and catches a failure into `error` (as `toApiError` reads it); it never throws.
 */
export function useAsyncAction(options: AsyncActionOptions = {}): {
  running: Ref<boolean>
  error: Ref<ApiError | undefined>
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>
} {
  const running = ref(false)
  const error = ref<ApiError>()

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    running.value = true
    if (!options.keepError) error.value = undefined
    try {
      const result = await action()
      if (options.keepError) error.value = undefined
      return result
    } catch (failure) {
      error.value = options.toast ? showApiError(failure) : toApiError(failure)
      return undefined
    } finally {
      running.value = false
    }
  }

  return { running, error, run }
}
