import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { UpdateState } from '../../../shared/contract'
import {
  classifyUpdateError,
  createDesktopUpdater,
  DAY_MS,
  plainReleaseNotes,
  RELEASE_NOTES_MAX,
  START_DELAY_MS,
  updateUnavailableReason,
  type Updater,
} from '../../../electron/main/updater'
import { createLogger } from '../../../electron/core/log'

/** electron-updater's AppUpdater as far as the console drives it: each step scripted by the test. */
class FakeUpdater extends EventEmitter {
  autoDownload = true
  autoInstallOnAppQuit = true
  allowDowngrade = true
  logger: unknown = null
  checkResult: () => Promise<unknown> = async () => ({ isUpdateAvailable: false, updateInfo: info('1.0.0') })
  downloadResult: () => Promise<string[]> = async () => {
    this.emit('download-progress', { percent: 50, transferred: 50, total: 100, bytesPerSecond: 10 })
    this.emit('update-downloaded', info('1.1.0'))
    return ['/tmp/update.exe']
  }
  quitAndInstall = vi.fn()
  checkForUpdates = vi.fn(() => this.checkResult())
  downloadUpdate = vi.fn(() => this.downloadResult())
}

function info(version: string, releaseNotes?: string) {
  return { version, releaseDate: '2026-12-01T00:00:00.000Z', files: [], path: '', sha512: '', releaseNotes }
}

const available =
  (version = '1.1.0', notes?: string) =>
  async () => ({
    isUpdateAvailable: true,
    updateInfo: info(version, notes),
  })

/** An electron-updater error as it throws them: a message and a code. */
function updaterError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code })
}

function setup(
  options: { reason?: 'development' | 'no-feed'; stored?: Record<string, unknown>; now?: () => number } = {},
) {
  const fake = new FakeUpdater()
  const values = new Map<string, unknown>(Object.entries(options.stored ?? {}))
  const store = { get: (k: string) => values.get(k), set: vi.fn((k: string, v: unknown) => void values.set(k, v)) }
  const scheduled: Array<{ fn: () => void; ms: number }> = []
  const onFound = vi.fn()
  const updater = createDesktopUpdater({
    updater: () => fake as unknown as Updater,
    currentVersion: '1.0.0',
    ...(options.reason ? { unavailableReason: options.reason } : {}),
    store,
    log: createLogger(),
    onFound,
    now: options.now ?? (() => 1_000_000),
    timers: {
      set: (fn, ms) => scheduled.push({ fn, ms }),
      clear: () => undefined,
    },
  })
  const seen: UpdateState[] = []
  updater.subscribe((s) => seen.push(structuredClone(s)))
  return { fake, updater, values, store, scheduled, onFound, seen }
}

describe('desktop updater', () => {
  it('never downloads or installs by itself', () => {
    const { fake } = setup()
    expect(fake.autoDownload).toBe(false)
    expect(fake.autoInstallOnAppQuit).toBe(false)
    expect(fake.allowDowngrade).toBe(false)
  })

  it('checks, finds a version with its notes, downloads with progress, and installs only on request', async () => {
    const { fake, updater, seen } = setup()
    fake.checkResult = available('1.1.0', '<h2>1.1.0</h2><ul><li>Faster sync</li><li>Fixes &amp; more</li></ul>')

    const found = await updater.check()
    expect(found).toMatchObject({ status: 'available', update: { version: '1.1.0' }, lastCheckedAt: 1_000_000 })
    expect(found.update?.releaseNotes).toBe('1.1.0\n• Faster sync\n• Fixes & more')
    expect(fake.downloadUpdate).not.toHaveBeenCalled()
    expect(fake.quitAndInstall).not.toHaveBeenCalled()

    const done = await updater.download()
    expect(done.status).toBe('downloaded')
    expect(seen.map((s) => s.status)).toEqual(['checking', 'available', 'downloading', 'downloading', 'downloaded'])
    expect(seen[3]!.progress).toMatchObject({ percent: 50, transferred: 50, total: 100 })
    expect(fake.quitAndInstall).not.toHaveBeenCalled()

    const installing = await updater.install()
    expect(installing.status).toBe('installing')
    await new Promise((resolve) => setImmediate(resolve))
    expect(fake.quitAndInstall).toHaveBeenCalledWith(true, true)
  })

  it('reports a download whose checksum does not match and installs nothing', async () => {
    const { fake, updater } = setup()
    fake.checkResult = available()
    await updater.check()
    fake.downloadResult = async () => {
      fake.emit('download-progress', { percent: 100, transferred: 100, total: 100, bytesPerSecond: 10 })
      const error = updaterError('sha512 checksum mismatch, expected abc, got def', 'ERR_CHECKSUM_MISMATCH')
      fake.emit('error', error)
      throw error
    }
    const state = await updater.download()
    expect(state).toMatchObject({ status: 'error', error: { kind: 'checksum', during: 'download' } })
    expect(state.progress).toBeUndefined()
    // The version stays known, so the page can offer to download it again.
    expect(state.update?.version).toBe('1.1.0')
    await expect(updater.install()).rejects.toThrow(/no verified update/)
    expect(fake.quitAndInstall).not.toHaveBeenCalled()
  })

  it('reports an installer not signed by the publisher and installs nothing', async () => {
    const { fake, updater } = setup()
    fake.checkResult = available()
    await updater.check()
    fake.downloadResult = async () => {
      throw updaterError(
        'New version 1.1.0 is not signed by the application owner: publisherNames: X',
        'ERR_UPDATER_INVALID_SIGNATURE',
      )
    }
    expect(await updater.download()).toMatchObject({ status: 'error', error: { kind: 'signature' } })
    await expect(updater.install()).rejects.toThrow()
    expect(fake.quitAndInstall).not.toHaveBeenCalled()
    // Trying again is allowed, and a good download then installs.
    fake.downloadResult = async () => {
      fake.emit('update-downloaded', info('1.1.0'))
      return []
    }
    expect((await updater.download()).status).toBe('downloaded')
  })

  it('says when the server cannot be reached or the feed is wrong', async () => {
    const { fake, updater } = setup()
    fake.checkResult = async () => {
      throw new Error('net::ERR_INTERNET_DISCONNECTED')
    }
    expect(await updater.check()).toMatchObject({ status: 'error', error: { kind: 'offline', during: 'check' } })
    fake.checkResult = async () => {
      throw updaterError('Cannot find latest.yml in the latest release artifacts', 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND')
    }
    expect(await updater.check()).toMatchObject({ status: 'error', error: { kind: 'feed' } })
    // A failed check has nothing to download.
    expect((await updater.download()).status).toBe('error')
    expect(fake.downloadUpdate).not.toHaveBeenCalled()
  })

  it('is up to date when the feed has nothing newer', async () => {
    const { updater, values } = setup()
    expect(await updater.check()).toMatchObject({ status: 'up-to-date', lastCheckedAt: 1_000_000 })
    expect(values.get('updates.lastCheckedAt')).toBe(1_000_000)
  })

  it('runs one check at a time', async () => {
    const { fake, updater } = setup()
    let release: () => void = () => undefined
    fake.checkResult = () => new Promise((resolve) => (release = () => resolve({ isUpdateAvailable: false })))
    const first = updater.check()
    const second = updater.check()
    release()
    await Promise.all([first, second])
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(1)
  })

  it('an installer that does not start is reported', async () => {
    const { fake, updater } = setup()
    fake.checkResult = available()
    await updater.check()
    await updater.download()
    fake.quitAndInstall.mockImplementation(() => fake.emit('error', updaterError('spawn EACCES', 'EACCES')))
    await updater.install()
    await new Promise((resolve) => setImmediate(resolve))
    expect(updater.state()).toMatchObject({ status: 'error', error: { during: 'install' } })
  })

  it('a failure after the download call returned (Squirrel on macOS) is reported too', async () => {
    const { fake, updater } = setup()
    fake.checkResult = available()
    await updater.check()
    fake.downloadResult = async () => []
    expect((await updater.download()).status).toBe('downloading')
    fake.emit('error', new Error('Could not get code signature for running application'))
    expect(updater.state()).toMatchObject({ status: 'error', error: { kind: 'other', during: 'download' } })
    await expect(updater.install()).rejects.toThrow()
  })

  it('does nothing where updates are off, and says why', async () => {
    const { fake, updater, scheduled } = setup({ reason: 'no-feed' })
    expect(updater.state()).toMatchObject({ status: 'unavailable', unavailableReason: 'no-feed', autoCheck: false })
    updater.start()
    await updater.check()
    await updater.download()
    expect(scheduled).toHaveLength(0)
    expect(fake.checkForUpdates).not.toHaveBeenCalled()
    await expect(updater.install()).rejects.toThrow()
  })

  it('checks once a day at start, and tells the user once per new version', async () => {
    const { fake, updater, scheduled, onFound } = setup()
    fake.checkResult = available('1.2.0')
    updater.start()
    expect(scheduled).toEqual([{ fn: expect.any(Function), ms: START_DELAY_MS }])
    scheduled.shift()!.fn()
    await vi.waitFor(() => expect(scheduled).toHaveLength(1))
    expect(scheduled[0]!.ms).toBe(DAY_MS)
    expect(onFound).toHaveBeenCalledWith('1.2.0')
    // The next day's check finds the same version: no second notice.
    scheduled.shift()!.fn()
    await vi.waitFor(() => expect(scheduled).toHaveLength(1))
    expect(onFound).toHaveBeenCalledTimes(1)
    // Checking never downloads.
    expect(fake.downloadUpdate).not.toHaveBeenCalled()
  })

  it('waits until a day has passed since the last check before checking again at start', () => {
    const now = 10 * DAY_MS
    const { updater, scheduled } = setup({ stored: { 'updates.lastCheckedAt': now - DAY_MS / 4 }, now: () => now })
    updater.start()
    expect(scheduled[0]!.ms).toBe((3 * DAY_MS) / 4)
  })
})

describe('when updates can run', () => {
  const files =
    (...present: string[]) =>
    (path: string) =>
      present.some((p) => path.endsWith(p))
  const base = { resourcesPath: '/app/resources', env: {} }

  it('only in the packaged app, with a feed, in an install the updater can replace', () => {
    expect(
      updateUnavailableReason({ ...base, isPackaged: false, platform: 'win32', exists: files('app-update.yml') }),
    ).toBe('development')
    expect(updateUnavailableReason({ ...base, isPackaged: true, platform: 'win32', exists: files() })).toBe('no-feed')
    expect(
      updateUnavailableReason({ ...base, isPackaged: true, platform: 'win32', exists: files('app-update.yml') }),
    ).toBeUndefined()
    expect(
      updateUnavailableReason({ ...base, isPackaged: true, platform: 'linux', exists: files('app-update.yml') }),
    ).toBe('unsupported-install')
    expect(
      updateUnavailableReason({
        ...base,
        isPackaged: true,
        platform: 'linux',
        env: { APPIMAGE: '/home/u/console.AppImage' },
        exists: files('app-update.yml'),
      }),
    ).toBeUndefined()
    expect(
      updateUnavailableReason({
        ...base,
        isPackaged: true,
        platform: 'linux',
        exists: files('app-update.yml', 'package-type'),
      }),
    ).toBeUndefined()
  })
})

describe('update errors and notes', () => {
  it('sorts failures into what the page can say', () => {
    expect(classifyUpdateError(updaterError('x', 'ERR_CHECKSUM_MISMATCH'))).toBe('checksum')
    expect(classifyUpdateError(new Error('sha512 checksum mismatch, expected a, got b'))).toBe('checksum')
    expect(classifyUpdateError(updaterError('x', 'ERR_UPDATER_INVALID_SIGNATURE'))).toBe('signature')
    expect(classifyUpdateError(updaterError('no space', 'ENOSPC'))).toBe('disk')
    expect(classifyUpdateError(updaterError('getaddrinfo ENOTFOUND updates.example', 'ENOTFOUND'))).toBe('offline')
    expect(classifyUpdateError(new Error('net::ERR_NAME_NOT_RESOLVED'))).toBe('offline')
    expect(classifyUpdateError(Object.assign(new Error('404'), { statusCode: 404 }))).toBe('feed')
    expect(classifyUpdateError(new Error('something else'))).toBe('other')
  })

  it('gives release notes as plain text, never markup', () => {
    expect(plainReleaseNotes('<p>Hi<script>alert(1)</script></p><img src=x onerror=alert(1)>')).toBe('Hialert(1)')
    expect(plainReleaseNotes([{ version: '1.1.0', note: 'New' }])).toBe('1.1.0\nNew')
    expect(plainReleaseNotes(null)).toBeUndefined()
    expect(plainReleaseNotes('  ')).toBeUndefined()
    expect(plainReleaseNotes('x'.repeat(RELEASE_NOTES_MAX + 10))!.length).toBe(RELEASE_NOTES_MAX)
  })
})
