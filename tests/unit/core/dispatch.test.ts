import { describe, expect, it, vi } from 'vitest'
import { contract, type Handlers } from '../../../shared/contract'
import { listChannels } from '../../../shared/contract/define'
import type { Locale } from '../../../shared/result'
import { createDispatcher } from '../../../electron/core/api/dispatch'
import { AppError, text } from '../../../electron/core/errors'
import { createLogger } from '../../../electron/core/log'

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

function setup(locale: Locale = 'zh-CN') {
  const { handlers, spies } = spyHandlers()
  let current = locale
  const invoke = createDispatcher(contract, handlers, { locale: () => current, log: createLogger() })
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
})
