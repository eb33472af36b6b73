import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import type { SendStep } from '../../../../electron/core/services/massMessages/sending/send-run'
import { SMALL_CORP } from '../../customers/support'
import { createdMessages, openCampaignCore, tempDataDir, type CampaignCore } from './harness'

const ADD_MSG_TEMPLATE = 'externalcontact/add_msg_template'
/** Tight timing: the sandbox answers at once, so a short settle window is enough. */
const TIMING = { reconcileSettleMs: 200, dispatchPollMs: 100 }

class SimulatedCrash extends Error {}

describe('send journal recovery', () => {
  let sandbox: SandboxHandle
  let dataDir: string
  let open: CampaignCore[]

  beforeEach(async () => {
    sandbox = await startSandbox({ customers: 20_001, members: 50, groups: 0 })
    dataDir = tempDataDir()
    open = []
  })
  afterEach(async () => {
    for (const core of open) await core.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  async function start(crashAt?: { step: SendStep; seq: number }): Promise<CampaignCore> {
    const onStep = (step: SendStep, seq: number) => {
      if (crashAt && step === crashAt.step && seq === crashAt.seq) throw new SimulatedCrash(`${step} ${seq}`)
    }
    const core = await openCampaignCore(dataDir, sandbox, { ...TIMING, onStep })
    open.push(core)
    return core
  }

  /** A draft to every customer of the sandbox: 3 chunks (10,000 / 10,000 / 1). */
  async function draftForAll(core: CampaignCore): Promise<{ draftId: string; customers: string[] }> {
    const customers = sandbox.state.customers.map((customer) => customer.externalUserid).sort()
    const draftId = await core.saveDraft({
      chatType: 'single',
      content: {
        text: '双十一预售开始啦',
        attachments: [{ msgtype: 'link', link: { title: '预售', url: 'https://example.com/sale' } }],
      },
      targeting: { mode: 'customers', externalUserids: customers },
    })
    return { draftId, customers }
  }

  /** The msgids of the last `count` messages the sandbox created, oldest first. */
  function createdMessageIds(count: number): string[] {
    return sandbox.state.massMessages.slice(-count).map((message) => message.msgid)
  }

  /** How many times WeCom created a message for each chunk's recipients. */
  function createdPerChunk(core: CampaignCore, jobId: string): number[] {
    const created = createdMessages(sandbox).map((body) => JSON.stringify(body.external_userid))
    return core
      .journal()
      .chunks(jobId)
      .map((chunk) => created.filter((recipients) => recipients === JSON.stringify(chunk.recipients)).length)
  }

  it('reconciles a dropped answer to the message WeCom created, without calling add_msg_template again', async () => {
    const core = await start()
    const { draftId } = await draftForAll(core)
    sandbox.setFaults({ dropResponse: { [ADD_MSG_TEMPLATE]: { count: 1 } } })

    const job = core.campaigns.send({ draftId })
    await core.campaigns.idle()

    const [dropped] = core.journal().chunks(job.id)
    const created = createdMessageIds(3)
    expect(dropped).toMatchObject({ state: 'sent', msgid: created[0] })
    expect(core.updates.some((update) => update.id === job.id && update.chunks.unknown === 1)).toBe(true)
    expect(core.updates.some((update) => update.id === job.id && update.state === 'reconciling')).toBe(true)
    expect(createdPerChunk(core, job.id)).toEqual([1, 1, 1])
    expect(sandbox.requestLog.filter((record) => record.path === ADD_MSG_TEMPLATE)).toHaveLength(3)
    expect(core.campaigns.jobs()[0]).toMatchObject({ state: 'done', msgids: created })
  })

  it.each([
    { step: 'before-call', happened: 'never happened: it is sent again, once', createdBeforeRestart: 1 },
    {
      step: 'after-call',
      happened: 'happened but its answer was lost: it is found, not resent',
      createdBeforeRestart: 2,
    },
  ] as const)('crash at $step of chunk 1 — the call $happened', async ({ step, createdBeforeRestart }) => {
    const first = await start({ step, seq: 1 })
    const { draftId } = await draftForAll(first)
    const job = first.campaigns.send({ draftId })
    await first.campaigns.idle()
    const states = (core: CampaignCore) =>
      core
        .journal()
        .chunks(job.id)
        .map((chunk) => chunk.state)
    expect(states(first)).toEqual(['sent', 'in_flight', 'pending'])
    expect(createdMessages(sandbox)).toHaveLength(createdBeforeRestart)
    await first.close()

    const second = await start()
    await second.campaigns.idle()
    expect(states(second)).toEqual(['sent', 'sent', 'sent'])
    expect(createdPerChunk(second, job.id)).toEqual([1, 1, 1])
    expect(
      second
        .journal()
        .chunks(job.id)
        .map((chunk) => chunk.msgid),
    ).toEqual(createdMessageIds(3))
    expect(second.campaigns.jobs()[0]?.state).toBe('done')
  })
})

describe('send journal recovery for group messages', () => {
  it('tells two owners’ dropped group messages apart by sender and groups', async () => {
    const sandbox = await startSandbox({ ...SMALL_CORP, taskSpeed: 100 })
    const dataDir = tempDataDir()
    const core = await openCampaignCore(dataDir, sandbox, TIMING)
    try {
      expect(await core.syncCache()).toMatchObject({ state: 'done' })
      const [first, second] = [...new Set(sandbox.state.groupChats.map((chat) => chat.owner))]
      const picked = sandbox.state.groupChats.filter((chat) => chat.owner === first || chat.owner === second)
      const draftId = await core.saveDraft({
        chatType: 'group',
        content: { text: '群内抽奖活动今晚开始', attachments: [] },
        targeting: { mode: 'groups', chatIds: picked.map((chat) => chat.chatId) },
      })
      sandbox.setFaults({ dropResponse: { [ADD_MSG_TEMPLATE]: { count: 2 } } })

      const job = core.campaigns.send({ draftId })
      await core.campaigns.idle()

      const created = createdMessages(sandbox)
      const chunks = core.journal().chunks(job.id)
      expect(created).toHaveLength(2)
      expect(chunks.map((chunk) => chunk.state)).toEqual(['sent', 'sent'])
      for (const chunk of chunks) {
        const message = sandbox.state.massMessages.find((candidate) => candidate.msgid === chunk.msgid)
        expect(message?.tasks.map((task) => task.userid)).toEqual([chunk.sender])
        expect(created.filter((body) => body.sender === chunk.sender)).toHaveLength(1)
      }
    } finally {
      await core.close()
      await sandbox.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
