import { Buffer } from 'node:buffer'
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalMediaService } from '../../../../electron/core/media/local-media'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { WECOM_LIMITS } from '../../../../shared/limits/wecom'
import { createdMessages, openCampaignCore, tempDataDir, type CampaignCore } from './harness'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])
const PDF = Buffer.from('%PDF-1.4 price list for the spring sale')

describe('media at send time', () => {
  let sandbox: SandboxHandle
  let core: CampaignCore
  let dataDir: string
  /** Added to the real clock: lets a send happen "days later". */
  let clockOffset = 0

  beforeAll(async () => {
    sandbox = await startSandbox({ customers: 200, members: 8, groups: 0, taskSpeed: 100 })
    dataDir = tempDataDir()
    core = await openCampaignCore(dataDir, sandbox, { now: () => Date.now() + clockOffset })
  })
  afterAll(async () => {
    await core.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const uploads = (since: number) =>
    sandbox.requestLog.slice(since).filter((record) => record.path === 'media/upload' && record.mutated)

  async function sendWithMedia(): Promise<{ since: number; attachments: unknown }> {
    const media = new LocalMediaService(core.ctx.workspace)
    const image = await media.add({
      filename: 'poster.png',
      contentType: 'image/png',
      dataBase64: PNG.toString('base64'),
    })
    const file = await media.add({
      filename: 'prices.pdf',
      contentType: 'application/pdf',
      dataBase64: PDF.toString('base64'),
    })
    const draftId = await core.saveDraft({
      chatType: 'single',
      content: {
        text: '春季新品',
        attachments: [
          { msgtype: 'image', image },
          { msgtype: 'file', file },
        ],
      },
      targeting: {
        mode: 'customers',
        externalUserids: sandbox.state.customers.slice(0, 20).map((c) => c.externalUserid),
      },
    })
    const since = sandbox.requestLog.length
    // The same content each time: the repeat is meant.
    core.campaigns.send({ draftId, confirmRepeat: true })
    await core.campaigns.idle()
    const [body] = createdMessages(sandbox, since) as Array<{ attachments?: unknown }>
    return { since, attachments: body?.attachments }
  }

  it('uploads the local bytes when sending, and reuses the media_ids while they are fresh', async () => {
    const first = await sendWithMedia()
    const uploaded = uploads(first.since)
    expect(
      uploaded.map((record) => [record.query.type, (record.body as { media: { filename: string } }).media.filename]),
    ).toEqual([
      ['image', 'poster.png'],
      ['file', 'prices.pdf'],
    ])
    const mediaIds = [...sandbox.state.media.values()]
      .filter((item) => item.source === 'upload')
      .map((item) => item.mediaId)
    expect(first.attachments).toEqual([
      { msgtype: 'image', image: { media_id: mediaIds[0] } },
      { msgtype: 'file', file: { media_id: mediaIds[1] } },
    ])

    clockOffset = WECOM_LIMITS.media.mediaIdMaxAgeMs - 60_000
    const second = await sendWithMedia()
    expect(uploads(second.since)).toHaveLength(0)
    expect(second.attachments).toEqual(first.attachments)
  })

  it('uploads again once the stored media_id is older than 2.5 days', async () => {
    clockOffset = WECOM_LIMITS.media.mediaIdMaxAgeMs + 60_000
    const third = await sendWithMedia()
    expect(uploads(third.since)).toHaveLength(2)
    // Each job's summary counts its own chunk and msgid, not its neighbours'.
    const jobs = core.campaigns.jobs()
    expect(jobs.map((job) => [job.state, job.chunks.total, job.chunks.sent, job.msgids.length])).toEqual([
      ['done', 1, 1, 1],
      ['done', 1, 1, 1],
      ['done', 1, 1, 1],
    ])
    expect(new Set(jobs.flatMap((job) => job.msgids)).size).toBe(3)
  })
})
