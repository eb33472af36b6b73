import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EventEmitter } from 'node:events'
import { catchProcessErrors, createLogger, redact, rotatedLogFile } from '../../../electron/core/log'

const folders: string[] = []
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'core-log-'))
  folders.push(folder)
  return folder
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function lines(file: string): Array<{ level: string; msg: string; fields: Record<string, unknown> }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { level: string; msg: string; fields: Record<string, unknown> })
}

const mode = (path: string) => statSync(path).mode & 0o777

describe('core logger', () => {
  it('masks registered secrets, access_token / corpsecret queries and secret-looking fields', () => {
    const file = join(tempFolder(), 'logs', 'console.log')
    const log = createLogger({ file })
    log.redact('S3cretValue-123')
    log.info('calling https://x/cgi-bin/gettoken?corpid=ww1&corpsecret=abc123 with S3cretValue-123', {
      url: 'https://x/cgi-bin/user/list?access_token=TOKEN_VALUE_1&userid=a',
      secret: 'plain',
      nested: { accessToken: 'tok-value' },
      error: new Error('failed with S3cretValue-123', { cause: Object.assign(new Error('disk'), { code: 'ENOSPC' }) }),
    })
    const text = readFileSync(file, 'utf8')
    for (const leaked of ['S3cretValue-123', 'abc123', 'TOKEN_VALUE_1', 'plain', 'tok-value']) {
      expect(text).not.toContain(leaked)
    }
    const [line] = lines(file)
    expect(line!.fields['error']).toMatchObject({ message: 'failed with [redacted]', cause: { code: 'ENOSPC' } })
    expect(redact('a?access_token=xyz&b=1', [])).toBe('a?access_token=[redacted]&b=1')
  })

  it('creates its folder 0700 and the file 0600, and tightens a file left readable by others', () => {
    const root = tempFolder()
    const file = join(root, 'logs', 'console.log')
    createLogger({ file }).info('first')
    expect(mode(join(root, 'logs'))).toBe(0o700)
    expect(mode(file)).toBe(0o600)

    const old = join(root, 'old', 'console.log')
    mkdirSync(join(root, 'old'))
    writeFileSync(old, '')
    chmodSync(old, 0o644)
    createLogger({ file: old }).info('again')
    expect(mode(old)).toBe(0o600)
  })

  it('never throws when the file cannot be written: counts the lost lines and reports them later', () => {
    const root = tempFolder()
    // A file where the log folder should be: every write fails with ENOTDIR (root ignores EACCES).
    writeFileSync(join(root, 'logs'), 'not a folder')
    const file = join(root, 'logs', 'console.log')
    let now = 1_000_000
    const log = createLogger({ file, now: () => now, retryAfterMs: 1000 })
    expect(() => {
      log.info('one')
      log.error('two', { error: new Error('x') })
      log.warn('three')
    }).not.toThrow()
    expect(log.droppedLines).toBe(3)

    rmSync(join(root, 'logs'))
    log.info('too soon: still within the retry pause')
    expect(existsSync(file)).toBe(false)
    expect(log.droppedLines).toBe(4)

    now += 1000
    log.info('back')
    expect(lines(file).map((l) => [l.msg, l.fields])).toEqual([
      ['log lines dropped', { dropped: 4 }],
      ['back', {}],
    ])
    expect(log.droppedLines).toBe(0)
    expect(log.totalDroppedLines).toBe(4)
  })

  it('rotates past maxBytes and keeps exactly one old file', () => {
    const file = join(tempFolder(), 'console.log')
    const log = createLogger({ file, maxBytes: 2000 })
    for (let i = 0; i < 100; i++) log.info(`line ${i}`, { padding: 'x'.repeat(40) })
    expect(statSync(file).size).toBeLessThanOrEqual(2000)
    expect(statSync(rotatedLogFile(file)).size).toBeLessThanOrEqual(2000)
    expect(mode(rotatedLogFile(file))).toBe(0o600)
    expect(lines(file).at(-1)!.msg).toBe('line 99')
    expect(rotatedLogFile(file)).toBe(file.replace(/console\.log$/, 'console.old.log'))
  })

  it('never throws on fields JSON cannot hold, nor when a sink or the console fails', () => {
    const received: string[] = []
    let failing = false
    const log = createLogger({
      sink: (_level, line) => {
        if (failing) throw new Error('sink down')
        received.push(line)
      },
    })
    const circular: Record<string, unknown> = { a: 1 }
    circular['self'] = circular
    log.info('odd fields', { circular, big: 10n ** 20n })
    expect(JSON.parse(received[0]!).fields).toEqual({
      circular: { a: 1, self: '[circular]' },
      big: '100000000000000000000',
    })
    failing = true
    expect(() => log.error('lost')).not.toThrow()
    expect(log.droppedLines).toBe(1)
  })
})

describe('process error capture for the browser shell', () => {
  it('logs uncaught exceptions and unhandled rejections redacted, and stops on request', () => {
    const file = join(tempFolder(), 'console.log')
    const log = createLogger({ file })
    log.redact('TopSecret_123456')
    const fakeProcess = new EventEmitter()
    const stop = catchProcessErrors(log, fakeProcess as unknown as NodeJS.Process)
    fakeProcess.emit('uncaughtException', new Error('boom TopSecret_123456'))
    fakeProcess.emit('unhandledRejection', 'rejected ?access_token=abcdefgh')
    stop()
    expect(fakeProcess.listenerCount('uncaughtException')).toBe(0)
    expect(fakeProcess.listenerCount('unhandledRejection')).toBe(0)
    const text = readFileSync(file, 'utf8')
    expect(text).not.toMatch(/TopSecret_123456|abcdefgh/)
    expect(lines(file).map((l) => l.msg)).toEqual(['uncaught exception', 'unhandled rejection'])
  })
})
