import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../../electron/core/errors'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import type { SendJobSummary } from '../../../../shared/massMessages'
import { createdMessages, openCampaignCore, tempDataDir, type CampaignCore } from './harness'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('scheduled sends', () => {
  let sandbox: SandboxHandle
  let dataDir: string
  let open: CampaignCore[]

  beforeEach(async () => {
    sandbox = await startSandbox({ customers: 300, members: 10, groups: 0, taskSpeed: 100 })
    dataDir = tempDataDir()
    open = []
  })
  afterEach(async () => {
    for (const core of open) await core.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  async function start(): Promise<CampaignCore> {
    const core = await openCampaignCore(dataDir, sandbox, { reconcileSettleMs: 200 })
    open.push(core)
    return core
  }

  async function draft(core: CampaignCore, text = '周末限时活动'): Promise<string> {
    return core.saveDraft({
      chatType: 'single',
      content: { text, attachments: [] },
      targeting: {
        mode: 'customers',
        externalUserids: sandbox.state.customers.slice(0, 50).map((c) => c.externalUserid),
      },
    })
  }

  /** Resolves with the job's summary once it reaches `state`. */
  function reaches(core: CampaignCore, jobId: string, state: SendJobSummary['state']): Promise<SendJobSummary> {
    return new Promise((resolve) => {
      const poll = setInterval(() => {
        const job = core.campaigns.jobs().find((candidate) => candidate.id === jobId)
        if (job?.state !== state) return
        clearInterval(poll)
        resolve(job)
      }, 50)
    })
  }

  it('starts a scheduled job at its time while the app runs', async () => {
    const core = await start()
    const scheduledAt = Date.now() + 1200
    const job = core.campaigns.send({ draftId: await draft(core), scheduledAt })
    expect(job).toMatchObject({ state: 'scheduled', scheduledAt, chunks: { total: 1, pending: 1 } })
    await sleep(300)
    expect(createdMessages(sandbox)).toHaveLength(0)

    await reaches(core, job.id, 'done')
    const call = sandbox.requestLog.find((record) => record.path === 'externalcontact/add_msg_template')
    expect(call?.startedAt).toBeGreaterThanOrEqual(scheduledAt)
    expect(createdMessages(sandbox)).toHaveLength(1)
  })

  it('starts an overdue scheduled job at the next start', async () => {
    const first = await start()
    const job = first.campaigns.send({ draftId: await draft(first), scheduledAt: Date.now() + 300 })
    await first.close()
    await sleep(500)
    expect(createdMessages(sandbox)).toHaveLength(0)

    const second = await start()
    await reaches(second, job.id, 'done')
    expect(createdMessages(sandbox)).toHaveLength(1)
  })

  it('cancels a scheduled job that has not started, and refuses once it has', async () => {
    const core = await start()
    const later = core.campaigns.send({ draftId: await draft(core), scheduledAt: Date.now() + 60_000 })
    expect(core.campaigns.cancelJob(later.id)).toMatchObject({ id: later.id, state: 'cancelled' })
    expect(core.updates.at(-1)).toMatchObject({ id: later.id, state: 'cancelled' })

    const now = core.campaigns.send({ draftId: await draft(core, '立即发送') })
    await core.campaigns.idle()
    for (const jobId of [later.id, now.id]) {
      const refusal = (() => {
        try {
          core.campaigns.cancelJob(jobId)
        } catch (error) {
          return error
        }
      })()
      expect(refusal).toBeInstanceOf(AppError)
      expect(refusal).toMatchObject({ code: 'campaign_not_cancellable' })
      expect((refusal as AppError).text['zh-CN']).toContain('不能再取消')
    }
    expect(core.campaigns.jobs().map((job) => [job.id, job.state])).toEqual([
      [now.id, 'done'],
      [later.id, 'cancelled'],
    ])
    expect(createdMessages(sandbox)).toHaveLength(1)
  })

  it('refuses a time that has passed', async () => {
    const core = await start()
    expect(() => core.campaigns.send({ draftId: 'x', scheduledAt: Date.now() - 1000 })).toThrow(
      expect.objectContaining({ code: 'campaign_schedule_past' }),
    )
  })
})
