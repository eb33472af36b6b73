import { afterEach, describe, expect, it } from 'vitest'
import { applyLocale, i18n } from '@/i18n'
import en from '@/i18n/en'
import zhCN from '@/i18n/zh-CN'

/** Every message as [key, text]. */
function messages(tree: unknown, prefix = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[prefix, tree]]
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => messages(v, prefix ? `${prefix}.${k}` : k))
}

const { t } = i18n.global
afterEach(() => applyLocale('zh-CN'))

describe('UI copy: one quote style', () => {
  it('zh-CN quotes with 「」 (as the core’s messages do), never “” or straight quotes', () => {
    const wrong = messages(zhCN).filter(([, text]) => /[“”"‘’]/.test(text))
    expect(wrong.map(([key, text]) => `${key}: ${text}`)).toEqual([])
  })

  it('en quotes with “”, never straight quotes or 「」', () => {
    const wrong = messages(en).filter(([, text]) => /["「」]/.test(text))
    expect(wrong.map(([key, text]) => `${key}: ${text}`)).toEqual([])
  })
})

describe('UI copy: no API words for marketers', () => {
  /** Labels of the connection settings (for whoever connects a corp) and of a message's technical details. */
  const TECHNICAL = new Set(['settings.fields.baseUrl', 'massMessages.history.detail.msgid'])
  const API_WORDS = /external_?userid|msgid|接口|消息 ?ID|API calls?|errcode|access_token/i

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('%s says customer ID, batch, another app: not the API’s words', (_, tree) => {
    const raw = messages(tree).filter(([key, text]) => !TECHNICAL.has(key) && API_WORDS.test(text))
    expect(raw.map(([key, text]) => `${key}: ${text}`)).toEqual([])
  })
})

describe('UI copy: English plurals', () => {
  const COUNTED =
    /\{(?!max\})\w+\}\s+(?:more\s+)?(?:[a-z-]+\s+)?(customers|members|recipients|messages|groups|batches|reminders|attachments|drafts|records|tags|calls)\b/

  /**
   * Numbers that are WeCom's fixed limits (never 1), and the damaged-workspace notice, whose page
   * (components/WorkspaceDamagedDialog.vue) does not pass the numbers that would pick a form yet.
   */
  const NOT_COUNTED = new Set([
    'massMessages.send.callsHint',
    'profiles.workspace.restored',
    'profiles.workspace.checkingSends',
  ])

  it('a counted noun is in a plural message (“one … | {count} …”) or after a colon, never “1 recipients”', () => {
    const wrong = messages(en).filter(
      ([key, text]) => COUNTED.test(text) && !text.includes(' | ') && !NOT_COUNTED.has(key),
    )
    expect(wrong.map(([key, text]) => `${key}: ${text}`)).toEqual([])
  })

  it('every call of a plural message passes the number that picks the form', () => {
    const plural = new Set(
      messages(en)
        .filter(([, text]) => text.includes(' | '))
        .map(([key]) => key),
    )
    const missing: string[] = []
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50)
    for (const [file, source] of Object.entries(SOURCES)) {
      for (const call of translateCalls(source)) {
        if (plural.has(call.key) && call.args < 3) missing.push(`${file}: t('${call.key}', …)`)
      }
    }
    expect(missing).toEqual([])
  })

  it('reads right for one and for many', () => {
    applyLocale('en')
    expect(t('status.jobs.moreSends', { count: '1' }, 1)).toBe('and one more message')
    expect(t('status.jobs.moreSends', { count: '2' }, 2)).toBe('and 2 more messages')
    expect(t('settings.testOk', { count: '1', ms: '80' })).toBe('Connected in 80 ms. Members with customer contact: 1.')
    expect(t('massMessages.history.statusProgress', { sent: '0', total: '1' })).toBe('Members who have sent: 0 of 1')
    expect(t('massMessages.history.detail.resultsTotal', { count: '1' })).toBe('Recipients: 1')
    expect(t('massMessages.recipients.single', { count: '1' })).toBe('Customers: 1')
  })
})

describe('UI copy: what marketers asked about', () => {
  it('explains 每月天数 where the receive-cap rule is chosen', () => {
    expect(t('massMessages.send.capHint')).toContain('「每月天数」指每位客户每月最多收到 N 条群发，N 为当月天数')
    applyLocale('en')
    expect(t('massMessages.send.capHint')).toContain(
      '“Days in month”: each customer gets at most N mass messages a month',
    )
  })

  it('a job’s unsent batches are “not submitted”, which a cancelled job’s are too, not “waiting to be sent”', () => {
    const detail = t('massMessages.jobs.chunksDetail', { pending: '2', unknown: '0', failed: '0' })
    expect(detail).toBe('未提交 2 批 · 待核对 0 批 · 失败 0 批')
    expect(detail).not.toContain('待发送')
    applyLocale('en')
    expect(t('massMessages.jobs.chunksDetail', { pending: '2', unknown: '0', failed: '0' })).not.toMatch(/waiting/i)
  })

  it('the empty customer list names the button the sync panel shows', () => {
    expect(t('customers.empty.noDataHint', { button: t('customers.sync.resume') })).toContain('点击上方的「继续同步」')
    applyLocale('en')
    expect(t('customers.empty.noDataHint', { button: t('customers.sync.resume') })).toContain(
      'Click “Resume sync” above',
    )
  })
})

/** The renderer's sources (pages, components, stores, composables), by path. */
const SOURCES = import.meta.glob<string>(['../../../renderer/**/*.{vue,ts}', '!../../../renderer/i18n/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** `t('key', …)` calls with a literal key, and how many arguments each passes (brackets balanced, strings skipped). */
function translateCalls(source: string): Array<{ key: string; args: number }> {
  const calls: Array<{ key: string; args: number }> = []
  const start = /\bt\(\s*'([\w.-]+)'/g
  for (let match = start.exec(source); match; match = start.exec(source)) {
    let depth = 0
    let args = 1
    let quote: string | undefined
    for (let i = match.index + 1; i < source.length; i++) {
      const c = source[i]!
      if (quote) {
        if (c === '\\') i++
        else if (c === quote) quote = undefined
        continue
      }
      if (c === "'" || c === '"' || c === '`') quote = c
      else if (c === '(' || c === '{' || c === '[') depth++
      else if (c === ')' || c === '}' || c === ']') {
        depth--
        if (depth === 0) break
      } else if (c === ',' && depth === 1) args++
    }
    calls.push({ key: match[1]!, args })
  }
  return calls
}
