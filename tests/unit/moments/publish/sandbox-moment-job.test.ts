import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import {
  createWecomClient,
  WecomRateLimiter,
  WecomTokenCache,
  type MomentTaskResult,
  type WecomClient,
} from '../../../../electron/core/wecom'
import { png } from './harness'

/*
 * The sandbox's add_moment_task behaves as WeCom documents it (reference §4.1–4.5), over real HTTP:
 * the job is started (1), in progress (2), then complete (3) with the moment_id; the moment is
 * listed once the job completes; members publish their task over time, not at once.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('sandbox: a publish job and its members over time', () => {
  let sandbox: SandboxHandle | undefined
  afterEach(async () => {
    await sandbox?.close()
    sandbox = undefined
  })

  async function corp(taskSpeed: number): Promise<WecomClient> {
    sandbox = await startSandbox({ customers: 100, members: 20, groups: 0, taskSpeed })
    return createWecomClient({
      baseUrl: sandbox.url,
      corpid: sandbox.corpid,
      secret: sandbox.secret,
      tokenCache: new WecomTokenCache(),
      rateLimiter: new WecomRateLimiter(),
    })
  }

  it('moves the job 1 → 2 → 3 over time and lists the moment once it is complete', async () => {
    // Half speed: started for 2 s, in progress until 6 s, so a busy machine still sees every status.
    const client = await corp(0.5)
    const { media_id } = await client.media.uploadAttachment('image', 1, {
      data: png(800, 600),
      filename: 'a.png',
      contentType: 'image/png',
    })
    const startedAt = Date.now()
    const { jobid } = await client.moments.addMomentTask({
      text: { content: '进度' },
      attachments: [{ msgtype: 'image', image: { media_id } }],
    })
    const statuses: number[] = []
    let result: MomentTaskResult['result']
    while (Date.now() - startedAt < 12_000) {
      const answer = await client.moments.getMomentTaskResult(jobid)
      if (statuses.at(-1) !== answer.status) statuses.push(answer.status)
      if (answer.status !== 3) {
        expect(answer.result).toBeUndefined()
        const listed = await client.moments
          .getMomentList({
            start_time: Math.floor(startedAt / 1000) - 60,
            end_time: Math.ceil(Date.now() / 1000) + 60,
            filter_type: 0,
          })
          .all()
        expect(listed.some((moment) => moment.text?.content === '进度')).toBe(false)
      } else {
        result = answer.result
        break
      }
      await sleep(250)
    }
    expect(statuses).toEqual([1, 2, 3])
    expect(result?.errcode).toBe(0)
    const listed = await client.moments
      .getMomentList({
        start_time: Math.floor(startedAt / 1000) - 60,
        end_time: Math.ceil(Date.now() / 1000) + 60,
        filter_type: 0,
      })
      .all()
    expect(listed.find((moment) => moment.moment_id === result?.moment_id)?.creator).toBeUndefined()
  }, 20_000)

  it('a media_id from media/upload is refused by add_moment_task (40007)', async () => {
    const client = await corp(1)
    const { media_id } = await client.media.upload('image', {
      data: png(800, 600),
      filename: 'a.png',
      contentType: 'image/png',
    })
    await expect(
      client.moments.addMomentTask({ attachments: [{ msgtype: 'image', image: { media_id } }] }),
    ).rejects.toMatchObject({ wecomErrcode: 40007 })
  })

  it('members publish their task over time', async () => {
    // 20,000× speed: a member's 10 min – 24 h delay becomes 30 ms – 4.3 s.
    const client = await corp(20_000)
    const { jobid } = await client.moments.addMomentTask({ text: { content: '成员陆续发表' } })
    let momentId: string | undefined
    while (!momentId) {
      momentId = (await client.moments.getMomentTaskResult(jobid)).result?.moment_id
      await sleep(20)
    }
    const published = async () =>
      (await client.moments.getMomentTask({ moment_id: momentId! }).all()).filter((task) => task.publish_status === 1)
        .length
    const early = await published()
    await sleep(1000)
    const middle = await published()
    await sleep(4000)
    const late = await published()
    expect(early).toBeLessThan(20)
    expect(middle).toBeGreaterThanOrEqual(early)
    expect(late).toBeGreaterThan(middle)
    expect(late).toBe(20)
  }, 15_000)
})
