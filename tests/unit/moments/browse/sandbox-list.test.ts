import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../../electron/core/sandbox'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'

/** get_moment_list as WeCom documents it (reference §4.4, §0.3), over real HTTP. */
let sandbox: SandboxHandle
let token: string
const NOW = Date.UTC(2026, 5, 15, 4, 0, 0)

beforeAll(async () => {
  sandbox = await startSandbox({ customers: 300, members: 10, groups: 10, now: () => NOW })
  const answer = (await (
    await fetch(`${sandbox.url}/cgi-bin/gettoken?corpid=${sandbox.corpid}&corpsecret=${sandbox.secret}`)
  ).json()) as { access_token: string }
  token = answer.access_token
})
afterAll(() => sandbox?.close())

async function list(body: Record<string, unknown>) {
  const response = await fetch(`${sandbox.url}/cgi-bin/externalcontact/get_moment_list?access_token=${token}`, {
    method: 'POST',
    body: JSON.stringify(body),
  })
  return (await response.json()) as {
    errcode: number
    moment_list: Array<{ moment_id: string; create_time: number }>
    next_cursor: string
  }
}

const second = (ms: number) => Math.floor(ms / 1000)

describe('sandbox get_moment_list', () => {
  it('answers the open interval (start, end): a moment created at start or at end is not in it', async () => {
    const moment = sandbox.state.moments.find((m) => m.deletedAtMs === undefined)!
    const at = second(moment.createdAtMs)
    const ids = async (start: number, end: number) =>
      (await list({ start_time: start, end_time: end, limit: 20 })).moment_list.map((m) => m.moment_id)
    expect(await ids(at - 1, at + 1)).toContain(moment.momentId)
    expect(await ids(at, at + 60)).not.toContain(moment.momentId)
    expect(await ids(at - 60, at)).not.toContain(moment.momentId)
  })

  it('leaves deleted moments out', async () => {
    const deleted = sandbox.state.moments.find((m) => m.deletedAtMs !== undefined && m.deletedAtMs < NOW)!
    const at = second(deleted.createdAtMs)
    const answer = await list({ start_time: at - 1, end_time: at + 1 })
    expect(answer.errcode).toBe(0)
    expect(answer.moment_list.map((m) => m.moment_id)).not.toContain(deleted.momentId)
  })

  it('takes the default 20 for a limit over the maximum, and windows of at most 30 days', async () => {
    const end = second(NOW)
    const window = { start_time: end - 30 * 86_400, end_time: end }
    expect((await list({ ...window, limit: 21 })).moment_list).toHaveLength(20)
    expect((await list({ ...window, limit: 5 })).moment_list).toHaveLength(5)
    expect((await list({ ...window, start_time: window.start_time - 1 })).errcode).toBe(40058)
  })

  it('reaches back 180 days and no further; about six months of corp and personal moments are seeded', async () => {
    const end = second(NOW) - 150 * 86_400
    expect((await list({ start_time: end - 29 * 86_400, end_time: end })).errcode).toBe(0)
    expect((await list({ start_time: second(NOW) - 181 * 86_400, end_time: end })).errcode).toBe(40058)
    const oldest = Math.min(...sandbox.state.moments.map((m) => m.createdAtMs))
    expect(NOW - oldest).toBeGreaterThan(170 * 86_400_000)
    expect(NOW - oldest).toBeLessThan(180 * 86_400_000)
    const corp = sandbox.state.moments.filter((m) => m.createType === 0)
    expect(corp.length).toBeGreaterThanOrEqual(80)
    expect(corp.some((m) => m.creator === undefined)).toBe(true)
    expect(sandbox.state.moments.filter((m) => m.createType === 1).length).toBeGreaterThanOrEqual(10 * 6)
  })
})
