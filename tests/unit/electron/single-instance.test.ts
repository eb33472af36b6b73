import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { bringToFront, claimSingleInstance } from '../../../electron/main/singleInstance'

type App = Parameters<typeof claimSingleInstance>[0]

class FakeApp extends EventEmitter {
  constructor(private readonly gotLock: boolean) {
    super()
  }
  requestSingleInstanceLock = vi.fn(() => this.gotLock)
  quit = vi.fn()
}

function fakeWindow(state: { minimized?: boolean; visible?: boolean; destroyed?: boolean } = {}) {
  return {
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized ?? false,
    isVisible: () => state.visible ?? true,
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  }
}

describe('single instance', () => {
  it('a second launch quits at once and starts nothing', () => {
    const app = new FakeApp(false)
    const onSecond = vi.fn()
    expect(claimSingleInstance(app as unknown as App, onSecond)).toBe(false)
    expect(app.quit).toHaveBeenCalledOnce()
    expect(app.listenerCount('second-instance')).toBe(0)
  })

  it('the first instance brings its window forward when another launch happens', () => {
    const app = new FakeApp(true)
    const win = fakeWindow({ minimized: true, visible: false })
    expect(claimSingleInstance(app as unknown as App, () => bringToFront(win))).toBe(true)
    expect(app.quit).not.toHaveBeenCalled()
    app.emit('second-instance', {}, ['console.exe'], '/')
    expect(win.restore).toHaveBeenCalledOnce()
    expect(win.show).toHaveBeenCalledOnce()
    expect(win.focus).toHaveBeenCalledOnce()
  })

  it('bringing forward without a window yet does nothing (the window opens when ready)', () => {
    expect(bringToFront(undefined)).toBe(false)
    const gone = fakeWindow({ destroyed: true })
    expect(bringToFront(gone)).toBe(false)
    expect(gone.focus).not.toHaveBeenCalled()
  })
})
