import { Buffer } from 'node:buffer'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SandboxHandle } from '../../../electron/core/sandbox/types'
import { LocalMediaService } from '../../../electron/core/media/local-media'
import { copyToLibrary } from '../../../electron/core/services/welcomeTemplates/copy'
import { fetchHostedImage } from '../../../electron/core/services/welcomeTemplates/fetch-image'
import { WelcomeTemplateLibrary } from '../../../electron/core/services/welcomeTemplates/library'
import type { Workspace } from '../../../electron/core/store/workspace'
import type { WecomClient } from '../../../electron/core/wecom'
import { NICKNAME } from '../../../shared/welcomeTemplates'
import { startCorp, tempWorkspace } from '../customers/support'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const ADD = 'externalcontact/group_welcome_template/add'
const EDIT = 'externalcontact/group_welcome_template/edit'

let corp: { sandbox: SandboxHandle; client: WecomClient }
const cleanups: Array<() => void | Promise<void>> = []

beforeAll(async () => {
  corp = await startCorp({ customers: 20, members: 3, groups: 2 })
})
afterAll(async () => corp.sandbox.close())
afterEach(async () => {
  corp.sandbox.clearFaults()
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function open(client = corp.client): {
  library: WelcomeTemplateLibrary
  workspace: Workspace
  media: LocalMediaService
} {
  const temp = tempWorkspace()
  cleanups.push(temp.remove)
  const workspace = temp.workspace
  const library = new WelcomeTemplateLibrary({
    workspace: () => workspace,
    client: async () => client,
    locale: () => 'en',
    fetchImage: fetchHostedImage,
  })
  return { library, workspace, media: new LocalMediaService(() => workspace) }
}

const remote = (templateId: string) => corp.sandbox.state.welcomeTemplates.find((t) => t.templateId === templateId)
const calls = (path: string) => corp.sandbox.requestLog.filter((r) => r.path === path).length

describe('welcome template library against the sandbox over HTTP', () => {
  it('a draft with %NICKNAME% and an image is saved offline, pushed with the image as a permanent pic_url, and reads back the same', async () => {
    const { library, media } = open()
    const image = media.add({ filename: 'welcome.png', contentType: 'image/png', dataBase64: PNG.toString('base64') })
    const text = `欢迎 ${NICKNAME} 加入！${NICKNAME}，群公告里有福利。`
    const draft = library.save({ content: { text, attachment: { msgtype: 'image', image } }, notify: true })
    expect(draft.syncState).toBe('draft')
    const uploadsBefore = calls('media/uploadimg')
    const mediaUploadsBefore = calls('media/upload')

    const pushed = await library.push(draft.id)
    expect(pushed.syncState).toBe('pushed')
    expect(calls('media/uploadimg')).toBe(uploadsBefore + 1)
    expect(calls('media/upload')).toBe(mediaUploadsBefore)
    const stored = remote(pushed.templateId!)!
    expect(stored.text).toBe(text)
    expect(stored.attachment).toEqual({
      kind: 'image',
      fields: { pic_url: expect.stringMatching(/\/sandbox\/images\//) },
    })
    expect(stored.notify).toBe(1)
    const addBody = corp.sandbox.requestLog.filter((r) => r.path === ADD).at(-1)!.body as Record<string, unknown>
    expect(addBody.image).toEqual({ pic_url: expect.any(String) })

    // Edit and push again: the text changes, the image is not uploaded a second time.
    const edited = library.save({
      id: draft.id,
      content: { text: `${text} 再见 ${NICKNAME}`, attachment: { msgtype: 'image', image } },
      notify: true,
    })
    expect(edited.syncState).toBe('changed')
    const again = await library.push(draft.id)
    expect(again.syncState).toBe('pushed')
    expect(again.templateId).toBe(pushed.templateId)
    expect(calls('media/uploadimg')).toBe(uploadsBefore + 1)
    expect(remote(pushed.templateId!)!.text).toBe(`${text} 再见 ${NICKNAME}`)

    // Imported into another library by id, the placeholder and the image come back as they were.
    const other = open()
    const imported = await other.library.importById(pushed.templateId!)
    expect(imported.content.text).toBe(`${text} 再见 ${NICKNAME}`)
    expect(imported.content.attachment).toMatchObject({ msgtype: 'image', picUrl: stored.attachment!.fields.pic_url })
    // Import writes nothing: whether this app may change it is not known until an edit is tried.
    expect(imported.ownership).toBe('unknown')
  })

  it('files, videos and mini-program covers go up as media_ids (media/upload) from the kept bytes, reused while fresh', async () => {
    const { library, media } = open()
    const pdf = media.add({
      filename: 'guide.pdf',
      contentType: 'application/pdf',
      dataBase64: Buffer.from('%PDF-1.4 welcome guide').toString('base64'),
    })
    const draft = library.save({ content: { text: '', attachment: { msgtype: 'file', file: pdf } }, notify: true })
    const uploads = calls('media/upload')
    const pushed = await library.push(draft.id)
    expect(calls('media/upload')).toBe(uploads + 1)
    const stored = remote(pushed.templateId!)!
    expect(stored.attachment?.kind).toBe('file')
    expect(corp.sandbox.state.media.get(String(stored.attachment!.fields.media_id))?.filename).toBe('guide.pdf')

    const cover = media.add({ filename: 'cover.png', contentType: 'image/png', dataBase64: PNG.toString('base64') })
    library.save({
      id: draft.id,
      content: {
        text: '',
        attachment: {
          msgtype: 'miniprogram',
          miniprogram: { title: '会员中心', appid: 'wx0123456789abcdef', page: 'pages/index', cover },
        },
      },
      notify: true,
    })
    await library.push(draft.id)
    expect(calls('media/upload')).toBe(uploads + 2)
    expect(remote(pushed.templateId!)!.attachment).toMatchObject({
      kind: 'miniprogram',
      fields: { title: '会员中心', appid: 'wx0123456789abcdef' },
    })
    // Pushed again within 2.5 days: the cover's media_id is reused, nothing is uploaded.
    library.save({
      id: draft.id,
      content: {
        text: 'hi',
        attachment: {
          msgtype: 'miniprogram',
          miniprogram: { title: '会员中心', appid: 'wx0123456789abcdef', page: 'pages/index', cover },
        },
      },
      notify: true,
    })
    await library.push(draft.id)
    expect(calls('media/upload')).toBe(uploads + 2)
    // WeCom cannot take the attachment away in an edit: said before any call.
    library.save({ id: draft.id, content: { text: 'hi', attachment: null }, notify: true })
    await expect(library.push(draft.id)).rejects.toMatchObject({ code: 'welcome_template_attachment_removed' })
  })

  it('text saved while the image uploads is kept, and the template reads "changed" after the push', async () => {
    const { library, media } = open()
    const image = media.add({ filename: 'slow.png', contentType: 'image/png', dataBase64: PNG.toString('base64') })
    const draft = library.save({ content: { text: 'v1', attachment: { msgtype: 'image', image } }, notify: true })
    corp.sandbox.setFaults({ latencyByPath: { 'media/uploadimg': 300 } })
    const pushing = library.push(draft.id)
    await new Promise((resolve) => setTimeout(resolve, 100))
    library.save({
      id: draft.id,
      content: { text: 'v2 typed meanwhile', attachment: { msgtype: 'image', image } },
      notify: true,
    })
    const pushed = await pushing
    expect(pushed.content.text).toBe('v2 typed meanwhile')
    expect(pushed.syncState).toBe('changed')
    expect(pushed.content.attachment).toMatchObject({ msgtype: 'image', picUrl: expect.any(String) })
    expect(remote(pushed.templateId!)!.text).toBe('v1')
  })

  it('a refused push keeps the draft and says what to change; nothing is sent', async () => {
    const { library } = open()
    const adds = calls(ADD)
    const draft = library.save({
      content: {
        text: '欢'.repeat(1001),
        attachment: { msgtype: 'link', link: { title: 'a'.repeat(129), url: 'x.com' } },
      },
      notify: true,
    })
    const refused = (await library.push(draft.id).catch((error: unknown) => error)) as Error
    expect(refused.message).toContain('at most 3,000 bytes')
    expect(refused.message).toContain('at most 128 bytes')
    expect(refused.message).toContain('https://x.com')
    expect(calls(ADD)).toBe(adds)
    expect(library.get(draft.id)).toMatchObject({ syncState: 'draft', content: { text: '欢'.repeat(1001) } })
  })

  it('the sandbox keeps one attachment, in the documented priority, and answers image.pic_url from get', async () => {
    const link = { title: '入群指南', url: 'https://example.com/guide' }
    const picUrl = await corp.client.media.uploadImg({ data: PNG, filename: 'a.png', contentType: 'image/png' })
    const templateId = await corp.client.welcomeTemplates.add({ link, image: { pic_url: picUrl } })
    const kept = await corp.client.welcomeTemplates.get(templateId)
    expect(kept.image).toEqual({ pic_url: picUrl })
    expect(kept).not.toHaveProperty('link')
    const uploaded = await corp.client.media.upload('image', { data: PNG, filename: 'b.png', contentType: 'image/png' })
    const fromMediaId = await corp.client.welcomeTemplates.add({ image: { media_id: uploaded.media_id } })
    const answer = await corp.client.welcomeTemplates.get(fromMediaId)
    expect(answer.image).toEqual({ pic_url: expect.stringMatching(/\/sandbox\/images\//) })
    expect(answer.image).not.toHaveProperty('media_id')
    await expect(corp.client.welcomeTemplates.add({})).rejects.toMatchObject({ wecomErrcode: 40058 })
    await corp.client.welcomeTemplates.del(templateId)
    await corp.client.welcomeTemplates.del(fromMediaId)
  })

  it('a lost add answer marks "may have been created", never adds again silently; import by id or create again settle it', async () => {
    const { library } = open()
    const draft = library.save({ content: { text: `你好 ${NICKNAME}`, attachment: null }, notify: false })
    corp.sandbox.setFaults({ dropResponse: { [ADD]: { count: 1 } } })
    const before = corp.sandbox.state.welcomeTemplates.length
    await expect(library.push(draft.id)).rejects.toMatchObject({ code: 'welcome_template_maybe_created' })
    expect(corp.sandbox.state.welcomeTemplates.length).toBe(before + 1)
    const created = corp.sandbox.state.welcomeTemplates.at(-1)!
    expect(library.get(draft.id)).toMatchObject({
      syncState: 'maybe_created',
      lastError: { hint: expect.stringContaining('Import by ID') },
    })

    // Pushing again is refused before any call.
    const adds = calls(ADD)
    await expect(library.push(draft.id)).rejects.toMatchObject({ code: 'welcome_template_maybe_created' })
    expect(calls(ADD)).toBe(adds)

    // The user found it in the admin console: import by id settles this entry, no second template.
    const linked = await library.importById(created.templateId, draft.id)
    expect(linked).toMatchObject({
      id: draft.id,
      templateId: created.templateId,
      syncState: 'pushed',
      ownership: 'unknown',
    })
    expect(corp.sandbox.state.welcomeTemplates.length).toBe(before + 1)
    expect(library.list().items.filter((item) => item.templateId === created.templateId)).toHaveLength(1)

    // Another one: the user chose "create again" after checking it was not created.
    const second = library.save({ content: { text: 'second', attachment: null }, notify: true })
    corp.sandbox.setFaults({ dropResponse: { [ADD]: { count: 1 } } })
    await expect(library.push(second.id)).rejects.toMatchObject({ code: 'welcome_template_maybe_created' })
    const lost = corp.sandbox.state.welcomeTemplates.at(-1)!
    corp.sandbox.state.welcomeTemplates.splice(corp.sandbox.state.welcomeTemplates.indexOf(lost), 1)
    const recreated = await library.push(second.id, { createAgain: true })
    expect(recreated.syncState).toBe('pushed')
    expect(remote(recreated.templateId!)!.text).toBe('second')
  })

  it('an add interrupted between the call and its record (a crash) is found as "may have been created" on the next start', async () => {
    const { library, workspace } = open()
    const draft = library.save({ content: { text: 'crash', attachment: null }, notify: true })
    // What the journal holds when the app stopped after writing it and before recording the answer.
    workspace.db.prepare("UPDATE welcome_templates SET push_op = 'add', push_started_at = 1 WHERE id = ?").run(draft.id)
    const restarted = new WelcomeTemplateLibrary({
      workspace: () => workspace,
      client: async () => corp.client,
      locale: () => 'zh-CN',
    })
    const item = restarted.list().items.find((each) => each.id === draft.id)
    expect(item?.syncState).toBe('maybe_created')
    expect(restarted.get(draft.id).lastError?.hint).toContain('加入群聊欢迎语')
  })

  it('a lost edit answer is simply repeated (edit is idempotent)', async () => {
    const { library } = open()
    const draft = library.save({ content: { text: 'v1', attachment: null }, notify: true })
    const pushed = await library.push(draft.id)
    library.save({ id: draft.id, content: { text: 'v2', attachment: null }, notify: true })
    const edits = calls(EDIT)
    corp.sandbox.setFaults({ dropResponse: { [EDIT]: { count: 1 } } })
    const again = await library.push(draft.id)
    expect(again.syncState).toBe('pushed')
    expect(calls(EDIT)).toBe(edits + 2)
    expect(remote(pushed.templateId!)!.text).toBe('v2')
  })

  it("another app's template: import writes nothing, the first refused edit (41058) makes it view-and-copy only, keeping the draft", async () => {
    const { library } = open()
    const foreign = corp.sandbox.state.welcomeTemplates.find((t) => !t.createdByApi)!
    const edits = calls(EDIT)
    const imported = await library.importById(foreign.templateId)
    expect(imported).toMatchObject({ origin: 'imported', ownership: 'unknown', syncState: 'pushed' })
    expect(imported.content.text).toBe(foreign.text)
    // Import is a read only: no edit was sent, WeCom's text is as it was.
    expect(calls(EDIT)).toBe(edits)
    expect(remote(foreign.templateId)!.text).toBe(foreign.text)
    // The user edits it; the push is refused in words and marks it another app's, the draft kept.
    const draft = library.save({ id: imported.id, content: { text: 'mine', attachment: null }, notify: true })
    expect(draft.syncState).toBe('changed')
    await expect(library.push(imported.id)).rejects.toMatchObject({
      code: 'welcome_template_other_app',
      wecomErrcode: 41058,
      message: expect.stringContaining('41058'),
    })
    const refused = library.get(imported.id)
    expect(refused).toMatchObject({ ownership: 'other_app', content: { text: 'mine' } })
    expect(remote(foreign.templateId)!.text).toBe(foreign.text)
    // Now view-and-copy only: no further save, push or delete reaches WeCom.
    expect(() =>
      library.save({ id: imported.id, content: { text: 'mine 2', attachment: null }, notify: true }),
    ).toThrow(/admin console or by another app/)
    const editsAfter = calls(EDIT)
    await expect(library.push(imported.id)).rejects.toMatchObject({ code: 'welcome_template_other_app' })
    expect(calls(EDIT)).toBe(editsAfter)
    await expect(library.remove(imported.id)).rejects.toMatchObject({ code: 'welcome_template_other_app' })
    expect(remote(foreign.templateId)).toBeDefined()
    // Copy: a new template of this app with the kept draft.
    const copy = library.duplicate(imported.id)
    expect(copy).toMatchObject({ ownership: 'own', syncState: 'draft', content: { text: 'mine' } })
    // Removing it from the library leaves WeCom's template alone.
    await library.remove(imported.id, { localOnly: true })
    expect(remote(foreign.templateId)).toBeDefined()
    // An unknown id is explained.
    await expect(library.importById('msgNOPE')).rejects.toMatchObject({ code: 'welcome_template_unknown_id' })
    // The same id twice makes no second entry.
    await library.importById(foreign.templateId)
    await expect(library.importById(foreign.templateId)).rejects.toMatchObject({
      code: 'welcome_template_already_imported',
    })
  })

  it('refresh finds a template deleted elsewhere and marks it, instead of failing later', async () => {
    const { library } = open()
    const draft = library.save({ content: { text: 'to be deleted elsewhere', attachment: null }, notify: true })
    const pushed = await library.push(draft.id)
    await corp.client.welcomeTemplates.del(pushed.templateId!)
    const refreshed = await library.refresh(draft.id)
    expect(refreshed.syncState).toBe('gone')
    await expect(library.push(draft.id)).rejects.toMatchObject({ code: 'welcome_template_gone' })
    const recreated = await library.push(draft.id, { createAgain: true })
    expect(recreated.syncState).toBe('pushed')
    expect(recreated.templateId).not.toBe(pushed.templateId)

    // Deleted elsewhere and pushed again without a refresh: the refused edit is explained the same way.
    await corp.client.welcomeTemplates.del(recreated.templateId!)
    library.save({ id: draft.id, content: { text: 'changed after', attachment: null }, notify: true })
    await expect(library.push(draft.id)).rejects.toMatchObject({ code: 'welcome_template_gone' })
    expect(library.get(draft.id).syncState).toBe('gone')
  })

  it('checking the whole library marks every template deleted elsewhere, with progress', async () => {
    const { library } = open()
    const ids: string[] = []
    for (const text of ['a', 'b', 'c']) {
      const draft = library.save({ content: { text, attachment: null }, notify: true })
      ids.push((await library.push(draft.id)).templateId!)
    }
    library.save({ content: { text: 'never pushed', attachment: null }, notify: true })
    await corp.client.welcomeTemplates.del(ids[1]!)
    const progress: Array<{ done: number; total: number }> = []
    expect(await library.refreshAll((p) => progress.push(p))).toEqual({ checked: 3, gone: 1, failed: 0 })
    expect(progress[0]).toEqual({ done: 0, total: 3 })
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 })
    expect(library.list({ syncState: 'gone' }).items.map((i) => i.templateId)).toEqual([ids[1]])
  })

  it('delete calls del, keeps the copy in the deleted view (30 days), and restore brings it back as a draft', async () => {
    let now = Date.now()
    const temp = tempWorkspace()
    cleanups.push(temp.remove)
    const library = new WelcomeTemplateLibrary({
      workspace: () => temp.workspace,
      client: async () => corp.client,
      locale: () => 'en',
      now: () => now,
    })
    const draft = library.save({ content: { text: 'bye', attachment: null }, notify: true })
    const pushed = await library.push(draft.id)
    const removed = await library.remove(draft.id)
    expect(removed.deletedAt).toBe(now)
    expect(remote(pushed.templateId!)).toBeUndefined()
    expect(library.list().items.map((i) => i.id)).not.toContain(draft.id)
    expect(library.list({ view: 'deleted' }).items.map((i) => i.id)).toEqual([draft.id])
    const restored = library.restore(draft.id)
    expect(restored).toMatchObject({ syncState: 'draft', content: { text: 'bye' } })
    expect(restored.templateId).toBeUndefined()
    await library.remove(draft.id)
    now += 31 * 24 * 3600 * 1000
    expect(library.list({ view: 'deleted' }).items).toEqual([])
  })

  it('search over the text, filters by attachment kind, and the count against the cap', async () => {
    const { library } = open()
    library.save({ content: { text: `欢迎 ${NICKNAME} 来到新品群`, attachment: null }, notify: true })
    library.save({
      content: { text: '售后群', attachment: { msgtype: 'link', link: { title: '售后指南', url: 'https://e.com' } } },
      notify: true,
    })
    expect(library.list({ search: '新品' }).items).toHaveLength(1)
    expect(library.list({ search: '客户昵称' }).items).toHaveLength(1)
    expect(library.list({ search: '指南' }).items).toHaveLength(1)
    expect(library.list({ kind: 'link' }).items).toHaveLength(1)
    expect(library.list({ kind: 'none' }).items).toHaveLength(1)
    expect(library.list()).toMatchObject({ inCorp: 0, cap: 100, warnAt: 90 })
  })
})

describe('the cap of 100 templates per corp', () => {
  it('warns from 90, refuses a push at 100 with 41055 in words, and the sandbox answers 41055 past 100', async () => {
    const own = await startCorp({ customers: 5, members: 2, groups: 1 })
    cleanups.push(() => own.sandbox.close())
    const { library } = open(own.client)
    const seeded = own.sandbox.state.welcomeTemplates.length
    for (let i = 0; i < 100 - seeded - 11; i++) await own.client.welcomeTemplates.add({ text: { content: `t${i}` } })
    // The library counts what it holds: ten pushed from here make 10, nine more make 19.
    const ids: string[] = []
    for (let i = 0; i < 10; i++) {
      const draft = library.save({ content: { text: `mine ${i}`, attachment: null }, notify: true })
      ids.push((await library.push(draft.id)).id)
    }
    expect(library.list().inCorp).toBe(10)
    expect(own.sandbox.state.welcomeTemplates.length).toBe(99)
    const last = library.save({ content: { text: 'the 100th', attachment: null }, notify: true })
    await library.push(last.id)
    expect(own.sandbox.state.welcomeTemplates.length).toBe(100)
    const over = library.save({ content: { text: 'the 101st', attachment: null }, notify: true })
    const refused = await library
      .push(over.id)
      .catch((error: { code: string; text: { en: string }; hint: { en: string } }) => error)
    expect(refused).toMatchObject({ code: 'welcome_template_cap', wecomErrcode: 41055 })
    expect((refused as { hint: { en: string } }).hint.en).toContain('Delete templates you no longer use')
    expect(library.get(over.id)).toMatchObject({ syncState: 'failed', lastError: { wecomErrcode: 41055 } })
    expect(own.sandbox.state.welcomeTemplates.length).toBe(100)
    // After deleting one here, the push goes through.
    await library.remove(ids[0]!)
    expect((await library.push(over.id)).syncState).toBe('pushed')
  })

  it('an imported image is kept locally only when its bytes are a JPG/PNG, named from the bytes', async () => {
    const { library, media } = open()
    const image = media.add({ filename: 'welcome.png', contentType: 'image/png', dataBase64: PNG.toString('base64') })
    const draft = library.save({ content: { text: 'hi', attachment: { msgtype: 'image', image } }, notify: true })
    const pushed = await library.push(draft.id)
    const picUrl = (library.source(draft.id).pushedContent!.attachment as { picUrl: string }).picUrl
    const honest = await open().library.importById(pushed.templateId!)
    expect(honest.content.attachment).toMatchObject({ msgtype: 'image', picUrl, image: { contentType: 'image/png' } })
    expect((honest.content.attachment as { image: { filename: string } }).image.filename).toMatch(/\.png$/)
    // A host that labels other bytes as an image: only the link is kept, no broken local copy.
    const temp = tempWorkspace()
    cleanups.push(temp.remove)
    const lying = new WelcomeTemplateLibrary({
      workspace: () => temp.workspace,
      client: async () => corp.client,
      locale: () => 'en',
      fetchImage: async () => ({
        bytes: new TextEncoder().encode('<html>not an image</html>'),
        contentType: 'image/jpeg',
      }),
    })
    const linkOnly = await lying.importById(pushed.templateId!)
    expect(linkOnly.content.attachment).toEqual({ msgtype: 'image', picUrl })
  })

  it('the library refuses before any call once it alone counts 100', async () => {
    const own = await startCorp({ customers: 5, members: 2, groups: 1 })
    cleanups.push(() => own.sandbox.close())
    const { library, workspace } = open(own.client)
    const insert = workspace.db.prepare(
      `INSERT INTO welcome_templates (id, template_id, content, origin, ownership, sync_state, created_at, updated_at)
       VALUES (?, ?, '{"text":"x","attachment":null}', 'imported', 'other_app', 'pushed', 1, 1)`,
    )
    for (let i = 0; i < 90; i++) insert.run(`seed-${i}`, `msg-seed-${i}`)
    expect(library.list()).toMatchObject({ inCorp: 90, warnAt: 90 })
    for (let i = 90; i < 100; i++) insert.run(`seed-${i}`, `msg-seed-${i}`)
    const draft = library.save({ content: { text: 'one more', attachment: null }, notify: true })
    const adds = own.sandbox.requestLog.filter((r) => r.path === ADD).length
    await expect(library.push(draft.id)).rejects.toMatchObject({ code: 'welcome_template_cap' })
    expect(own.sandbox.requestLog.filter((r) => r.path === ADD).length).toBe(adds)
  })
})

describe('copy to another profile (another corp)', () => {
  it('creates it there as a new template with its own uploads; another app’s template can be copied too', async () => {
    const second = await startCorp({ customers: 5, members: 2, groups: 1, seed: 9 })
    cleanups.push(() => second.sandbox.close())
    const from = open()
    const to = open(second.client)
    const image = from.media.add({ filename: 'w.png', contentType: 'image/png', dataBase64: PNG.toString('base64') })
    const draft = from.library.save({
      content: { text: `Hi ${NICKNAME}`, attachment: { msgtype: 'image', image } },
      notify: false,
    })
    const pushed = await from.library.push(draft.id)
    const copied = await copyToLibrary(from, draft.id, to)
    expect(copied).toMatchObject({
      origin: 'copied',
      syncState: 'pushed',
      copiedFrom: pushed.templateId,
      notify: false,
    })
    const there = second.sandbox.state.welcomeTemplates.find((t) => t.templateId === copied.templateId)!
    expect(there.text).toBe(`Hi ${NICKNAME}`)
    expect(String(there.attachment!.fields.pic_url)).toContain(second.sandbox.url)
    expect(there.notify).toBe(0)

    // Another app's template, imported (its image downloaded), copies as a new template of this app there.
    const foreign = corp.sandbox.state.welcomeTemplates.find((t) => !t.createdByApi)!
    const imported = await from.library.importById(foreign.templateId)
    const copy = await copyToLibrary(from, imported.id, to)
    expect(copy).toMatchObject({ syncState: 'pushed', ownership: 'own' })
    expect(second.sandbox.state.welcomeTemplates.find((t) => t.templateId === copy.templateId)!.text).toBe(foreign.text)
  })
})
