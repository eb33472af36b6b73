import { describe, expect, it, vi } from 'vitest'
import { contract, type Handlers } from '../../../shared/contract'
import { listChannels } from '../../../shared/contract/define'
import type { Locale } from '../../../shared/result'
import { createDispatcher } from '../../../electron/core/api/dispatch'
import { AppError, text } from '../../../electron/core/errors'
import { createLogger, type Logger } from '../../../electron/core/log'

/** A handler table where every call channel is a spy answering its own channel name. */
function spyHandlers() {
  const spies = new Map<string, ReturnType<typeof vi.fn>>()
  const table: Record<string, Record<string, unknown>> = {}
  for (const { domain, action, channel, def } of listChannels(contract)) {
    if (def.kind !== 'call') continue
    const spy = vi.fn(async () => channel)
    spies.set(channel, spy)
    ;(table[domain] ??= {})[action] = spy
  }
  return { handlers: table as unknown as Handlers, spies }
}

function setup(locale: Locale = 'zh-CN', log: Logger = createLogger()) {
  const { handlers, spies } = spyHandlers()
  let current = locale
  const invoke = createDispatcher(contract, handlers, { locale: () => current, log })
  return { invoke, spies, setLocale: (l: Locale) => (current = l) }
}

describe('contract dispatcher', () => {
  it('validates input before the service and answers in the user language', async () => {
    const { invoke, spies, setLocale } = setup('zh-CN')
    const bad = { name: '', corpid: 'has space', baseUrl: 'http://example.com' }
    const zh = await invoke('profiles:save', bad)
    expect(zh.ok).toBe(false)
    if (zh.ok) return
    expect(zh.error.code).toBe('invalid_input')
    expect(zh.error.message).toContain('请填写名称')
    expect(zh.error.message).toContain('企业ID只能包含字母')
    expect(zh.error.message).toContain('API 地址必须以 https:// 开头')
    expect(zh.error.hint).toBe('请检查标红的内容后再试。')
    setLocale('en')
    const en = await invoke('profiles:save', bad)
    expect(en.ok || en.error.message).toContain('Name is required.')
    expect(spies.get('profiles:save')).not.toHaveBeenCalled()
  })

  it('refuses unknown fields and wrong types', async () => {
    const { invoke, spies } = setup('en')
    const extra = await invoke('profiles:remove', { id: 'p-1', extra: true })
    expect(extra.ok || extra.error.message).toContain('Unexpected content: extra.')
    const wrong = await invoke('app:setLocale', { locale: 'fr' })
    expect(wrong.ok || wrong.error.message).toContain('Language is not one of the allowed values.')
    const notObject = await invoke('profiles:activate', 'sandbox')
    expect(notObject.ok).toBe(false)
    expect(spies.get('profiles:remove')).not.toHaveBeenCalled()
    expect(spies.get('app:setLocale')).not.toHaveBeenCalled()
  })

  it('accepts allowed base URLs: https anywhere, http only on loopback', async () => {
    const { invoke } = setup('en')
    const base = { name: 'HQ', corpid: 'ww1', secret: 's1' }
    for (const baseUrl of [
      'https://qyapi.weixin.qq.com',
      'https://proxy.example.com/wecom/',
      'http://127.0.0.1:9000',
      'http://localhost:1',
    ]) {
      expect((await invoke('profiles:save', { ...base, baseUrl })).ok).toBe(true)
    }
    for (const baseUrl of ['http://qyapi.weixin.qq.com', 'ftp://x', 'https://user:pw@proxy.example.com', 'not a url']) {
      const result = await invoke('profiles:save', { ...base, baseUrl })
      expect(result.ok, baseUrl).toBe(false)
    }
  })

  it('passes parsed (trimmed, defaulted) input to the service', async () => {
    const { invoke, spies } = setup()
    await invoke('profiles:save', {
      name: '  HQ ',
      corpid: 'ww1',
      secret: 's1',
      baseUrl: 'https://proxy.example.com///',
    })
    expect(spies.get('profiles:save')).toHaveBeenCalledWith({
      name: 'HQ',
      corpid: 'ww1',
      secret: 's1',
      baseUrl: 'https://proxy.example.com',
    })
  })

  it('maps AppErrors to the localized message and hint, and hides unexpected faults', async () => {
    const { invoke, spies } = setup('en')
    spies.get('profiles:list')!.mockRejectedValueOnce(
      new AppError('wecom_error', text('中文', 'The IP is not trusted.'), {
        hint: text('提示', 'Add it.'),
        wecomErrcode: 60020,
      }),
    )
    expect(await invoke('profiles:list', undefined)).toEqual({
      ok: false,
      error: { code: 'wecom_error', message: 'The IP is not trusted.', hint: 'Add it.', wecomErrcode: 60020 },
    })
    spies.get('profiles:list')!.mockRejectedValueOnce(new TypeError('cannot read x of undefined'))
    const internal = await invoke('profiles:list', undefined)
    expect(internal.ok).toBe(false)
    if (!internal.ok) {
      expect(internal.error.code).toBe('internal')
      expect(internal.error.message).not.toContain('undefined')
    }
  })

  it('answers an unknown channel with a readable error', async () => {
    const { invoke } = setup('zh-CN')
    const result = await invoke('nope:nothing', {})
    expect(result.ok || result.error.code).toBe('unknown_channel')
  })

  it('answers a typed result even when logging itself throws (a full disk under the log file)', async () => {
    const full = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    }
    const brokenLog: Logger = { debug: full, info: full, warn: full, error: full, redact: () => undefined }
    const { invoke, spies } = setup('en', brokenLog)
    expect((await invoke('app:getInfo', undefined)).ok).toBe(true)
    spies.get('profiles:list')!.mockRejectedValueOnce(new TypeError('boom'))
    const internal = await invoke('profiles:list', undefined)
    expect(internal.ok || internal.error.code).toBe('internal')
    spies.get('profiles:list')!.mockRejectedValueOnce(new AppError('x_failed', text('中', 'It failed.')))
    const typed = await invoke('profiles:list', undefined)
    expect(typed.ok || typed.error.message).toBe('It failed.')
    const invalid = await invoke('profiles:remove', { id: 'p', extra: 1 })
    expect(invalid.ok || invalid.error.code).toBe('invalid_input')
  })

  it('says the disk is full, in the user language, for ENOSPC, SQLITE_FULL and errors caused by them', async () => {
    const { invoke, spies, setLocale } = setup('zh-CN')
    const enospc = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    const sqliteFull = Object.assign(new Error('database or disk is full'), { code: 'ERR_SQLITE_ERROR', errcode: 13 })
    const wrapped = new AppError('settings_write_failed', text('设置保存失败', 'Settings not saved'), { cause: enospc })
    for (const failure of [enospc, sqliteFull, wrapped]) {
      spies.get('profiles:list')!.mockRejectedValueOnce(failure)
      const zh = await invoke('profiles:list', undefined)
      expect(zh.ok).toBe(false)
      if (zh.ok) return
      expect(zh.error.code).toBe('disk_full')
      expect(zh.error.message).toMatch(/^磁盘已满/)
      expect(zh.error.hint).toContain('腾出磁盘空间')
    }
    setLocale('en')
    spies.get('profiles:list')!.mockRejectedValueOnce(sqliteFull)
    const en = await invoke('profiles:list', undefined)
    expect(en.ok || en.error.message).toMatch(/^The disk is full/)
    expect(en.ok || en.error.hint).toContain('Free up disk space')
  })

  it('never lets an access_token or corpsecret query reach the page', async () => {
    const { invoke, spies } = setup('en')
    spies.get('profiles:list')!.mockRejectedValueOnce(
      new AppError('wecom_error', text('x', 'WeCom said: bad url ?access_token=abcdef123&corpsecret=zzz9 end'), {
        hint: text('x', 'see access_token=abcdef123'),
      }),
    )
    const result = await invoke('profiles:list', undefined)
    expect(JSON.stringify(result)).not.toMatch(/abcdef123|zzz9/)
  })

  it('answers internal in the default language when even the locale cannot be read', async () => {
    const { handlers } = spyHandlers()
    const invoke = createDispatcher(contract, handlers, {
      locale: () => {
        throw new Error('settings gone')
      },
      log: createLogger(),
    })
    const result = await invoke('app:getInfo', undefined)
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'internal', message: '出了点问题，操作没有完成。' }),
    })
  })
})
