import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { DraftService } from '../../../../electron/core/services/massMessages/drafts/drafts'
import { DraftSends } from '../../../../electron/core/services/massMessages/sending/draft-sends'
import { contentFingerprint } from '../../../../electron/core/services/massMessages/sending/fingerprint'
import { withLocalFacts } from '../../../../electron/core/services/massMessages/history/local-facts'
import type { DraftInput } from '../../../../shared/massMessages'
import { SMALL_CORP } from '../../customers/support'
import { createdMessages, openCampaignCore, tempDataDir, type CampaignCore } from './harness'

/**
 * "Send to myself first": one add_msg_template naming the member, to one customer or one group,
 * through the send journal (exactly once), marked as a test; the draft is not marked as sent.
 */
describe('a test send', () => {
  let sandbox: SandboxHandle
  let core: CampaignCore
  let dataDir: string
  let drafts: DraftService

  beforeAll(async () => {
    sandbox = await startSandbox({ ...SMALL_CORP, taskSpeed: 100 })
    dataDir = tempDataDir()
    core = await openCampaignCore(dataDir, sandbox)
    drafts = new DraftService(core.ctx.workspace)
    expect(await core.syncCache()).toMatchObject({ state: 'done' })
  })
  afterAll(async () => {
    await core.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const listed = (id: string) => drafts.list().find((summary) => summary.id === id)

  it('sends a customer draft to one customer of the member, as a test, and leaves the draft unsent', async () => {
    const customer = sandbox.state.customers[0]!
    const member = customer.follows[0]!.userid
    const text = '新品试用装免费领'
    const draftId = await core.saveDraft({
      title: '新品试用',
      chatType: 'single',
      content: { text, attachments: [] },
      targeting: { mode: 'filter', filter: {} },
    } satisfies DraftInput)
    const since = sandbox.requestLog.length

    const job = core.campaigns.sendTest({ draftId, sender: member, externalUserid: customer.externalUserid })
    expect(job).toMatchObject({ test: true, recipients: 1, draftId })
    await core.campaigns.idle()

    // One call, naming the member and the one customer.
    const calls = createdMessages(sandbox, since)
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ sender: member, external_userid: [customer.externalUserid] })
    // Journaled like any send: one chunk, sent, with its msgid; the job list shows it as a test.
    const done = core.campaigns.jobs().find((candidate) => candidate.id === job.id)!
    expect(done).toMatchObject({ state: 'done', test: true, chunks: { total: 1, sent: 1 } })
    expect(done.msgids).toHaveLength(1)
    expect(core.updates.filter((update) => update.id === job.id).every((update) => update.test)).toBe(true)

    // The draft stays unsent, and sending it for real does not ask "sent already?".
    expect(listed(draftId)?.send).toBeUndefined()
    expect(drafts.get(draftId).send).toBeUndefined()
    const sends = core.ctx.workspace().repository(DraftSends)
    expect(sends.sameContent(contentFingerprint({ text, attachments: [] }), Date.now())).toBeUndefined()
    expect(core.campaigns.preview(draftId).earlierSend).toBeUndefined()

    // The history shows its message as a test of this console.
    const [summary] = withLocalFacts(
      core.ctx.workspace(),
      [
        {
          msgid: done.msgids[0]!,
          chatType: 'single',
          createType: 0,
          createTime: Date.now(),
          text,
          attachmentTypes: [],
        },
      ],
      { profileName: '沙箱' },
    )
    expect(summary).toMatchObject({ title: '新品试用', sentHere: { profileName: '沙箱' }, test: true })

    // A real send then marks the draft as sent, and is not a test.
    const real = core.campaigns.send({ draftId })
    await core.campaigns.idle()
    expect(real.test).toBeUndefined()
    expect(listed(draftId)?.send).toMatchObject({ state: 'sent', jobId: real.id })
  })

  it('sends a group draft to one group the member owns', async () => {
    const chat = sandbox.state.groupChats[0]!
    const draftId = await core.saveDraft({
      title: '群测试',
      chatType: 'group',
      content: { text: '群发测试', attachments: [] },
      targeting: { mode: 'groupsByOwner', senders: [] },
    })
    const since = sandbox.requestLog.length
    const job = core.campaigns.sendTest({ draftId, sender: chat.owner, chatId: chat.chatId })
    await core.campaigns.idle()
    expect(createdMessages(sandbox, since)).toEqual([
      expect.objectContaining({ sender: chat.owner, chat_id_list: [chat.chatId] }),
    ])
    expect(core.campaigns.jobs().find((candidate) => candidate.id === job.id)).toMatchObject({
      state: 'done',
      test: true,
    })
    expect(listed(draftId)?.send).toBeUndefined()
  })

  it('refuses a customer the member does not follow, or a group the member does not own, before any call', async () => {
    const draftId = await core.saveDraft({
      title: '',
      chatType: 'single',
      content: { text: '你好', attachments: [] },
      targeting: { mode: 'filter', filter: {} },
    })
    const customer = sandbox.state.customers.find((c) => c.follows.length === 1)!
    const stranger = sandbox.state.members.find((m) => m.userid !== customer.follows[0]!.userid)!
    const since = sandbox.requestLog.length
    expect(() =>
      core.campaigns.sendTest({ draftId, sender: stranger.userid, externalUserid: customer.externalUserid }),
    ).toThrow(expect.objectContaining({ code: 'test_recipient_invalid' }))
    // A customer draft's test goes to a customer, not a group.
    const chat = sandbox.state.groupChats[0]!
    expect(() => core.campaigns.sendTest({ draftId, sender: chat.owner, chatId: chat.chatId })).toThrow(
      expect.objectContaining({ code: 'test_recipient_invalid' }),
    )
    expect(createdMessages(sandbox, since)).toEqual([])
  })
})
