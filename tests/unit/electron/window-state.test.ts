import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import {
  DEFAULT_WINDOW,
  MIN_WINDOW,
  restoreWindowState,
  trackWindowState,
  type TrackedWindow,
} from '../../../electron/main/windowState'

const screen = { x: 0, y: 0, width: 1920, height: 1040 }
const right = { x: 1920, y: 0, width: 1280, height: 984 }

describe('window state: restore', () => {
  it('opens where it was, the same size, maximized if it was', () => {
    expect(restoreWindowState({ x: 100, y: 80, width: 1400, height: 900, maximized: true }, [screen])).toEqual({
      x: 100,
      y: 80,
      width: 1400,
      height: 900,
      maximized: true,
    })
    expect(restoreWindowState({ x: 2000, y: 50, width: 1000, height: 700, maximized: false }, [screen, right])).toEqual(
      { x: 2000, y: 50, width: 1000, height: 700, maximized: false },
    )
  })

  it('forgets a position on a screen that is gone, keeping the size', () => {
    // The right-hand monitor was unplugged.
    expect(restoreWindowState({ x: 2000, y: 50, width: 1000, height: 700, maximized: false }, [screen])).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    })
    // Title bar above the top of the screen.
    expect(restoreWindowState({ x: 100, y: -500, width: 1000, height: 700 }, [screen])).not.toHaveProperty('x')
  })

  it('keeps the size between the minimum and the screen', () => {
    expect(restoreWindowState({ width: 200, height: 100 }, [screen])).toMatchObject(MIN_WINDOW)
    expect(restoreWindowState({ width: 5000, height: 4000 }, [screen])).toMatchObject({ width: 1920, height: 1040 })
  })

  it('falls back to the default for nothing saved or a damaged entry', () => {
    const fallback = { ...DEFAULT_WINDOW, maximized: false }
    expect(restoreWindowState(undefined, [screen])).toEqual(fallback)
    expect(restoreWindowState('nonsense', [screen])).toEqual(fallback)
    expect(restoreWindowState({ width: 'wide', height: 800 }, [screen])).toEqual(fallback)
    expect(restoreWindowState({ width: Number.NaN, height: 800 }, [screen])).toEqual(fallback)
  })
})

class FakeWindow extends EventEmitter {
  maximized = false
  minimized = false
  fullScreen = false
  normal = { x: 10, y: 20, width: 1300, height: 850 }
  isMaximized = () => this.maximized
  isMinimized = () => this.minimized
  isFullScreen = () => this.fullScreen
  getNormalBounds = () => ({ ...this.normal })
}

describe('window state: track', () => {
  it('saves the normal bounds and maximized state after a move and at close', () => {
    vi.useFakeTimers()
    try {
      const win = new FakeWindow()
      const save = vi.fn()
      trackWindowState(win as unknown as TrackedWindow, save)
      win.emit('move')
      win.emit('resize')
      expect(save).not.toHaveBeenCalled()
      vi.advanceTimersByTime(600)
      expect(save).toHaveBeenCalledTimes(1)
      expect(save).toHaveBeenLastCalledWith({ x: 10, y: 20, width: 1300, height: 850, maximized: false })
      win.maximized = true
      win.emit('maximize')
      win.emit('close')
      expect(save).toHaveBeenLastCalledWith({ x: 10, y: 20, width: 1300, height: 850, maximized: true })
    } finally {
      vi.useRealTimers()
    }
  })

  it('keeps the last bounds while minimized or full screen', () => {
    const win = new FakeWindow()
    const save = vi.fn()
    trackWindowState(win as unknown as TrackedWindow, save)
    win.minimized = true
    win.emit('close')
    win.minimized = false
    win.fullScreen = true
    win.emit('close')
    expect(save).not.toHaveBeenCalled()
  })
})
