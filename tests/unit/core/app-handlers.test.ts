import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { contract } from '../../../shared/contract'
import { createDispatcher } from '../../../electron/core/api/dispatch'
import { appHandlers } from '../../../electron/core/api/handlers/app'
import { createCoreContext } from '../../../electron/core/context'
import { createLogger } from '../../../electron/core/log'
import { JsonFileSettings, type SettingsStore } from '../../../electron/core/store/settings'
import { LocalFileVault } from '../../../electron/core/store/vault'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** The `app` domain of a core over `settings`, behind the real dispatcher. */
function appCore(settings: (dir: string) => SettingsStore, logFile?: string, now?: () => number) {
  const dir = mkdtempSync(join(tmpdir(), 'app-handlers-'))
  folders.push(dir)
  const log = createLogger(logFile ? { file: join(dir, logFile) } : {})
  const { ctx, setLocale, close } = createCoreContext({
    dataDir: dir,
    settings: settings(dir),
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
      ...(now ? { now } : {}),
    }),
  }
  const invoke = createDispatcher({ app: contract.app }, handlers, { locale: ctx.locale, log })
  return { dir, ctx, invoke, close, log }
}

/** A settings store whose writes fail with `error` while `failing` is set. */
function failingSettings(error: () => Error) {
  const values = new Map<string, unknown>()
  const store = {
    failing: true,
    get: (key: string) => values.get(key),
    set: (key: string, value: unknown) => {
      if (store.failing) throw error()
      values.set(key, value)
    },
    delete: (key: string) => void values.delete(key),
  }
  return store
}

describe('app:setLocale', () => {
  it('switches the language once the setting is saved', async () => {
    const { invoke, ctx, dir } = appCore((d) => new JsonFileSettings(join(d, 'settings.json')))
    expect(await invoke('app:setLocale', { locale: 'en' })).toEqual({ ok: true, data: { locale: 'en' } })
    expect(ctx.locale()).toBe('en')
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ locale: 'en' })
  })

  it('keeps the language and answers a typed error when saving fails', async () => {
    const settings = failingSettings(() => Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }))
    const { invoke, ctx } = appCore(() => settings)
    const result = await invoke('app:setLocale', { locale: 'en' })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'settings_write_failed',
        message: '语言设置保存失败，界面语言没有改变。',
        hint: '请检查数据文件夹的磁盘空间和写入权限，然后再试。',
      },
    })
    expect(ctx.locale()).toBe('zh-CN')
    const info = await invoke('app:getInfo', undefined)
    expect(info.ok && info.data).toMatchObject({ locale: 'zh-CN' })

    settings.failing = false
    expect((await invoke('app:setLocale', { locale: 'en' })).ok).toBe(true)
    expect(ctx.locale()).toBe('en')
  })

  it('says the disk is full when that is why the setting was not saved', async () => {
    const settings = failingSettings(() => Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }))
    const { invoke, ctx } = appCore(() => settings)
    const result = await invoke('app:setLocale', { locale: 'en' })
    expect(result.ok || [result.error.code, result.error.message]).toEqual([
      'disk_full',
      expect.stringMatching(/^磁盘已满/),
    ])
    expect(ctx.locale()).toBe('zh-CN')
  })
})

describe('app:reportError', () => {
  const memory = () => {
    const values = new Map<string, unknown>()
    return {
      get: (key: string) => values.get(key),
      set: (key: string, value: unknown) => void values.set(key, value),
      delete: (key: string) => void values.delete(key),
    }
  }
  const readLines = (file: string) =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; msg: string; fields: Record<string, unknown> })

  it('writes the renderer error to the log at error level, redacted', async () => {
    const { invoke, dir, log } = appCore(memory, 'console.log')
    log.redact('TopSecret_123456')
    const result = await invoke('app:reportError', {
      message: 'TypeError: x is undefined (TopSecret_123456)',
      stack: 'at fetch (app://console/assets/index.js:1:2) ?access_token=abcdefgh',
      source: 'vue',
      info: 'render function',
    })
    expect(result.ok).toBe(true)
    const text = readFileSync(join(dir, 'console.log'), 'utf8')
    expect(text).not.toMatch(/TopSecret_123456|abcdefgh/)
    const lines = readLines(join(dir, 'console.log')).filter((l) => l.msg === 'renderer error')
    expect(lines).toEqual([
      {
        at: expect.any(String),
        level: 'error',
        msg: 'renderer error',
        fields: {
          source: 'vue',
          message: 'TypeError: x is undefined ([redacted])',
          stack: 'at fetch (app://console/assets/index.js:1:2) ?access_token=[redacted]',
          info: 'render function',
        },
      },
    ])
  })

  it('refuses unknown fields and over-long parts (strict schema)', async () => {
    const { invoke } = appCore(memory)
    const refused = [
      { message: 'x', source: 'vue', extra: 1 },
      { message: 'm'.repeat(2001), source: 'vue' },
      { message: 'x', stack: 's'.repeat(8001), source: 'vue' },
      { message: 'x', source: 's'.repeat(101) },
      { message: '', source: 'vue' },
      { message: 'x' },
      { message: 'x', source: 'vue', info: 42 },
    ]
    for (const input of refused) {
      const result = await invoke('app:reportError', input)
      expect(result.ok || result.error.code, JSON.stringify(input).slice(0, 60)).toBe('invalid_input')
    }
    expect(
      (await invoke('app:reportError', { message: 'm'.repeat(2000), stack: 's'.repeat(8000), source: 'vue' })).ok,
    ).toBe(true)
  })

  it('keeps its own cap of 60 a minute, and says later how many it dropped', async () => {
    let now = 5_000_000
    const { invoke, dir } = appCore(memory, 'console.log', () => now)
    for (let i = 0; i < 70; i++)
      expect((await invoke('app:reportError', { message: `e${i}`, source: 'window' })).ok).toBe(true)
    now += 60_000
    await invoke('app:reportError', { message: 'later', source: 'window' })
    const lines = readLines(join(dir, 'console.log'))
    expect(lines.filter((l) => l.msg === 'renderer error')).toHaveLength(61)
    expect(lines.find((l) => l.msg === 'renderer error reports dropped')?.fields).toEqual({ dropped: 10 })
  })
})
