import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { addMsgTemplateBody } from '../../../../electron/core/services/massMessages/sending/message-body'
import { planRecipients } from '../../../../electron/core/services/massMessages/sending/recipients'
import { CustomerCacheRepository } from '../../../../electron/core/store/repositories/customer-cache'
import { openWorkspace } from '../../../../electron/core/store/workspace'
import { targetingSchema } from '../../../../shared/massMessages'
import { createdMessages, openCampaignCore, tempDataDir, type CampaignCore } from './harness'

/** 25,001 customers: one more than two full add_msg_template calls and a half. */
const CUSTOMERS = 25_001

describe('recipient chunks', () => {
  let sandbox: SandboxHandle
  let core: CampaignCore
  let dataDir: string

  beforeAll(async () => {
    sandbox = await startSandbox({ customers: CUSTOMERS, members: 50, groups: 0, taskSpeed: 100 })
    dataDir = tempDataDir()
    core = await openCampaignCore(dataDir, sandbox)
  })
  afterAll(async () => {
    await core.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('splits 25,001 picked customers into 3 calls of ≤ 10,000, each recipient exactly once, in a stable order', async () => {
    const picked = sandbox.state.customers.map((customer) => customer.externalUserid).reverse()
    const draftId = await core.saveDraft({
      chatType: 'single',
      content: { text: '周年庆会员专享', attachments: [] },
      targeting: { mode: 'customers', externalUserids: picked },
    })

    const preview = core.campaigns.preview(draftId)
    expect(preview).toMatchObject({ recipients: CUSTOMERS, calls: 3, problems: [] })

    const since = sandbox.requestLog.length
    const job = core.campaigns.send({ draftId })
    await core.campaigns.idle()

    const chunks = core.journal().chunks(job.id)
    expect(chunks.map((chunk) => chunk.recipientCount)).toEqual([10_000, 10_000, 5001])
    expect(chunks.flatMap((chunk) => chunk.recipients)).toEqual([...picked].sort())
    expect(chunks.every((chunk) => chunk.state === 'sent' && chunk.msgid)).toBe(true)

    const calls = createdMessages(sandbox, since)
    expect(calls.map((body) => body.external_userid)).toEqual(chunks.map((chunk) => chunk.recipients))
    expect(calls.every((body) => body.sender === undefined)).toBe(true)
    expect(core.campaigns.jobs()[0]).toMatchObject({
      id: job.id,
      state: 'done',
      recipients: CUSTOMERS,
      chunks: { total: 3, sent: 3, pending: 0, unknown: 0, failed: 0 },
    })
  })

  it('splits picked groups per owner (the sender) into calls of ≤ 2,000 chat ids', () => {
    const workspace = openWorkspace(join(dataDir, 'groups.sqlite'))
    const cache = workspace.repository(CustomerCacheRepository)
    const owners = { zhangwei: 2500, lina: 1600 }
    const chatIds: string[] = []
    workspace.transaction(() => {
      for (const [owner, count] of Object.entries(owners)) {
        for (let i = 0; i < count; i++) {
          const chatId = `wr${owner}${String(i).padStart(5, '0')}`
          cache.upsertGroup({ chat_id: chatId, owner }, 0, 1)
          chatIds.push(chatId)
        }
      }
    })
    const plan = planRecipients(workspace, { mode: 'groups', chatIds: [...chatIds].reverse() })
    expect(plan.chunks.map((chunk) => [chunk.sender, chunk.recipientCount])).toEqual([
      ['lina', 1600],
      ['zhangwei', 2000],
      ['zhangwei', 500],
    ])
    expect(plan.senders).toEqual(new Map(Object.entries(owners)))
    const body = addMsgTemplateBody('group', plan.chunks[2]!, { text: '群公告', attachments: [] }, [])
    expect(body).toEqual({
      chat_type: 'group',
      sender: 'zhangwei',
      chat_id_list: plan.chunks[2]!.recipients,
      text: { content: '群公告' },
    })
    workspace.close()
  })

  it('sends to several owners’ groups as one task per owner, each listing only that owner’s groups', () => {
    const workspace = openWorkspace(join(dataDir, 'owners.sqlite'))
    const cache = workspace.repository(CustomerCacheRepository)
    const owners = { zhangwei: 2100, lina: 3, wangfang: 2 }
    workspace.transaction(() => {
      for (const [owner, count] of Object.entries(owners)) {
        for (let i = 0; i < count; i++)
          cache.upsertGroup({ chat_id: `wr${owner}${String(i).padStart(5, '0')}`, owner }, 0, 1)
      }
    })
    // A stored legacy draft names one `sender`; the send-time schema reads it as a one-owner list.
    const legacy = targetingSchema.parse({ mode: 'groupsByOwner', sender: 'lina' })
    expect(legacy).toEqual({ mode: 'groupsByOwner', senders: ['lina'] })
    expect(planRecipients(workspace, legacy).chunks).toEqual([
      { seq: 0, sender: 'lina', recipients: ['wrlina00000', 'wrlina00001', 'wrlina00002'], recipientCount: 3 },
    ])

    const plan = planRecipients(workspace, { mode: 'groupsByOwner', senders: ['zhangwei', 'lina', 'nobody', 'lina'] })
    expect(plan.chunks.map((chunk) => [chunk.sender, chunk.recipientCount])).toEqual([
      ['lina', 3],
      ['zhangwei', 2000],
      ['zhangwei', 100],
    ])
    for (const chunk of plan.chunks) {
      expect(chunk.recipients.every((chatId) => chatId.startsWith(`wr${chunk.sender}`))).toBe(true)
      const body = addMsgTemplateBody('group', chunk, { text: '群公告', attachments: [] }, [])
      expect(body).toMatchObject({ chat_type: 'group', sender: chunk.sender, chat_id_list: chunk.recipients })
    }
    expect(plan.senders).toEqual(
      new Map([
        ['lina', 3],
        ['zhangwei', 2100],
      ]),
    )
    expect(plan.recipientIds).toHaveLength(2103)
    workspace.close()
  })
})
