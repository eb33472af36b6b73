import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { DraftService } from '../../../../electron/core/services/massMessages/drafts/drafts'
import { draftInputSchema, REPEAT_SEND_WINDOW_MS, type DraftInput } from '../../../../shared/massMessages'
import { SMALL_CORP } from '../../customers/support'
import { openCampaignCore, tempDataDir, type CampaignCore } from './harness'

/**
 * A sent draft is marked as sent (with its messages) or scheduled (with its time), derived from the
 * send journal; the same content sent again within a day is named by the preview.
 */
describe('a draft’s send state and repeated content', () => {
  let sandbox: SandboxHandle
  let core: CampaignCore
  let dataDir: string
  let drafts: DraftService
  /** Added to the real clock: moves the campaign service's "now" forward. */
  let later = 0

  beforeAll(async () => {
    sandbox = await startSandbox({ ...SMALL_CORP, taskSpeed: 100 })
    dataDir = tempDataDir()
    core = await openCampaignCore(dataDir, sandbox, { now: () => Date.now() + later })
    drafts = new DraftService(core.ctx.workspace)
    expect(await core.syncCache()).toMatchObject({ state: 'done' })
  })
  afterAll(async () => {
    await core.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const customers = (from: number, to: number) =>
    sandbox.state.customers.slice(from, to).map((customer) => customer.externalUserid)
  const single = (title: string, text: string, externalUserids: string[]): DraftInput => ({
    title,
    chatType: 'single',
    content: { text, attachments: [] },
    targeting: { mode: 'customers', externalUserids },
  })
  const listed = (id: string) => drafts.list().find((summary) => summary.id === id)

  it('marks a draft sent in several batches with all its messages, first batch first', async () => {
    const owners = [...new Set(sandbox.state.groupChats.map((chat) => chat.owner))].slice(0, 2)
    const chatIds = sandbox.state.groupChats.filter((chat) => owners.includes(chat.owner)).map((chat) => chat.chatId)
    const input: DraftInput = {
      title: '群内通知',
      chatType: 'group',
      content: { text: '本周六群内抽奖', attachments: [] },
      targeting: { mode: 'groups', chatIds },
    }
    const id = await core.saveDraft(input)
    expect(listed(id)?.send).toBeUndefined()
    const job = core.campaigns.send({ draftId: id })
    await core.campaigns.idle()
    const done = core.campaigns.jobs().find((candidate) => candidate.id === job.id)!
    expect(done).toMatchObject({ state: 'done', chunks: { total: 2, sent: 2 } })

    const send = { state: 'sent', jobId: job.id, at: job.createdAt, msgids: done.msgids }
    expect(done.msgids).toHaveLength(2)
    expect(listed(id)?.send).toEqual(send)
    expect(drafts.get(id).send).toEqual(send)
    // An edit of a sent draft keeps its mark in the list.
    const saved = drafts.save(draftInputSchema.parse({ ...input, id, content: { text: '改过的', attachments: [] } }))
    expect(saved.send).toEqual(send)
  })

  it('marks a scheduled draft with its time, and a cancelled schedule leaves a plain draft', async () => {
    const id = await core.saveDraft(single('周末活动', '周末限时九折', customers(0, 20)))
    const scheduledAt = Date.now() + 3 * 24 * 3600 * 1000
    const job = core.campaigns.send({ draftId: id, scheduledAt })
    expect(listed(id)?.send).toEqual({ state: 'scheduled', jobId: job.id, at: scheduledAt, msgids: [] })
    expect(drafts.get(id).send).toMatchObject({ state: 'scheduled', at: scheduledAt })

    core.campaigns.cancelJob(job.id)
    expect(listed(id)?.send).toBeUndefined()
    expect(drafts.get(id).send).toBeUndefined()
  })

  it('names the earlier send of the same content within a day, from any draft, before sending again', async () => {
    const first = await core.saveDraft(single('会员日', '会员日全场八折', customers(40, 50)))
    const copy = await core.saveDraft(single('会员日（副本）', '会员日全场八折', customers(50, 60)))
    const other = await core.saveDraft(single('新品', '新品上市', customers(60, 70)))
    expect(core.campaigns.preview(copy).earlierSend).toBeUndefined()

    const job = core.campaigns.send({ draftId: first })
    await core.campaigns.idle()
    const msgids = core.campaigns.jobs().find((candidate) => candidate.id === job.id)!.msgids
    const earlier = { title: '会员日', draftId: first, jobId: job.id, at: job.createdAt, state: 'sent', msgids }
    expect(core.campaigns.preview(copy).earlierSend).toEqual(earlier)
    expect(core.campaigns.preview(first).earlierSend).toEqual(earlier)
    expect(core.campaigns.preview(other).earlierSend).toBeUndefined()

    // A day later the same content goes without asking.
    later = REPEAT_SEND_WINDOW_MS + 60_000
    try {
      expect(core.campaigns.preview(copy).earlierSend).toBeUndefined()
    } finally {
      later = 0
    }
  })

  it('refuses to send the same content again within the window unless the call says the user confirmed', async () => {
    const first = await core.saveDraft(single('周年庆', '周年庆满 200 减 30', customers(100, 110)))
    const again = await core.saveDraft(single('', '周年庆满 200 减 30', customers(110, 120)))
    const job = core.campaigns.send({ draftId: first })
    await core.campaigns.idle()
    const jobsBefore = core.campaigns.jobs().length

    // The core itself refuses, naming the earlier send by its title, in both languages.
    let refusal: unknown
    try {
      core.campaigns.send({ draftId: again })
    } catch (error) {
      refusal = error
    }
    expect(refusal).toMatchObject({ code: 'campaign_repeat_unconfirmed' })
    const { text } = refusal as { text: { 'zh-CN': string; en: string } }
    expect(text['zh-CN']).toContain('「周年庆」')
    expect(text.en).toContain('“周年庆”')
    expect(core.campaigns.jobs()).toHaveLength(jobsBefore)
    expect(listed(again)?.send).toBeUndefined()
    // Resending the very same draft is refused the same way.
    expect(() => core.campaigns.send({ draftId: first })).toThrow(/周年庆/)
    expect(() => core.campaigns.send({ draftId: again, confirmRepeat: false })).toThrow(/周年庆/)

    // Confirmed: it goes, and the draft is marked sent.
    const repeat = core.campaigns.send({ draftId: again, confirmRepeat: true })
    expect(repeat.id).not.toBe(job.id)
    await core.campaigns.idle()
    expect(listed(again)?.send).toMatchObject({ state: 'sent', jobId: repeat.id })
  })

  it('names a scheduled send of the same content, however far ahead', async () => {
    const scheduled = await core.saveDraft(single('双十一预告', '双十一预售开始', customers(80, 90)))
    const now = await core.saveDraft(single('', '双十一预售开始', customers(90, 100)))
    const scheduledAt = Date.now() + 20 * 24 * 3600 * 1000
    const job = core.campaigns.send({ draftId: scheduled, scheduledAt })
    expect(core.campaigns.preview(now).earlierSend).toMatchObject({
      title: '双十一预告',
      state: 'scheduled',
      at: scheduledAt,
      jobId: job.id,
    })
    // Sending it now anyway is refused by the core too, naming the scheduled one.
    let refusal: unknown
    try {
      core.campaigns.send({ draftId: now })
    } catch (error) {
      refusal = error
    }
    expect((refusal as { text: { en: string } }).text.en).toContain('already scheduled as “双十一预告”')
    core.campaigns.cancelJob(job.id)
    expect(core.campaigns.preview(now).earlierSend).toBeUndefined()
    expect(core.campaigns.send({ draftId: now }).state).toBe('preparing')
  })
})
