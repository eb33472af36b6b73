import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { contract } from '../../../shared/contract'
import { launchBrowserShell, openFolderWithOs } from '../../../electron/browser/launch'
import { createDispatcher } from '../../../electron/core/api/dispatch'
import { appHandlers, type FolderOpener } from '../../../electron/core/api/handlers/app'
import { createCoreContext } from '../../../electron/core/context'
import { createLogger } from '../../../electron/core/log'
import { JsonFileSettings } from '../../../electron/core/store/settings'
import { LocalFileVault } from '../../../electron/core/store/vault'
import { fakeRendererDir } from '../browser/support'

const folders: string[] = []
const originalPath = process.env['PATH']
afterEach(() => {
  process.env['PATH'] = originalPath
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'open-log-folder-'))
  folders.push(dir)
  return dir
}

/** The `app` domain behind the real dispatcher, logging to `<dir>/logs/console.log` unless `logFile` is false. */
function appCore(options: { folders?: FolderOpener; logFile?: boolean; locale?: 'en' }) {
  const dir = tempDir()
  const log = createLogger(options.logFile === false ? {} : { file: join(dir, 'logs', 'console.log') })
  const settings = new JsonFileSettings(join(dir, 'settings.json'))
  if (options.locale) settings.set('locale', options.locale)
  const { ctx, setLocale } = createCoreContext({
    dataDir: dir,
    settings,
    vault: new LocalFileVault(dir),
    log,
    sandbox: async () => ({ url: 'http://127.0.0.1:1', corpid: 'wwsandbox', secret: 'sandbox-secret' }),
  })
  const handlers = {
    app: appHandlers(ctx, {
      version: '1.0.0',
      shell: 'browser',
      secretProtection: 'plain-text',
      setLocale,
      ...(options.folders ? { folders: options.folders } : {}),
    }),
  }
  return { dir, invoke: createDispatcher({ app: contract.app }, handlers, { locale: ctx.locale, log }) }
}

/** A stand-in `xdg-open` first on PATH that records its argument and exits with `code`. */
function fakeOpener(code: number): { calls: () => string[] } {
  const bin = tempDir()
  const record = join(bin, 'calls.txt')
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" >> "${record}"\nexit ${code}\n`)
  chmodSync(join(bin, 'xdg-open'), 0o755)
  process.env['PATH'] = `${bin}:${originalPath}`
  return {
    calls: () => {
      try {
        return readFileSync(record, 'utf8').trim().split('\n')
      } catch {
        return []
      }
    },
  }
}

describe('app:openLogFolder', () => {
  it('opens the log file’s folder through the shell’s opener and answers it', async () => {
    const open = vi.fn(async () => undefined)
    const { invoke, dir } = appCore({ folders: { open } })
    expect(await invoke('app:openLogFolder', undefined)).toEqual({ ok: true, data: { folder: join(dir, 'logs') } })
    expect(open).toHaveBeenCalledWith(join(dir, 'logs'))
  })

  it('says the folder did not open, with its path to open by hand', async () => {
    const { invoke, dir } = appCore({
      folders: { open: async () => Promise.reject(new Error('No application is registered')) },
      locale: 'en',
    })
    expect(await invoke('app:openLogFolder', undefined)).toEqual({
      ok: false,
      error: {
        code: 'open_folder_failed',
        message: 'The log folder could not be opened.',
        hint: `Copy the path and open it in your file manager: ${join(dir, 'logs')}`,
      },
    })
  })

  it('without an opener, says to copy the path', async () => {
    const { invoke } = appCore({})
    const result = await invoke('app:openLogFolder', undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'open_folder_unavailable' } })
    expect(!result.ok && result.error.message).toBe('这里不能直接打开文件夹。请复制日志路径，在文件管理器中打开。')
  })

  it('without a log file, has no folder to open', async () => {
    const { invoke } = appCore({ folders: { open: async () => undefined }, logFile: false })
    expect(await invoke('app:openLogFolder', undefined)).toMatchObject({ ok: false, error: { code: 'no_log_file' } })
  })
})

describe.skipIf(process.platform === 'win32')('the browser shell’s folder opener (the OS opener)', () => {
  it('runs xdg-open on Linux with the folder, and settles when it exits 0', async () => {
    const opener = fakeOpener(0)
    await openFolderWithOs('/data/logs', 'linux')
    expect(opener.calls()).toEqual(['/data/logs'])
  })

  it('rejects when the opener fails or is missing', async () => {
    fakeOpener(3) // xdg-open: "no method available for opening"
    await expect(openFolderWithOs('/data/logs', 'linux')).rejects.toThrow('xdg-open exited with code 3')
    process.env['PATH'] = tempDir()
    await expect(openFolderWithOs('/data/logs', 'linux')).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it.runIf(process.platform === 'linux')('is what the browser shell’s core opens the log folder with', async () => {
    const opener = fakeOpener(0)
    const dataDir = tempDir()
    const shell = await launchBrowserShell({
      dataDir,
      rendererDir: fakeRendererDir(),
      sandbox: { customers: 0, members: 1, groups: 0 },
    })
    try {
      expect(await shell.core.invoke('app:openLogFolder', undefined)).toEqual({
        ok: true,
        data: { folder: join(dataDir, 'logs') },
      })
      expect(opener.calls()).toEqual([join(dataDir, 'logs')])
    } finally {
      await shell.close()
    }
  })
})
