import { Buffer } from 'node:buffer'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DraftSummary, LocalMediaRef } from '../../../../shared/massMessages'
import type { ApiError, Locale, Result } from '../../../../shared/result'
import { createCore, type Core } from '../../../../electron/core'
import { createLogger } from '../../../../electron/core/log'
import { ProfileService } from '../../../../electron/core/services/profiles/profiles'
import { JsonFileSettings } from '../../../../electron/core/store/settings'
import { LocalFileVault } from '../../../../electron/core/store/vault'
import { useTempDir } from '../../store/temp-dir'

const tempDir = useTempDir()
const cores: Core[] = []
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()))
})

/** Nothing listens on port 9 (discard): every WeCom call of this profile fails to connect. */
const UNREACHABLE = 'http://127.0.0.1:9'

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const MP4 = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32, 0, 0, 0, 0])
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n', 'latin1')

/** A core whose active profile points at an unreachable WeCom, as on a train without network. */
async function offlineCore(): Promise<Core> {
  const dir = tempDir()
  const settings = new JsonFileSettings(join(dir, 'settings.json'))
  const vault = new LocalFileVault(dir)
  const log = createLogger()
  const noSandbox = async () => {
    throw new Error('the sandbox must not be needed')
  }
  const profiles = new ProfileService(settings, vault, log, noSandbox)
  const profile = await profiles.save({
    name: '离线',
    corpid: 'ww0123456789abcdef',
    secret: 'Offline_Secret_0123456789',
    baseUrl: UNREACHABLE,
  })
  profiles.setActive(profile.id)
  const core = await createCore({ dataDir: dir, shell: 'browser', version: 'test', settings, vault, log })
  cores.push(core)
  return core
}

async function ok<T>(core: Core, channel: string, input?: unknown): Promise<T> {
  const result = (await core.invoke(channel, input)) as Result<T>
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.data
}

async function failure(core: Core, channel: string, input: unknown, locale: Locale = 'en'): Promise<ApiError> {
  await core.invoke('app:setLocale', { locale })
  const result = await core.invoke(channel, input)
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`)
  return result.error
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

describe('drafts work with no connection', () => {
  it('composes, autosaves, lists, duplicates and removes while WeCom is unreachable', async () => {
    const core = await offlineCore()
    const status = await ok<{ state: string }>(core, 'profiles:activate', {
      id: (await ok<Array<{ id: string; active: boolean }>>(core, 'profiles:list')).find((p) => p.active)!.id,
    })
    expect(status.state).not.toBe('connected')

    const draft = { title: '周末活动', chatType: 'single', content: { text: '周末 8 折 🎉' } }
    const created = await ok<DraftSummary>(core, 'massMessages:saveDraft', draft)
    let revision = created.revision
    for (let i = 1; i <= 5; i++) {
      const saved = await ok<DraftSummary>(core, 'massMessages:saveDraft', {
        ...draft,
        id: created.id,
        content: { text: `周末 8 折 🎉 ${'第'.repeat(i)}` },
        baseRevision: revision,
      })
      expect(saved.revision).toBe(revision + 1)
      revision = saved.revision
    }
    const copy = await ok<DraftSummary>(core, 'massMessages:duplicateDraft', { id: created.id })
    const list = await ok<DraftSummary[]>(core, 'massMessages:listDrafts')
    expect(list.map((d) => d.id).sort()).toEqual([created.id, copy.id].sort())
    const stored = await ok<{ content: { text: string }; revision: number }>(core, 'massMessages:getDraft', {
      id: created.id,
    })
    expect(stored).toMatchObject({ revision: 6, content: { text: '周末 8 折 🎉 第第第第第' } })
    expect(await ok(core, 'massMessages:removeDraft', { id: copy.id })).toEqual({ id: copy.id })
    expect(await ok<DraftSummary[]>(core, 'massMessages:listDrafts')).toHaveLength(1)

    const media = await ok<LocalMediaRef>(core, 'massMessages:addMedia', {
      filename: 'cover.png',
      contentType: 'image/png',
      dataBase64: base64(PNG),
    })
    expect(media).toMatchObject({ contentType: 'image/png', size: PNG.byteLength })
    const preview = await ok<{ dataUrl: string }>(core, 'massMessages:mediaDataUrl', {
      localMediaId: media.localMediaId,
    })
    expect(preview.dataUrl).toBe(`data:image/png;base64,${base64(PNG)}`)
  })

  it('answers a stale autosave and a missing draft with bilingual errors', async () => {
    const core = await offlineCore()
    const created = await ok<DraftSummary>(core, 'massMessages:saveDraft', {
      chatType: 'group',
      content: { text: 'a' },
    })
    await ok(core, 'massMessages:saveDraft', {
      id: created.id,
      chatType: 'group',
      content: { text: 'b' },
      baseRevision: 1,
    })
    const stale = { id: created.id, chatType: 'group', content: { text: 'c' }, baseRevision: 1 }
    expect(await failure(core, 'massMessages:saveDraft', stale, 'zh-CN')).toMatchObject({ code: 'draft_conflict' })
    const missing = await failure(core, 'massMessages:getDraft', { id: 'nope' }, 'zh-CN')
    expect(missing).toMatchObject({ code: 'draft_not_found' })
    expect(missing.message).toContain('找不到这份草稿')
    expect((await failure(core, 'massMessages:duplicateDraft', { id: 'nope' }, 'en')).message).toContain(
      'was not found',
    )
  })
})

describe('massMessages:addMedia', () => {
  it('stores the real type sniffed from the bytes, whatever the picker said', async () => {
    const core = await offlineCore()
    const add = (filename: string, contentType: string, bytes: Uint8Array) =>
      ok<LocalMediaRef>(core, 'massMessages:addMedia', { filename, contentType, dataBase64: base64(bytes) })
    expect(await add('photo.jpg', 'image/jpeg', JPEG)).toMatchObject({
      filename: 'photo.jpg',
      contentType: 'image/jpeg',
    })
    expect(await add('photo.jpeg', 'application/octet-stream', PNG)).toMatchObject({
      filename: 'photo.png',
      contentType: 'image/png',
    })
    expect(await add('clip', '', MP4)).toMatchObject({ filename: 'clip.mp4', contentType: 'video/mp4' })
    expect(await add('报价单.pdf', 'application/pdf', PDF)).toMatchObject({
      filename: '报价单.pdf',
      contentType: 'application/pdf',
    })
    // A claim the bytes do not back is not trusted: the image rules will then refuse it.
    expect(await add('fake.png', 'image/png', Buffer.from('just some text'))).toMatchObject({
      contentType: 'application/octet-stream',
    })
    // FileReader.readAsDataURL output is accepted as is.
    expect(
      await ok<LocalMediaRef>(core, 'massMessages:addMedia', {
        filename: 'x.jpg',
        contentType: 'image/jpeg',
        dataBase64: `data:image/jpeg;base64,${base64(JPEG)}`,
      }),
    ).toMatchObject({ contentType: 'image/jpeg', size: JPEG.byteLength })
  })

  it('refuses invalid base64, empty files and files over 20 MB in both languages', async () => {
    const core = await offlineCore()
    const add = (dataBase64: string, locale: Locale) =>
      failure(core, 'massMessages:addMedia', { filename: 'a.png', contentType: 'image/png', dataBase64 }, locale)
    expect(await add('not base64!', 'en')).toMatchObject({ code: 'media_unreadable' })
    expect((await add('abcde', 'zh-CN')).message).toContain('损坏')
    expect(await add('', 'en')).toMatchObject({ code: 'media_empty', message: 'The file “a.png” is empty.' })
    const tooBig = Buffer.alloc(20 * 1024 * 1024 + 3).toString('base64')
    const en = await add(tooBig, 'en')
    expect(en).toMatchObject({ code: 'media_too_large' })
    expect(en.message).toContain('20 MB')
    expect((await add(tooBig, 'zh-CN')).message).toContain('超过 20 MB')
    const atLimit = Buffer.alloc(20 * 1024 * 1024, 1)
    const stored = await ok<LocalMediaRef>(core, 'massMessages:addMedia', {
      filename: 'big.bin',
      contentType: 'application/octet-stream',
      dataBase64: base64(atLimit),
    })
    expect(stored.size).toBe(atLimit.byteLength)
  })

  it('previews images only', async () => {
    const core = await offlineCore()
    const video = await ok<LocalMediaRef>(core, 'massMessages:addMedia', {
      filename: 'v.mp4',
      contentType: 'video/mp4',
      dataBase64: base64(MP4),
    })
    const refused = await failure(core, 'massMessages:mediaDataUrl', { localMediaId: video.localMediaId }, 'en')
    expect(refused).toMatchObject({ code: 'media_not_previewable' })
    expect(refused.message).toContain('not a JPG/PNG image')
    expect(await failure(core, 'massMessages:mediaDataUrl', { localMediaId: 'gone' }, 'zh-CN')).toMatchObject({
      code: 'media_not_found',
    })
  })
})

/** `{ a: { a: … { leaf } } }`, `depth` objects deep: deeper than SQLite's JSON (1,000 levels) accepts. */
function nested(depth: number, leaf: unknown): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

describe('massMessages:saveDraft: lenient, but every part has a bounded shape', () => {
  const draft = (targeting: unknown, attachments: unknown[] = []) => ({
    chatType: 'single',
    content: { text: '草稿', attachments },
    targeting,
  })

  it('answers a 2,000-deep targeting with a typed error in the user’s language, not internal', async () => {
    const core = await offlineCore()
    const deep = nested(2000, { mode: 'filter' })
    const zh = await failure(core, 'massMessages:saveDraft', draft(deep), 'zh-CN')
    expect(zh).toMatchObject({ code: 'invalid_input', message: '发送对象类型无效。' })
    expect(zh.hint).toContain('标红')
    const en = await failure(core, 'massMessages:saveDraft', draft(deep), 'en')
    expect(en).toMatchObject({ code: 'invalid_input', message: 'Recipient type is invalid.' })

    // The same depth hidden inside each part of a targeting, or of an attachment, is refused alike.
    const inside = [
      draft({ mode: 'filter', filter: deep }),
      draft({ mode: 'filter', filter: { members: deep } }),
      draft({ mode: 'filter', filter: { tags: { mode: 'or', ids: [deep] } } }),
      draft({ mode: 'customers', externalUserids: [deep] }),
      draft({ mode: 'groupsByOwner', sender: deep }),
      draft({ mode: 'groups', chatIds: deep }),
      draft({ mode: 'filter', filter: {} }, [deep]),
      draft({ mode: 'filter', filter: {} }, [{ msgtype: 'link', link: deep }]),
      draft({ mode: 'filter', filter: {} }, [{ msgtype: 'image', image: deep }]),
      draft(nested(10_000, 'leaf')),
    ]
    for (const input of inside) {
      const error = await failure(core, 'massMessages:saveDraft', input, 'en')
      expect(error.code).toBe('invalid_input')
      expect(error.message).toMatch(/^[A-Z].*\.$/)
    }
    // Nothing was stored, and the core keeps answering.
    expect(await ok<DraftSummary[]>(core, 'massMessages:listDrafts')).toEqual([])
  })

  it('saves every unfinished targeting the composer can hold', async () => {
    const core = await offlineCore()
    const unfinished = [
      { chatType: 'single', targeting: { mode: 'filter', filter: {} } },
      { chatType: 'single', targeting: { mode: 'customers', externalUserids: [] } },
      { chatType: 'group', targeting: { mode: 'groupsByOwner', senders: [] } },
      { chatType: 'group', targeting: { mode: 'groupsByOwner', senders: ['lisi', ''] } },
      { chatType: 'group', targeting: { mode: 'groups', chatIds: [] } },
      // A chat type and a targeting that do not match yet: the send preview names it, the draft keeps it.
      { chatType: 'group', targeting: { mode: 'customers', externalUserids: ['wmA'] } },
      {
        chatType: 'single',
        targeting: {
          mode: 'filter',
          filter: {
            members: ['zhangsan'],
            tags: { mode: 'and', ids: ['et1', 'et2'] },
            excludeTags: ['et3'],
            addedFrom: 1_700_000_000_000,
            addedTo: 1_700_086_399_999,
            genders: [1, 2],
          },
        },
      },
    ]
    for (const { chatType, targeting } of unfinished) {
      const saved = await ok<DraftSummary>(core, 'massMessages:saveDraft', { chatType, content: {}, targeting })
      expect(await ok(core, 'massMessages:getDraft', { id: saved.id })).toMatchObject({ chatType, targeting })
    }
    // A draft saved when one owner could be chosen reads as a one-owner list ('' as none).
    for (const [sender, senders] of [
      ['lisi', ['lisi']],
      ['', []],
    ] as const) {
      const saved = await ok<DraftSummary>(core, 'massMessages:saveDraft', {
        chatType: 'group',
        content: {},
        targeting: { mode: 'groupsByOwner', sender },
      })
      expect(await ok(core, 'massMessages:getDraft', { id: saved.id })).toMatchObject({
        targeting: { mode: 'groupsByOwner', senders },
      })
    }
    // Half-filled attachments are kept as they are too.
    const attachments = [{ msgtype: 'link', link: { title: '' } }, { msgtype: 'image' }, { msgtype: 'miniprogram' }]
    const withAttachments = await ok<DraftSummary>(core, 'massMessages:saveDraft', {
      chatType: 'single',
      content: { attachments },
    })
    expect(withAttachments.attachmentCount).toBe(3)
  })

  it('bounds list and id lengths, and names what is too long in the user’s language', async () => {
    const core = await offlineCore()
    const tooMany = draft({ mode: 'customers', externalUserids: Array.from({ length: 100_001 }, (_, i) => `wm${i}`) })
    expect((await failure(core, 'massMessages:saveDraft', tooMany, 'zh-CN')).message).toBe('客户最多 100,000 项。')
    const longId = draft({ mode: 'groupsByOwner', sender: 'u'.repeat(129) })
    expect((await failure(core, 'massMessages:saveDraft', longId, 'en')).message).toBe(
      'Sender can have at most 128 characters.',
    )
    const unknownPart = draft({ mode: 'filter', filter: {}, note: 'x' })
    expect((await failure(core, 'massMessages:saveDraft', unknownPart, 'en')).message).toBe('Unexpected content: note.')
    const longLink = draft({ mode: 'filter' }, [{ msgtype: 'link', link: { url: 'x'.repeat(10_001) } }])
    expect((await failure(core, 'massMessages:saveDraft', longLink, 'zh-CN')).message).toBe(
      '链接地址最多 10,000 个字符。',
    )
  })
})
