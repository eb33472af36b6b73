import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { rotatedLogFile } from '../../../electron/core/log'
import { captureCrashes, createMainLog } from '../../../electron/main/logging'
import { quitAfterClose } from '../../../electron/main/lifecycle'

// electron-log/node never loads electron; the mock only proves nothing here needs it.
vi.mock('electron', () => ({}))

const folders: string[] = []
let logIds = 0
function setup(options: { maxBytes?: number } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'main-log-'))
  folders.push(root)
  const file = join(root, 'logs', 'console.log')
  return { root, file, ...createMainLog({ file, logId: `test-${++logIds}`, ...options }) }
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

const mode = (path: string) => statSync(path).mode & 0o777
const read = (file: string) => readFileSync(file, 'utf8')

describe('main-process log (core Logger in front of electron-log)', () => {
  it('writes redacted JSON lines through electron-log into a 0600 file in a 0700 folder', () => {
    const { root, file, log } = setup()
    log.redact('TopSecret_123456')
    log.info('connected with TopSecret_123456', { url: 'https://x/cgi-bin/a?access_token=TOKEN123456&b=1' })
    expect(log.file).toBe(file)
    const text = read(file)
    expect(text).not.toContain('TopSecret_123456')
    expect(text).not.toContain('TOKEN123456')
    const line = JSON.parse(text.trim()) as { level: string; msg: string; fields: { url: string } }
    expect(line).toMatchObject({ level: 'info', msg: 'connected with [redacted]' })
    expect(line.fields.url).toBe('https://x/cgi-bin/a?access_token=[redacted]&b=1')
    expect(mode(join(root, 'logs'))).toBe(0o700)
    expect(mode(file)).toBe(0o600)
  })

  it('keeps a %s or %c in a message as written (no template substitution)', () => {
    const { file, log } = setup()
    log.warn('100%c done %s', { a: '%d' })
    expect(JSON.parse(read(file).trim())).toMatchObject({ msg: '100%c done %s', fields: { a: '%d' } })
  })

  it('rotates at the size cap and keeps exactly one old file, also 0600', () => {
    const { file, log } = setup({ maxBytes: 4096 })
    for (let i = 0; i < 200; i++) log.info(`line ${i}`, { padding: 'y'.repeat(60) })
    const old = rotatedLogFile(file)
    expect(existsSync(old)).toBe(true)
    expect(statSync(file).size).toBeLessThanOrEqual(4096 + 200)
    expect(statSync(old).size).toBeLessThanOrEqual(4096 + 200)
    expect(mode(old)).toBe(0o600)
    expect(mode(file)).toBe(0o600)
    expect(read(file).trim().split('\n').at(-1)).toContain('line 199')
  })

  it('counts a line electron-log could not write, and never throws', () => {
    const { root, file, log } = setup()
    log.info('first')
    rmSync(join(root, 'logs'), { recursive: true })
    writeFileSync(join(root, 'logs'), 'a file where the folder was')
    expect(() => log.error('lost')).not.toThrow()
    expect(log.droppedLines).toBe(1)
    expect(existsSync(file)).toBe(false)
  })
})

describe('crash capture', () => {
  it('logs uncaught exceptions and unhandled rejections redacted, with no dialog', () => {
    const { file, log, electronLog } = setup()
    log.redact('TopSecret_123456')
    const before = {
      exception: process.listeners('uncaughtException'),
      rejection: process.listeners('unhandledRejection'),
    }
    const stop = captureCrashes(log, electronLog)
    try {
      const onException = process.listeners('uncaughtException').filter((l) => !before.exception.includes(l))
      const onRejection = process.listeners('unhandledRejection').filter((l) => !before.rejection.includes(l))
      expect(onException).toHaveLength(1)
      expect(onRejection).toHaveLength(1)
      // Called directly: emitting on `process` would also reach the test runner's own handlers.
      onException[0]!(new Error('crashed with secret TopSecret_123456'), 'uncaughtException')
      ;(onRejection[0] as (reason: unknown) => void)(new Error('rejected ?access_token=abcdefgh'))
    } finally {
      stop()
    }
    const text = read(file)
    expect(text).not.toContain('TopSecret_123456')
    expect(text).not.toContain('abcdefgh')
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; msg: string; fields: { error: { message: string } } })
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['error', 'uncaught exception'],
      ['error', 'unhandled rejection'],
    ])
    expect(lines[0]!.fields.error.message).toBe('crashed with secret [redacted]')
    expect(process.listeners('uncaughtException')).toEqual(before.exception)
  })
})

describe('quit sequence', () => {
  const quietLog = () => ({ debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn(), redact: vi.fn() })

  it('holds the quit until the core has closed, closes it once, then exits', async () => {
    let finishClose!: () => void
    const close = vi.fn(() => new Promise<void>((resolve) => (finishClose = resolve)))
    const app = { exit: vi.fn() }
    const onBeforeQuit = quitAfterClose(app, close, quietLog())
    const first = { preventDefault: vi.fn() }
    const second = { preventDefault: vi.fn() }
    onBeforeQuit(first)
    onBeforeQuit(second)
    expect(first.preventDefault).toHaveBeenCalled()
    expect(second.preventDefault).toHaveBeenCalled()
    await Promise.resolve()
    expect(app.exit).not.toHaveBeenCalled()
    finishClose()
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0))
    expect(close).toHaveBeenCalledTimes(1)
  })

  it('exits even when closing fails or hangs, and logs why', async () => {
    const log = quietLog()
    const app = { exit: vi.fn() }
    quitAfterClose(app, async () => Promise.reject(new Error('db locked')), log)({ preventDefault: vi.fn() })
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledTimes(1))
    expect(log.error).toHaveBeenCalledWith('core did not close cleanly', expect.anything())

    const hung = { exit: vi.fn() }
    quitAfterClose(hung, () => new Promise<void>(() => undefined), log, 20)({ preventDefault: vi.fn() })
    await vi.waitFor(() => expect(hung.exit).toHaveBeenCalledTimes(1))
    expect(log.warn).toHaveBeenCalledWith('core did not close in time; quitting anyway', { timeoutMs: 20 })
  })
})
