import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { draftInputSchema, type DraftInput } from '../../../../shared/massMessages'
import { AppError } from '../../../../electron/core/errors'
import { DraftRepository } from '../../../../electron/core/store/repositories/drafts'
import { LocalMediaRepository } from '../../../../electron/core/store/repositories/local-media'
import { DraftService } from '../../../../electron/core/services/massMessages/drafts/drafts'
import { openWorkspace } from '../../../../electron/core/store/workspace'
import { useTempDir } from '../../store/temp-dir'

const tempDir = useTempDir()

function setup() {
  const workspace = openWorkspace(join(tempDir(), 'workspace.db'))
  return { workspace, drafts: workspace.repository(DraftRepository), media: workspace.repository(LocalMediaRepository) }
}

const input = (draft: DraftInput) => draftInputSchema.parse(draft)

describe('DraftRepository', () => {
  it('creates a draft at revision 1 and bumps the revision on every save', () => {
    const { drafts } = setup()
    const created = drafts.save(input({ chatType: 'single', content: { text: '双十一 大促 🎉' } }), 1000)
    expect(created).toMatchObject({ revision: 1, createdAt: 1000, updatedAt: 1000, excerpt: '双十一 大促 🎉' })
    const updated = drafts.save(
      input({ id: created.id, title: '促销', chatType: 'single', content: { text: '新文字' }, baseRevision: 1 }),
      2000,
    )
    expect(updated).toMatchObject({ id: created.id, revision: 2, createdAt: 1000, updatedAt: 2000, title: '促销' })
    expect(drafts.get(created.id)).toEqual({
      id: created.id,
      title: '促销',
      chatType: 'single',
      content: { text: '新文字', attachments: [] },
      targeting: { mode: 'filter', filter: {} },
      revision: 2,
      createdAt: 1000,
      updatedAt: 2000,
    })
  })

  it('refuses a save based on an older revision, with a bilingual draft_conflict', () => {
    const { drafts } = setup()
    const { id } = drafts.save(input({ chatType: 'group', content: { text: 'a' } }), 1)
    drafts.save(input({ id, chatType: 'group', content: { text: 'from window A' }, baseRevision: 1 }), 2)
    let error: unknown
    try {
      drafts.save(input({ id, chatType: 'group', content: { text: 'stale window B' }, baseRevision: 1 }), 3)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'draft_conflict' })
    expect((error as AppError).text['zh-CN']).toContain('另一个窗口')
    expect((error as AppError).text.en).toContain('another window')
    expect(drafts.get(id)).toMatchObject({ revision: 2, content: { text: 'from window A' } })
  })

  it('saves without baseRevision unconditionally, and creates a draft under a new given id', () => {
    const { drafts } = setup()
    const made = drafts.save(input({ id: 'editor-made-id', chatType: 'single', content: { text: 'x' } }), 5)
    expect(made).toMatchObject({ id: 'editor-made-id', revision: 1 })
    expect(drafts.save(input({ id: 'editor-made-id', chatType: 'single', content: { text: 'y' } }), 6).revision).toBe(2)
  })

  it('lists newest first with a one-line excerpt that never splits an emoji', () => {
    const { drafts } = setup()
    drafts.save(input({ title: 'old', chatType: 'single', content: { text: 'first' } }), 10)
    const long = '👍'.repeat(100)
    const attachments: DraftInput['content']['attachments'] = [
      { msgtype: 'link', link: { title: 't' } },
      { msgtype: 'image' },
    ]
    drafts.save(input({ title: 'new', chatType: 'single', content: { text: `line1\n\n${long}`, attachments } }), 20)
    const list = drafts.list()
    expect(list.map((d) => d.title)).toEqual(['new', 'old'])
    expect(list[0]!.attachmentCount).toBe(2)
    expect(list[0]!.excerpt.startsWith('line1 👍')).toBe(true)
    expect(list[0]!.excerpt.endsWith('…')).toBe(true)
    expect(list[0]!.excerpt).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })

  it('duplicates under a new id at revision 1 and removes', () => {
    const { drafts } = setup()
    const { id } = drafts.save(input({ title: '周末活动', chatType: 'single', content: { text: 'hi' } }), 1)
    const copy = drafts.duplicate(id, 50)!
    expect(copy).toMatchObject({ title: '周末活动（副本）', revision: 1, createdAt: 50 })
    expect(copy.id).not.toBe(id)
    expect(drafts.get(copy.id)!.content).toEqual(drafts.get(id)!.content)
    expect(drafts.duplicate('missing', 1)).toBeUndefined()
    expect(drafts.remove(id)).toBe(true)
    expect(drafts.remove(id)).toBe(false)
    expect(drafts.get(id)).toBeUndefined()
  })
})

describe('drafts saved before targeting had a schema', () => {
  /** What older versions accepted and stored: any JSON object as targeting, anything in attachments. */
  const legacy = [
    { mode: 'filter', filter: { members: ['zhangsan'] }, note: '旧版本' },
    { mode: 'customers', externalUserids: ['wmA', 7], extra: { deep: { deeper: [1, [2, [3]]] } } },
    { picked: ['wrX'] },
  ]

  it('still load, list and duplicate, and save again in today’s shape', () => {
    const { workspace } = setup()
    const service = new DraftService(
      () => workspace,
      () => 1000,
    )
    for (const targeting of legacy) {
      const { id } = service.save(input({ title: '旧草稿', chatType: 'single', content: { text: '你好' } }))
      workspace.db
        .prepare('UPDATE drafts SET targeting = ?, content = ? WHERE id = ?')
        .run(JSON.stringify(targeting), JSON.stringify({ text: '你好', attachments: [{ msgtype: 'music' }] }), id)

      const stored = service.get(id)
      expect(stored).toMatchObject({ targeting, content: { attachments: [{ msgtype: 'music' }] } })
      expect(service.duplicate(id)).toMatchObject({ title: '旧草稿（副本）', attachmentCount: 1 })
      expect(service.get(id).targeting).toEqual(targeting)
      const resaved = service.save(
        input({ id, chatType: 'single', content: { text: '你好' }, baseRevision: stored.revision }),
      )
      expect(resaved.revision).toBe(stored.revision + 1)
      expect(service.get(id).targeting).toEqual({ mode: 'filter', filter: {} })
    }
    expect(service.list()).toHaveLength(legacy.length * 2)
  })
})

describe('LocalMediaRepository', () => {
  it('stores bytes once per content and reads them back', () => {
    const { media } = setup()
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])
    const first = media.add({ filename: 'a.bin', contentType: 'application/octet-stream', bytes }, 1)
    expect(first).toMatchObject({ filename: 'a.bin', size: 8 })
    const again = media.add({ filename: 'b.bin', contentType: 'application/octet-stream', bytes }, 2)
    expect(again).toMatchObject({ localMediaId: first.localMediaId, filename: 'b.bin', size: 8 })
    const other = media.add({ filename: 'c.bin', contentType: 'application/zip', bytes: bytes.slice(1) }, 3)
    expect(other.localMediaId).not.toBe(first.localMediaId)
    const stored = media.get(first.localMediaId)!
    expect(stored.ref).toEqual({ ...first, filename: 'a.bin' })
    expect(Array.from(stored.bytes)).toEqual(Array.from(bytes))
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(media.get('missing')).toBeUndefined()
  })
})
