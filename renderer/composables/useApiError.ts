import type { ApiError } from '@shared/result'
import { ElMessage } from 'element-plus'
import { ApiCallError } from '../api'

/** Turns anything a store threw into the readable error to show (message + what to do next). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiCallError) return error.error
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}

/** Shows a failed action as a toast with its hint. */
export function showApiError(error: unknown, prefix?: string): ApiError {
  const apiError = toApiError(error)
  ElMessage({
    type: 'error',
    message: [prefix, apiError.message, apiError.hint].filter(Boolean).join(' '),
    duration: 8000,
    showClose: true,
  })
  return apiError
}
