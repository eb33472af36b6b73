import type { App, BrowserWindow } from 'electron'

/**
 * One running console per user: the first launch holds the lock and every later launch only
 * brings that window forward, then quits. Returns false in a later launch, which must not open
 * the data folder, the log or a window.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'>,
  onSecondLaunch: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => onSecondLaunch())
  return true
}

/** Shows the window in front: restored if minimized, shown if hidden. False when there is none yet. */
export function bringToFront(
  win: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus'> | undefined,
): boolean {
  if (!win || win.isDestroyed()) return false
  if (win.isMinimized()) win.restore()
  if (!win.isVisible()) win.show()
  win.focus()
  return true
}
