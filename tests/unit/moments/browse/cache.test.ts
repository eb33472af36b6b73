import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, corpDayStart, corpToday } from '../../../../shared/date'
import type { MomentListResult, MomentLoadStatus, MomentSummary } from '../../../../shared/moments'
import type { SandboxHandle, SandboxState } from '../../../../electron/core/sandbox/types'
import { invokeOk, startCoreOn, startCorp, type CoreOnSandbox } from '../../customers/support'

const LIST = 'externalcontact/get_moment_list'
const DAY_MS = 86_400_000

let sandbox: SandboxHandle
let app: CoreOnSandbox

beforeAll(async () => {
  ;({ sandbox } = await startCorp())
  app = await startCoreOn(sandbox)
})
afterAll(async () => {
  await app?.close()
  await sandbox?.close()
})

const listCalls = () => sandbox.requestLog.filter((request) => request.path === LIST)

/** The moments WeCom lists for [from, to] (whole seconds, not deleted), from the sandbox's ground truth. */
function expectedIds(state: SandboxState, from: number, to: number, now = Date.now()): string[] {
  return state.moments
    .filter(
      (moment) =>
        moment.createdAtMs >= from &&
        moment.createdAtMs <= to &&
        moment.listedFromMs <= now &&
        (moment.deletedAtMs === undefined || moment.deletedAtMs > now),
    )
    .map((moment) => moment.momentId)
    .sort()
}

async function listAll(query: Record<string, unknown>): Promise<MomentListResult> {
  return invokeOk<MomentListResult>(app.core, 'moments:list', { offset: 0, limit: 200, ...query })
}

async function allRows(query: Record<string, unknown>): Promise<MomentSummary[]> {
  const rows: MomentSummary[] = []
  for (let offset = 0; ; offset += 200) {
    const page = await listAll({ ...query, offset })
    rows.push(...page.rows)
    if (rows.length >= page.total) return rows
  }
}

describe('browsing moments through the cache', () => {
  const today = corpToday()
  const from = corpDayStart(addDays(today, -89))
  const to = Date.now()

  it('fetches 90 days window by window (≤ 20 per page) and lists each moment once, deleted ones left out', async () => {
    const before = listCalls().length
    const empty = await listAll({ from, to })
    expect(empty.coverage.missingDays).toBe(90)
    expect(empty.coverage.windows).toEqual([expect.objectContaining({ state: 'missing' })])

    const status = await invokeOk<MomentLoadStatus>(app.core, 'moments:load', { from, to })
    expect(status).toMatchObject({ state: 'done', windowsTotal: 4, windowsDone: 4, windowsFailed: 0 })
    const calls = listCalls().slice(before)
    for (const call of calls) {
      const body = call.body as { start_time: number; end_time: number; limit: number }
      expect(body.limit).toBeLessThanOrEqual(20)
      expect(body.end_time - body.start_time).toBeLessThanOrEqual(30 * 86_400)
      expect(call.errcode).toBe(0)
    }
    const rows = await allRows({ from, to })
    const ids = rows.map((row) => row.momentId)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(expectedIds(sandbox.state, from, to))
    expect(sandbox.state.moments.some((m) => m.deletedAtMs !== undefined && m.createdAtMs >= from)).toBe(true)
    // Newest first.
    expect(rows.map((row) => row.createTime)).toEqual([...rows.map((row) => row.createTime)].sort((a, b) => b - a))

    const loaded = await listAll({ from, to })
    expect(loaded.coverage).toMatchObject({ missingDays: 0, windows: [expect.objectContaining({ state: 'loaded' })] })
    expect(loaded.coverage.lastRefreshedAt).toBeGreaterThan(Date.now() - 60_000)
  })

  it('opening the same range again makes no call; a narrower one neither', async () => {
    const before = listCalls().length
    const again = await invokeOk<MomentLoadStatus>(app.core, 'moments:load', { from, to })
    await invokeOk(app.core, 'moments:load', { from: from + 20 * DAY_MS, to: to - DAY_MS })
    expect(listCalls().length - before).toBe(0)
    expect(again.windowsFailed).toBe(0)
  })

  it('a refresh asks only for the days that can still change (the last ones)', async () => {
    const before = listCalls().length
    await invokeOk(app.core, 'moments:load', { from, to, refresh: true })
    const calls = listCalls().slice(before)
    expect(calls.length).toBeGreaterThan(0)
    // Today (and yesterday right after midnight, China time) can change; older days were final.
    const earliest = Math.floor(corpDayStart(addDays(today, -1)) / 1000) - 1
    for (const call of calls) expect((call.body as { start_time: number }).start_time).toBeGreaterThanOrEqual(earliest)
    // Asking for everything fetches the whole range again.
    const beforeAll = listCalls().length
    await invokeOk(app.core, 'moments:load', { from, to, all: true })
    expect(listCalls().length - beforeAll).toBeGreaterThanOrEqual(4)
  })

  it('filters by creator, corp/personal, content type and keyword like the ground truth', async () => {
    const truth = sandbox.state.moments.filter((moment) =>
      expectedIds(sandbox.state, from, to).includes(moment.momentId),
    )
    const creator = truth.find((moment) => moment.createType === 1)!.creator!
    const byCreator = await allRows({ from, to, creator })
    expect(byCreator.map((row) => row.momentId).sort()).toEqual(
      truth
        .filter((moment) => moment.creator === creator)
        .map((moment) => moment.momentId)
        .sort(),
    )
    const corp = await allRows({ from, to, createType: 0 })
    expect(corp.length).toBe(truth.filter((moment) => moment.createType === 0).length)
    expect(corp.every((row) => row.createType === 0)).toBe(true)
    const videos = await allRows({ from, to, kind: 'video' })
    expect(videos.length).toBe(truth.filter((moment) => moment.content.videoMediaId !== undefined).length)
    expect(videos.every((row) => row.video?.mediaId && row.video.thumbMediaId)).toBe(true)
    const keyword = '直播'
    const found = await allRows({ from, to, keyword })
    expect(found.length).toBe(
      truth.filter(
        (moment) =>
          moment.content.text.includes(keyword) ||
          (moment.content.link?.title ?? '').includes(keyword) ||
          (moment.content.location?.name ?? '').includes(keyword),
      ).length,
    )
    expect(found.length).toBeGreaterThan(0)
  })

  it('gets one cached moment by id; one never listed is refused in words', async () => {
    const [row] = (await listAll({ from, to, createType: 0, limit: 1 })).rows
    const moment = await invokeOk<MomentSummary>(app.core, 'moments:get', { momentId: row!.momentId })
    expect(moment).toEqual(row)
    const missing = await app.core.invoke('moments:get', { momentId: 'momnope' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'moment_not_cached' } })
  })

  it("reads corp moments' publish progress once and again only when it can have changed", async () => {
    const corp = (await listAll({ from, to, createType: 0, limit: 10 })).rows
    const ids = corp.map((row) => row.momentId)
    const taskCalls = () => sandbox.requestLog.filter((r) => r.path === 'externalcontact/get_moment_task').length
    const before = taskCalls()
    const progress = await invokeOk<Array<{ momentId: string; progress: { published: number; total: number } }>>(
      app.core,
      'moments:publishProgress',
      { momentIds: ids },
    )
    expect(progress.map((p) => p.momentId).sort()).toEqual([...ids].sort())
    for (const { momentId, progress: p } of progress) {
      const moment = sandbox.state.moments.find((m) => m.momentId === momentId)!
      expect(p.total).toBe(moment.tasks.length)
      expect(p.published).toBeLessThanOrEqual(p.total)
    }
    expect(taskCalls() - before).toBe(ids.length)
    await invokeOk(app.core, 'moments:publishProgress', { momentIds: ids })
    expect(taskCalls() - before).toBe(ids.length)
    const listed = await listAll({ from, to, createType: 0, limit: 10 })
    expect(listed.rows.every((row) => row.progress !== undefined)).toBe(true)
  })

  it('serves thumbnails from media/get once, then from the workspace', async () => {
    const withImage = (await listAll({ from, to, kind: 'image', limit: 1 })).rows[0]!
    const mediaId = withImage.images[0]!.mediaId
    const first = await invokeOk<string | null>(app.core, 'moments:thumbnail', { mediaId })
    expect(first).toMatch(/^data:image\/png;base64,/)
    const gets = () => sandbox.requestLog.filter((r) => r.path === 'media/get').length
    const before = gets()
    expect(await invokeOk(app.core, 'moments:thumbnail', { mediaId })).toBe(first)
    expect(gets()).toBe(before)
    expect(await invokeOk(app.core, 'moments:thumbnail', { mediaId: 'nope' })).toBeNull()
  })
})
