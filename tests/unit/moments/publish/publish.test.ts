import { Buffer } from 'node:buffer'
import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import type { PublishJob } from '../../../../electron/core/services/moments/publish/journal'
import { addMomentMedia } from '../../../../electron/core/services/moments/publish/media'
import type { PublishStep } from '../../../../electron/core/services/moments/publish/run'
import type { PublishServiceOptions } from '../../../../electron/core/services/moments/publish/service'
import { createdMoments, mp4, openPublishCore, png, tempDataDir, type PublishCore } from './harness'

/** The sandbox lists a new moment once its job completes (3 s); settle with a margin for a busy machine. */
const TIMING: PublishServiceOptions = { settleMs: 5000, pollBaseMs: 200, pollMaxMs: 1000, retryDelayMs: 500 }

class SimulatedCrash extends Error {}

describe('publishing a moment exactly once', () => {
  let sandbox: SandboxHandle
  let dataDir: string
  let open: PublishCore[]

  beforeEach(async () => {
    sandbox = await startSandbox({ customers: 200, members: 8, groups: 0 })
    dataDir = tempDataDir()
    open = []
  })
  afterEach(async () => {
    for (const core of open) await core.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  async function start(crashAt?: PublishStep, options: PublishServiceOptions = {}): Promise<PublishCore> {
    const onStep = (step: PublishStep) => {
      if (step === crashAt) throw new SimulatedCrash(step)
    }
    const core = await openPublishCore(dataDir, sandbox, { ...TIMING, onStep, ...options })
    open.push(core)
    return core
  }

  /** Closes like a killed app would leave it: the journal as it was at the crash. */
  async function stop(core: PublishCore): Promise<void> {
    open.splice(open.indexOf(core), 1)
    await core.close()
  }

  function threeImageDraft(core: PublishCore, text = '新品上市，欢迎到店试穿'): string {
    const attachments = [1, 2, 3].map((seed) => ({
      msgtype: 'image' as const,
      image: core.addImage(png(1080, 1080, seed)),
    }))
    return core.saveDraft({ title: '新品', content: { text, attachments } })
  }

  const job = (core: PublishCore, id: string): PublishJob => core.journal().job(id)!

  it('uploads with upload_attachment (type 1), calls add_moment_task once, polls until status 3', async () => {
    const core = await start()
    const draftId = threeImageDraft(core)
    const summary = core.publishing.publish({ draftId })
    await core.publishing.idle()
    const done = job(core, summary.id)
    expect(done.state).toBe('done')
    expect(done.recovered).toBe(false)
    const uploads = sandbox.requestLog.filter((r) => r.path === 'media/upload_attachment' && r.mutated)
    expect(uploads).toHaveLength(3)
    expect(uploads.every((r) => String(r.query.attachment_type) === '1')).toBe(true)
    expect(createdMoments(sandbox)).toHaveLength(1)
    const moment = sandbox.state.moments.find((m) => m.momentId === done.momentId)
    expect(moment?.content.imageMediaIds).toHaveLength(3)
    expect(moment?.content.text).toBe('新品上市，欢迎到店试穿')
    // Polled through 1 (started) and 2 (in progress) before 3.
    const polls = sandbox.requestLog.filter((r) => r.path === 'externalcontact/get_moment_task_result')
    expect(polls.length).toBeGreaterThan(1)
    expect(core.updates.map((u) => u.state)).toContain('created')
    expect(core.updates.at(-1)?.state).toBe('done')
  }, 20_000)

  it('names what WeCom could not use (invalid members and tags) from the cache', async () => {
    const core = await start()
    await core.syncCache()
    const [member] = sandbox.state.members
    const draftId = core.saveDraft({
      content: { text: 'VIP 专享' },
      range: { userids: [member!.userid, 'nobody_here'], tagIds: ['no_such_tag'] },
    })
    const { id } = core.publishing.publish({ draftId })
    await core.publishing.idle()
    const [summary] = core.publishing.jobs()
    expect(summary?.id).toBe(id)
    expect(summary?.state).toBe('done')
    expect(summary?.invalid).toEqual({
      members: [{ userid: 'nobody_here', name: 'nobody_here' }],
      departments: [],
      tags: [{ id: 'no_such_tag', name: 'no_such_tag' }],
    })
  }, 20_000)

  it('refuses to publish a draft that breaks a rule, naming it, and sends nothing', async () => {
    const core = await start()
    const draftId = core.saveDraft({ content: { text: 'a'.repeat(2001) } })
    expect(() => core.publishing.publish({ draftId })).toThrow(/at most 2,000 characters/)
    expect(createdMoments(sandbox)).toHaveLength(0)
    expect(core.journal().jobs()).toEqual([])
  })

  it('a refused file names its rule and leaves the draft as it was', async () => {
    const core = await start()
    const draftId = threeImageDraft(core)
    const before = core.drafts.get(draftId)
    expect(() => core.addImage(png(2000, 1000, 9), 'wide.png')).toThrow(/2,000×1,000 pixels/)
    expect(core.drafts.get(draftId)).toEqual(before)
  })

  for (const step of ['before-call', 'after-call'] as const) {
    it(`killed ${step}: reconciles against get_moment_list, then exactly one moment`, async () => {
      const first = await start(step)
      const draftId = threeImageDraft(first)
      const { id } = first.publishing.publish({ draftId })
      await first.publishing.idle()
      expect(job(first, id).state).toBe('in_flight')
      await stop(first)
      const second = await start()
      await second.publishing.idle()
      const done = job(second, id)
      expect(done.state).toBe('done')
      expect(createdMoments(sandbox)).toHaveLength(1)
      expect(sandbox.state.moments.some((m) => m.momentId === done.momentId)).toBe(true)
      // Found in the list (after-call) means WeCom's job result was never read.
      expect(done.recovered).toBe(step === 'after-call')
      const lists = sandbox.requestLog.filter((r) => r.path === 'externalcontact/get_moment_list')
      expect(lists.length).toBeGreaterThan(0)
      expect((lists[0]!.body as { filter_type: number }).filter_type).toBe(0)
    }, 30_000)
  }

  it('an answer lost on the way (outcome unknown) is reconciled, never sent blindly again', async () => {
    const core = await start()
    sandbox.setFaults({ dropResponse: { 'externalcontact/add_moment_task': { count: 1 } } })
    const draftId = threeImageDraft(core)
    const { id } = core.publishing.publish({ draftId })
    await core.publishing.idle()
    const done = job(core, id)
    expect(done.state).toBe('done')
    expect(done.recovered).toBe(true)
    expect(createdMoments(sandbox)).toHaveLength(1)
    expect(core.updates.map((update) => update.state)).toContain('unknown')
  }, 30_000)

  it('a refusal WeCom answered fails the job with its reason and sends nothing more', async () => {
    const core = await start()
    sandbox.setFaults({ forcedErrcodes: { 'externalcontact/add_moment_task': { errcode: 48002, count: 1 } } })
    const draftId = core.saveDraft({ content: { text: '没有权限' } })
    const { id } = core.publishing.publish({ draftId })
    await core.publishing.idle()
    expect(job(core, id)).toMatchObject({ state: 'failed', errcode: 48002 })
    // The note says what happened and what to do in the user's words, never the bare errcode.
    const [refused] = core.publishing.jobs()
    expect(refused?.note).toMatch(/not allowed/)
    expect(refused?.note).not.toContain('48002')
    expect(refused?.hint).toMatch(/admin console/)
    expect(createdMoments(sandbox)).toHaveLength(0)
  }, 20_000)

  it('publishes a video, and a link with its cover; a link killed after the call is found by title and address', async () => {
    const core = await start()
    const video = addMomentMedia(
      core.ctx.workspace,
      'video',
      { filename: 'clip.mp4', contentType: 'video/mp4', dataBase64: Buffer.from(mp4(12)).toString('base64') },
      Date.now,
    )
    const { id: videoJob } = core.publishing.publish({
      draftId: core.saveDraft({ content: { text: '短视频', attachments: [{ msgtype: 'video', video }] } }),
    })
    await core.publishing.idle()
    const published = sandbox.state.moments.find((m) => m.momentId === job(core, videoJob).momentId)
    expect(published?.content.videoMediaId).toBeTruthy()
    const uploads = sandbox.requestLog.filter((r) => r.path === 'media/upload_attachment' && r.mutated)
    expect(uploads.map((r) => [r.query['media_type'], r.query['attachment_type']])).toEqual([['video', '1']])
    await stop(core)

    const crashing = await start('after-call')
    const cover = crashing.addImage(png(600, 400, 5), 'cover.png')
    const link = { title: '会员日', url: 'https://example.com/member-day', cover }
    const { id } = crashing.publishing.publish({
      draftId: crashing.saveDraft({ content: { text: '', attachments: [{ msgtype: 'link', link }] } }),
    })
    await crashing.publishing.idle()
    await stop(crashing)
    const resumed = await start()
    await resumed.publishing.idle()
    const done = job(resumed, id)
    expect(done).toMatchObject({ state: 'done', recovered: true })
    expect(sandbox.state.moments.find((m) => m.momentId === done.momentId)?.content.link).toMatchObject({
      title: '会员日',
      url: 'https://example.com/member-day',
    })
    expect(createdMoments(sandbox)).toHaveLength(2)
  }, 40_000)

  it('reconciliation never claims an earlier moment with the same content', async () => {
    const core = await start()
    const draftId = threeImageDraft(core)
    const { id: earlier } = core.publishing.publish({ draftId })
    await core.publishing.idle()
    await stop(core)
    const crashing = await start('before-call')
    const { id } = crashing.publishing.publish({ draftId })
    await crashing.publishing.idle()
    await stop(crashing)
    const resumed = await start()
    await resumed.publishing.idle()
    expect(createdMoments(sandbox)).toHaveLength(2)
    expect(job(resumed, id).momentId).not.toBe(job(resumed, earlier).momentId)
    expect(job(resumed, id).recovered).toBe(false)
  }, 30_000)

  it('result polling survives a restart: the jobid is polled again, nothing is re-sent', async () => {
    // Crash after the first poll (status 1): the journal holds the jobid and the poll count.
    const first = await start('poll', { pollBaseMs: 100 })
    const draftId = threeImageDraft(first)
    const { id } = first.publishing.publish({ draftId })
    await first.publishing.idle()
    const polled = job(first, id)
    expect(polled.state).toBe('created')
    expect(polled.jobid).toBeTruthy()
    expect(polled.polls).toBe(1)
    await stop(first)
    const pollsBefore = sandbox.requestLog.filter((r) => r.path === 'externalcontact/get_moment_task_result').length
    const second = await start()
    await second.publishing.idle()
    const done = job(second, id)
    expect(done.state).toBe('done')
    expect(done.recovered).toBe(false)
    expect(createdMoments(sandbox)).toHaveLength(1)
    const pollsAfter = sandbox.requestLog.slice(0).filter((r) => r.path === 'externalcontact/get_moment_task_result')
    expect(pollsAfter.length).toBeGreaterThan(pollsBefore)
    expect(pollsAfter.every((r) => r.query.jobid === polled.jobid)).toBe(true)
  }, 30_000)

  it('backs off between polls', async () => {
    // Status 3 comes 3 s after the call: polled every 100 ms that would be ~30 polls; doubling up
    // to 800 ms (100, 200, 400, 800, 800, …) it is about 7.
    const core = await start(undefined, { pollBaseMs: 100, pollMaxMs: 800 })
    const draftId = core.saveDraft({ content: { text: '退避' } })
    core.publishing.publish({ draftId })
    await core.publishing.idle()
    const times = sandbox.requestLog
      .filter((r) => r.path === 'externalcontact/get_moment_task_result')
      .map((r) => r.startedAt)
    expect(times.length).toBeGreaterThanOrEqual(3)
    expect(times.length).toBeLessThanOrEqual(9)
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(700)
  }, 20_000)

  it('a scheduled publish waits for its time, and can be cancelled before it', async () => {
    const core = await start()
    const draftId = core.saveDraft({ content: { text: '定时' } })
    const later = core.publishing.publish({ draftId, scheduledAt: Date.now() + 600 })
    const cancelled = core.publishing.publish({ draftId, scheduledAt: Date.now() + 60_000 })
    expect(core.publishing.cancel(cancelled.id).state).toBe('cancelled')
    expect(createdMoments(sandbox)).toHaveLength(0)
    await vi.waitFor(() => expect(job(core, later.id).state).toBe('done'), { timeout: 15_000, interval: 100 })
    expect(createdMoments(sandbox)).toHaveLength(1)
    expect(() => core.publishing.publish({ draftId, scheduledAt: Date.now() - 1 })).toThrow(/already passed/)
  }, 20_000)
})
