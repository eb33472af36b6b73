/** How long typing may pause before a save, and how long a change may wait at most. */
const AUTOSAVE_WAIT_MS = 300
const AUTOSAVE_MAX_WAIT_MS = 1000

export interface AutosaveOptions {
  /** Writes the current state; throws when it could not. */
  save: () => Promise<void>
  wait?: number
  maxWait?: number
  onError?: (error: unknown) => void
}

export interface Autosave {
  /** Call on every change. */
  schedule(): void
  /** Saves now what is not saved yet, and waits for any save in flight. */
  flush(): Promise<void>
  /** Forgets unsaved changes and any planned save (a save in flight still finishes). */
  cancel(): void
  /** True while something is changed but not saved yet, or a save is in flight. */
  readonly pending: boolean
}

/**
 * Debounced saving with a maximum wait: a save runs once typing pauses for `wait` ms, and at the
 * latest `maxWait` ms after the first unsaved change, so continuous typing never leaves more than
 * about a second unsaved. Saves never overlap (each one carries the revision the previous one
 * returned); a change made during a save is saved right after it.
 */
export function createAutosave({
  save,
  wait = AUTOSAVE_WAIT_MS,
  maxWait = AUTOSAVE_MAX_WAIT_MS,
  onError,
}: AutosaveOptions): Autosave {
  let timer: ReturnType<typeof setTimeout> | undefined
  let firstUnsavedAt: number | undefined
  let running: Promise<void> | undefined
  let dirty = false

  function clearTimer(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }

  async function run(): Promise<void> {
    while (running) await running.catch(() => undefined)
    if (!dirty) return
    dirty = false
    firstUnsavedAt = undefined
    const attempt = save()
    running = attempt
    try {
      await attempt
    } catch (error) {
      dirty = true
      onError?.(error)
    } finally {
      if (running === attempt) running = undefined
    }
  }

  function schedule(): void {
    dirty = true
    const now = Date.now()
    firstUnsavedAt ??= now
    clearTimer()
    const delay = Math.max(0, Math.min(wait, firstUnsavedAt + maxWait - now))
    timer = setTimeout(() => {
      timer = undefined
      void run()
    }, delay)
  }

  async function flush(): Promise<void> {
    clearTimer()
    await run()
  }

  function cancel(): void {
    clearTimer()
    dirty = false
    firstUnsavedAt = undefined
  }

  return {
    schedule,
    flush,
    cancel,
    get pending() {
      return dirty || running !== undefined || timer !== undefined
    },
  }
}

/**
 * Saves at once, without waiting for the debounce, whenever the page may go away: it is hidden
 * (another app in front, a minimized window, a switched tab: the last moment a page is sure to
 * run), unloaded (`pagehide`), or about to close (`beforeunload`). When no save is in flight, the
 * save's call leaves before the handler returns, so it reaches the core even as the window closes.
 * Returns the function that removes the listeners.
 */
export function flushWhenHidden(autosave: Pick<Autosave, 'flush'>, view: Window = window): () => void {
  const flush = () => void autosave.flush()
  const onVisibility = () => {
    if (view.document.visibilityState === 'hidden') flush()
  }
  view.document.addEventListener('visibilitychange', onVisibility)
  view.addEventListener('pagehide', flush)
  view.addEventListener('beforeunload', flush)
  return () => {
    view.document.removeEventListener('visibilitychange', onVisibility)
    view.removeEventListener('pagehide', flush)
    view.removeEventListener('beforeunload', flush)
  }
}
