import { describe, expect, it } from 'vitest'
import { DraftService } from '../../../../electron/core/services/massMessages/drafts/drafts'
import { copyMessageAsDraft } from '../../../../electron/core/services/massMessages/history/copy'
import { listGroupMessages } from '../../../../electron/core/services/massMessages/history/list'
import { MessageCache } from '../../../../electron/core/services/massMessages/history/message-cache'
import { LocalMediaRepository } from '../../../../electron/core/store/repositories/local-media'
import { SendJournalRepository } from '../../../../electron/core/store/repositories/send-journal'
import type { Attachment } from '../../../../shared/massMessages'
import { pngBytes } from '../../wecom/support'
import { DAY_MS, useTrackingCorp, type TrackingCorp } from './support'

const corp = useTrackingCorp()
const VIEWER = { profileName: '华东门店' }
const APPID = 'wx0123456789abcdef'
const LINK = {
  title: '会员日活动',
  url: 'https://example.com/member-day',
  desc: '满 300 减 50',
  picurl: 'https://example.com/a.png',
}

/** A customer message created in WeCom by something else than this console, with a link, a mini program and an image. */
async function createElsewhere(c: TrackingCorp): Promise<string> {
  const image = await c.client.media.upload('image', { filename: 'a.png', contentType: 'image/png', data: pngBytes() })
  const { msgid } = await c.client.massMessages.addMsgTemplate({
    external_userid: c.sandbox.state.customers.slice(0, 3).map((customer) => customer.externalUserid),
    text: { content: '会员日全场八折' },
    attachments: [
      { msgtype: 'link', link: LINK },
      {
        msgtype: 'miniprogram',
        miniprogram: { title: '积分商城', appid: APPID, page: 'pages/index/index', pic_media_id: image.media_id },
      },
      { msgtype: 'image', image: { media_id: image.media_id } },
    ],
  })
  return msgid
}

const client = (c: TrackingCorp) => () => Promise.resolve(c.client)
const draftOf = (c: TrackingCorp, id: string) => new DraftService(() => c.workspace).get(id)

describe('copy a sent message as a new draft (issue 9: duplicate a sent message)', () => {
  it('keeps the text, the link and the mini program’s fields of a message listed by WeCom; names the image and the cover to choose again', async () => {
    const c = await corp()
    const msgid = await createElsewhere(c)
    c.clock.advance(4 * DAY_MS)
    const now = c.clock.now()
    await listGroupMessages(
      c.client,
      c.workspace,
      { chatType: 'single', from: now - 5 * DAY_MS, to: now, filterType: 2 },
      VIEWER,
      now,
    )

    const copied = await copyMessageAsDraft(client(c), c.workspace, msgid, VIEWER, now)
    expect(copied.uncopied).toEqual([
      { index: 1, msgtype: 'miniprogram' },
      { index: 2, msgtype: 'image' },
    ])
    const draft = draftOf(c, copied.draft.id)
    expect(draft.chatType).toBe('single')
    expect(draft.content).toEqual({
      text: '会员日全场八折',
      attachments: [
        { msgtype: 'link', link: LINK },
        { msgtype: 'miniprogram', miniprogram: { title: '积分商城', appid: APPID, page: 'pages/index/index' } },
        { msgtype: 'image' },
      ],
    })
  })

  it('lists the message’s second again when it was cached before attachments were kept', async () => {
    const c = await corp()
    const msgid = await createElsewhere(c)
    const now = c.clock.now() + 60_000
    await listGroupMessages(
      c.client,
      c.workspace,
      { chatType: 'single', from: now - DAY_MS, to: now, filterType: 2 },
      VIEWER,
      now,
    )
    // As an older version cached it: the summary only.
    const cache = c.workspace.repository(MessageCache)
    cache.remember([cache.get(msgid)!], now)
    expect(cache.attachments(msgid)).toBeUndefined()

    const copied = await copyMessageAsDraft(client(c), c.workspace, msgid, VIEWER, now)
    expect(draftOf(c, copied.draft.id).content.attachments).toEqual([
      { msgtype: 'link', link: LINK },
      { msgtype: 'miniprogram', miniprogram: { title: '积分商城', appid: APPID, page: 'pages/index/index' } },
      { msgtype: 'image' },
    ])
  })

  it('copies what this console sent whole, files included, while their bytes are kept; a file whose bytes are gone is to be chosen again', async () => {
    const c = await corp()
    const media = c.workspace.repository(LocalMediaRepository)
    const picture = media.add(
      { filename: '海报.png', contentType: 'image/png', bytes: new Uint8Array(2048).fill(7) },
      1,
    )
    const cover = media.add({ filename: '封面.png', contentType: 'image/png', bytes: new Uint8Array(2048).fill(9) }, 1)
    const lost = { localMediaId: 'gone-1', filename: '价目表.pdf', contentType: 'application/pdf', size: 4096 }
    const attachments: Attachment[] = [
      { msgtype: 'image', image: picture },
      { msgtype: 'link', link: LINK },
      { msgtype: 'miniprogram', miniprogram: { title: '积分商城', appid: APPID, page: 'pages/index/index', cover } },
      { msgtype: 'file', file: lost },
    ]
    const journal = c.workspace.repository(SendJournalRepository)
    const at = c.clock.now()
    journal.createJob(
      {
        id: 'job-1',
        title: '会员日',
        chatType: 'single',
        content: { text: '会员日全场八折', attachments },
        contentFingerprint: 'x',
        state: 'sending',
        recipientCount: 1,
        createdAt: at,
        updatedAt: at,
      },
      [{ seq: 0, sender: '', recipients: ['wm1'], recipientCount: 1 }],
    )
    journal.markSent('job-1', 0, 'msg-sent-here', [], at)
    const before = c.sandbox.requestLog.length

    const copied = await copyMessageAsDraft(client(c), c.workspace, 'msg-sent-here', VIEWER, at)
    // All from the journal: WeCom is not asked.
    expect(c.sandbox.requestLog.length).toBe(before)
    expect(copied.uncopied).toEqual([{ index: 3, msgtype: 'file' }])
    const draft = draftOf(c, copied.draft.id)
    expect(draft.title).toBe('会员日')
    expect(draft.content).toEqual({
      text: '会员日全场八折',
      attachments: [...attachments.slice(0, 3), { msgtype: 'file' }],
    })
  })
})
