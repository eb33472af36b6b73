import type { Logger } from '../core/log'

/** The part of Electron's `app` the quit sequence uses. */
export interface QuittingApp {
  exit(code?: number): void
}

/** How long quitting waits for the core to close (an in-flight sync, the database) before exiting anyway. */
export const CLOSE_TIMEOUT_MS = 10_000

/**
 * The `before-quit` listener: the first quit is held (`preventDefault`) until the core has
 * closed (jobs stopped, databases checkpointed and closed), then the app exits. A core that fails
 * or takes longer than `timeoutMs` to close is logged and the app exits all the same; later quit
 * requests while closing are held too, so the core is closed exactly once.
 */
export function quitAfterClose(
  app: QuittingApp,
  close: () => Promise<void>,
  log: Logger,
  timeoutMs = CLOSE_TIMEOUT_MS,
): (event: { preventDefault(): void }) => void {
  let closing: Promise<void> | undefined
  return (event) => {
    event.preventDefault()
    closing ??= closeThenExit(app, close, log, timeoutMs)
  }
}

async function closeThenExit(
  app: QuittingApp,
  close: () => Promise<void>,
  log: Logger,
  timeoutMs: number,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))
    const outcome = await Promise.race([close().then(() => 'closed' as const), timeout])
    if (outcome === 'timeout') log.warn('core did not close in time; quitting anyway', { timeoutMs })
  } catch (error) {
    log.error('core did not close cleanly', { error })
  } finally {
    clearTimeout(timer)
    app.exit(0)
  }
}
