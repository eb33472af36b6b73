import { Buffer } from 'node:buffer'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { momentDraftInputSchema, type MomentDraftInput } from '../../../../shared/moments-publish'
import { MomentDraftService } from '../../../../electron/core/services/moments/publish/drafts'
import { addMomentMedia } from '../../../../electron/core/services/moments/publish/media'
import { StatementCache } from '../../../../electron/core/store/repositories/statement-cache'
import type { Workspace } from '../../../../electron/core/store/workspace'
import { tempWorkspace } from '../../customers/support'
import { mp4, png } from './harness'

describe('moment drafts: offline, with local media', () => {
  let workspace: Workspace
  let remove: () => void
  let drafts: MomentDraftService
  let clock = 1_000

  beforeEach(() => {
    ;({ workspace, remove } = tempWorkspace())
    drafts = new MomentDraftService(
      () => workspace,
      () => clock++,
    )
  })
  afterEach(() => remove())

  const save = (input: MomentDraftInput) => drafts.save(momentDraftInputSchema.parse(input))
  const add = (kind: 'image' | 'video', bytes: Uint8Array, filename: string, contentType: string) =>
    addMomentMedia(
      () => workspace,
      kind,
      { filename, contentType, dataBase64: Buffer.from(bytes).toString('base64') },
      () => clock,
    )
  const storedFiles = () =>
    (workspace.repository(StatementCache).get('SELECT count(*) AS n FROM local_media').get() as { n: number }).n

  it('autosaves, lists newest first, duplicates and deletes; a stale save is refused', () => {
    const image = add('image', png(1440, 1080, 1), 'a.png', 'image/png')
    expect(image).toMatchObject({ width: 1440, height: 1080, contentType: 'image/png' })
    const first = save({ title: '一', content: { text: '你好', attachments: [{ msgtype: 'image', image }] } })
    const second = save({ title: '二', content: { text: '再见' } })
    expect(drafts.list().map((d) => d.id)).toEqual([second.id, first.id])
    expect(drafts.list()[1]).toMatchObject({ kind: 'image', attachmentCount: 1, excerpt: '你好' })

    const updated = save({ id: first.id, baseRevision: first.revision, title: '一', content: { text: '你好呀' } })
    expect(updated.revision).toBe(first.revision + 1)
    expect(() => save({ id: first.id, baseRevision: first.revision, content: { text: '旧的' } })).toThrow(
      /changed in another window/,
    )

    const copy = drafts.duplicate(first.id)
    expect(copy.id).not.toBe(first.id)
    expect(copy.title).toBe('一（副本）')
    expect(drafts.get(copy.id).content.text).toBe('你好呀')
    drafts.remove(first.id)
    expect(
      drafts
        .list()
        .map((d) => d.id)
        .sort(),
    ).toEqual([second.id, copy.id].sort())
    expect(() => drafts.get(first.id)).toThrow(/not found/)
  })

  it('measures a video and refuses one over 30 s, naming the rule, storing nothing', () => {
    expect(add('video', mp4(29.5), 'clip.mp4', 'video/mp4')).toMatchObject({ durationMs: 29_500 })
    const before = storedFiles()
    expect(() => add('video', mp4(31), 'long.mp4', 'video/mp4')).toThrow(/“long.mp4” runs 31 s, over the 30 s limit/)
    expect(() => add('image', png(1441, 1080, 2), 'wide.png', 'image/png')).toThrow(/1,441×1,080 pixels/)
    expect(() => add('image', new TextEncoder().encode('GIF89a-not-allowed'), 'a.gif', 'image/gif')).toThrow(
      /not a JPG or PNG/,
    )
    expect(() => add('video', png(10, 10, 3), 'movie.mp4', 'video/mp4')).toThrow(/not an MP4 video/)
    expect(storedFiles()).toBe(before)
  })

  it('refuses a file over 10 MB by its size before reading it', () => {
    const big = 'A'.repeat(Math.ceil(((10 * 1024 * 1024 + 10) * 4) / 3))
    expect(() =>
      addMomentMedia(
        () => workspace,
        'image',
        { filename: 'big.png', contentType: 'image/png', dataBase64: big },
        () => clock,
      ),
    ).toThrow(/over the 10 MB size limit/)
  })
})
