import type { App } from 'vue'
import { ERROR_REPORT_LIMITS, type ErrorReport } from '@shared/contract'

export interface ErrorReporterOptions {
  /** Reports sent in any 60-second window; the rest are counted and mentioned in the next one. Default 20. */
  maxPerMinute?: number
  now?: () => number
}

const MINUTE_MS = 60_000

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value
}

/** Message and stack of anything thrown (an Error, a string, a rejected non-error value). */
function describe(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error)
    return { message: `${error.name}: ${error.message}`, ...(error.stack ? { stack: error.stack } : {}) }
  if (typeof error === 'string') return { message: error }
  try {
    return { message: JSON.stringify(error) ?? String(error) }
  } catch {
    return { message: String(error) }
  }
}

/**
 * Sends renderer errors to the core's log (`app:reportError`), at most `maxPerMinute` a minute so
 * an error loop cannot flood the log; reports over the limit are counted and the next report says
 * how many were dropped. Never throws, and a failing send is not reported again.
 */
export function createErrorReporter(
  send: (report: ErrorReport) => Promise<unknown>,
  options: ErrorReporterOptions = {},
): (error: unknown, source: string, info?: string) => void {
  const maxPerMinute = options.maxPerMinute ?? 20
  const now = options.now ?? Date.now
  const sentAt: number[] = []
  let dropped = 0

  return (error, source, info) => {
    try {
      const at = now()
      while (sentAt.length > 0 && at - sentAt[0]! >= MINUTE_MS) sentAt.shift()
      if (sentAt.length >= maxPerMinute) {
        dropped++
        return
      }
      sentAt.push(at)
      const { message, stack } = describe(error)
      const notes = [info, dropped > 0 ? `${dropped} earlier reports dropped by the rate limit` : undefined]
        .filter(Boolean)
        .join('; ')
      dropped = 0
      const report: ErrorReport = {
        message: clip(message || '(no message)', ERROR_REPORT_LIMITS.message),
        source: clip(source, ERROR_REPORT_LIMITS.source),
        ...(stack ? { stack: clip(stack, ERROR_REPORT_LIMITS.stack) } : {}),
        ...(notes ? { info: clip(notes, ERROR_REPORT_LIMITS.info) } : {}),
      }
      void send(report).catch(() => undefined)
    } catch {
      // reporting is best effort: never a second error from the error path
    }
  }
}

/**
 * Routes the app's uncaught errors to `report`: Vue's errorHandler (render, watchers, lifecycle
 * hooks, event handlers), and the window's `error` and `unhandledrejection` events. Errors are
 * still printed to the console for developers.
 */
export function installErrorReporting(
  app: App,
  report: (error: unknown, source: string, info?: string) => void,
  target: Pick<Window, 'addEventListener'> = window,
): void {
  app.config.errorHandler = (error, _instance, info) => {
    report(error, 'vue', info)
    console.error(error)
  }
  target.addEventListener('error', (event) => {
    const where = event.filename ? `${event.filename}:${event.lineno}:${event.colno}` : undefined
    report(event.error ?? event.message, 'window', where)
  })
  target.addEventListener('unhandledrejection', (event) => report(event.reason, 'unhandledrejection'))
}
