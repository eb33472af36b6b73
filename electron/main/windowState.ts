import type { BrowserWindow, Rectangle } from 'electron'

/** The window's size, position and maximized state as kept between runs (electron-store). */
export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export const DEFAULT_WINDOW = { width: 1280, height: 820 } as const
export const MIN_WINDOW = { width: 960, height: 600 } as const
/** At least this much of the title bar must lie on a screen for a saved position to be used. */
const VISIBLE = { width: 120, height: 40 } as const
const SAVE_DELAY_MS = 500

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/**
 * The bounds to open the window with: the saved ones when they still fit a screen (a monitor may
 * have been unplugged or its resolution changed since), else the default size, centred by Electron.
 * Sizes are kept between the minimum and the largest work area.
 */
export function restoreWindowState(saved: unknown, workAreas: Rectangle[]): WindowState {
  const fallback: WindowState = { ...DEFAULT_WINDOW, maximized: false }
  if (!saved || typeof saved !== 'object') return fallback
  const s = saved as Record<string, unknown>
  if (!isInt(s['width']) || !isInt(s['height'])) return fallback
  const maxWidth = Math.max(MIN_WINDOW.width, ...workAreas.map((a) => a.width))
  const maxHeight = Math.max(MIN_WINDOW.height, ...workAreas.map((a) => a.height))
  const width = Math.round(Math.min(maxWidth, Math.max(MIN_WINDOW.width, s['width'])))
  const height = Math.round(Math.min(maxHeight, Math.max(MIN_WINDOW.height, s['height'])))
  const state: WindowState = { width, height, maximized: s['maximized'] === true }
  if (isInt(s['x']) && isInt(s['y'])) {
    const x = Math.round(s['x'])
    const y = Math.round(s['y'])
    // The top strip (where the title bar is) must be visible on some screen to be dragged.
    const onScreen = workAreas.some(
      (a) =>
        Math.min(x + width, a.x + a.width) - Math.max(x, a.x) >= VISIBLE.width &&
        Math.min(y + VISIBLE.height, a.y + a.height) - Math.max(y, a.y) >= VISIBLE.height &&
        y >= a.y - VISIBLE.height / 2,
    )
    if (onScreen) Object.assign(state, { x, y })
  }
  return state
}

/** The part of BrowserWindow that state tracking uses. */
export type TrackedWindow = Pick<
  BrowserWindow,
  'on' | 'isMaximized' | 'isMinimized' | 'isFullScreen' | 'getNormalBounds'
>

/**
 * Saves the window's normal (unmaximized) bounds and maximized state shortly after it is moved,
 * resized, maximized or restored, and at once when it closes. Returns a function that saves now.
 */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout },
): () => void {
  let pending: ReturnType<typeof setTimeout> | undefined
  const saveNow = () => {
    if (pending !== undefined) timers.clear(pending)
    pending = undefined
    try {
      // A minimized or full-screen window keeps the bounds it had before.
      if (win.isMinimized() || win.isFullScreen()) return
      const { x, y, width, height } = win.getNormalBounds()
      save({ x, y, width, height, maximized: win.isMaximized() })
    } catch {
      // the window is already destroyed, or the store cannot write: keep the last saved state
    }
  }
  const later = () => {
    if (pending !== undefined) timers.clear(pending)
    pending = timers.set(saveNow, SAVE_DELAY_MS)
  }
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', later)
  win.on('close', saveNow)
  return saveNow
}
