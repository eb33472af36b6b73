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
function appCore(settings: (dir: string) => SettingsStore, logFile?: string) {
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
    app: appHandlers(ctx, { version: '1.0.0', shell: 'browser', secretProtection: 'plain-text', setLocale }),
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
