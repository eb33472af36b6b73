import { Buffer } from 'node:buffer'
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalMediaService } from '../../../../electron/core/media/local-media'
import { AppError } from '../../../../electron/core/errors'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { createdMessages, openCampaignCore, tempDataDir, type CampaignCore } from './harness'

const ADD_MSG_TEMPLATE = 'externalcontact/add_msg_template'

describe('sending outcomes', () => {
  let sandbox: SandboxHandle
  let core: CampaignCore
  let dataDir: string
  /** 10,001 customers: two add_msg_template calls. */
  let everyone: string[]

  beforeAll(async () => {
    sandbox = await startSandbox({ customers: 10_001, members: 30, groups: 0 })
    dataDir = tempDataDir()
    core = await openCampaignCore(dataDir, sandbox, { reconcileSettleMs: 200, dispatchPollMs: 100 })
    everyone = sandbox.state.customers.map((customer) => customer.externalUserid)
  })
  afterAll(async () => {
    await core.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('refuses invalid content in both languages before any WeCom call', async () => {
    const image = await new LocalMediaService(core.ctx.workspace).add({
      filename: 'poster.png',
      contentType: 'image/png',
      dataBase64: Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(32),
      ]).toString('base64'),
    })
    const draftId = await core.saveDraft({
      chatType: 'single',
      content: { text: '字'.repeat(1500), attachments: [{ msgtype: 'image', image }] },
      targeting: { mode: 'customers', externalUserids: everyone.slice(0, 5) },
    })
    const since = sandbox.requestLog.length

    let refusal: unknown
    try {
      core.campaigns.send({ draftId })
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(AppError)
    expect(refusal).toMatchObject({ code: 'campaign_invalid' })
    expect((refusal as AppError).text.en).toContain('at most 4,000 bytes')
    expect((refusal as AppError).text['zh-CN']).toContain('最多 4,000 字节')
    await core.campaigns.idle()
    expect(sandbox.requestLog.slice(since)).toEqual([])
    expect(core.campaigns.jobs()).toEqual([])
  })

  it('records a refusal WeCom answered as a failed chunk and ends the job partial, with WeCom’s explanation', async () => {
    sandbox.setFaults({ forcedErrcodes: { [ADD_MSG_TEMPLATE]: { errcode: 48002, count: 1 } } })
    const draftId = await core.saveDraft({
      chatType: 'single',
      content: { text: '会员日提醒', attachments: [] },
      targeting: { mode: 'customers', externalUserids: everyone },
    })
    const job = core.campaigns.send({ draftId })
    await core.campaigns.idle()

    expect(
      core
        .journal()
        .chunks(job.id)
        .map((chunk) => [chunk.state, chunk.errcode]),
    ).toEqual([
      ['failed', 48002],
      ['sent', undefined],
    ])
    const [summary] = core.campaigns.jobs()
    expect(summary).toMatchObject({ state: 'partial', chunks: { total: 2, sent: 1, failed: 1 } })
    expect(summary?.message).toBeTruthy()
    expect(summary?.hint).toBeTruthy()
  })

  it('reconciles an HTTP 502 on the write (nothing was created) and sends the chunk once', async () => {
    sandbox.setFaults({ httpStatus: { [ADD_MSG_TEMPLATE]: { status: 502, count: 1 } } })
    const draftId = await core.saveDraft({
      chatType: 'single',
      content: { text: '新店开业', attachments: [] },
      targeting: { mode: 'customers', externalUserids: everyone.slice(0, 100) },
    })
    const since = sandbox.requestLog.length
    const job = core.campaigns.send({ draftId })
    await core.campaigns.idle()

    expect(sandbox.requestLog.slice(since).filter((record) => record.path === ADD_MSG_TEMPLATE)).toHaveLength(2)
    expect(createdMessages(sandbox, since)).toHaveLength(1)
    expect(core.journal().chunks(job.id)[0]).toMatchObject({
      state: 'sent',
      msgid: sandbox.state.massMessages.at(-1)?.msgid,
    })
  })
})
