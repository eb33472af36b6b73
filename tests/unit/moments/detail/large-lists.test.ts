import { loadavg } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CoreEvents } from '../../../../electron/core/events'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { MomentDetailService } from '../../../../electron/core/services/moments/detail/detail'
import type { Workspace } from '../../../../electron/core/store/workspace'
import type { WecomClient } from '../../../../electron/core/wecom'
import { fillCustomerCache, startCorp, tempWorkspace } from '../../customers/support'

/**
 * A member with thousands of customers who can see a post (get_moment_send_result pages of up to
 * 5,000): the lists are read once, then every page, view switch and search is answered from
 * memory, well within a frame budget. Prints its figures and the machine load.
 */
let sandbox: SandboxHandle
let client: WecomClient
let workspace: Workspace
let remove: () => void

beforeAll(async () => {
  ;({ sandbox, client } = await startCorp({ customers: 7000, members: 2, groups: 0 }))
  ;({ workspace, remove } = tempWorkspace())
  await fillCustomerCache(workspace, client)
}, 180_000)
afterAll(async () => {
  remove()
  await sandbox.close()
})

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0

describe('large customer lists of a member', () => {
  it('reads thousands once, then pages, switches views and searches in milliseconds', async () => {
    const service = new MomentDetailService({
      client: async () => client,
      workspace: () => workspace,
      events: new CoreEvents(),
      locale: () => 'zh-CN',
    })
    const moment = sandbox.state.moments.find(
      (candidate) =>
        candidate.createType === 0 &&
        candidate.customerTagIds.length === 0 &&
        candidate.createdAtMs < Date.now() - 3 * 86_400_000 &&
        candidate.tasks.some((task) => task.publishDelayMs !== Infinity),
    )!
    const userid = moment.tasks.find((task) => task.publishDelayMs !== Infinity)!.userid
    const query = {
      momentId: moment.momentId,
      userid,
      view: 'visible' as const,
      search: '',
      offset: 0,
      limit: 20,
      refresh: false,
    }

    const firstAt = performance.now()
    const first = await service.customers(query)
    const firstMs = performance.now() - firstAt
    expect(first.visible).toBeGreaterThan(3000)
    const calls = sandbox.requestLog.filter((r) => r.path.startsWith('externalcontact/get_moment_')).length

    const names = first.rows.map((row) => row.name).filter((name) => name !== '')
    const timings: number[] = []
    for (let index = 0; index < 60; index++) {
      const at = performance.now()
      const view = (['visible', 'chosen', 'hidden'] as const)[index % 3]!
      const hidden = view === 'hidden'
      const search = !hidden && index % 4 === 0 ? (names[index % names.length] ?? '') : ''
      const page = await service.customers({
        ...query,
        view,
        offset: hidden || search ? 0 : (index * 20) % 2000,
        search,
      })
      timings.push(performance.now() - at)
      expect(
        page.rows.length,
        `${view} ${page.total} ${JSON.stringify({ chosen: page.chosen, visible: page.visible })}`,
      ).toBeGreaterThan(0)
      expect(page.rows.length).toBeLessThanOrEqual(20)
    }
    // Every later page came from memory: no further WeCom call.
    expect(sandbox.requestLog.filter((r) => r.path.startsWith('externalcontact/get_moment_')).length).toBe(calls)
    const pageP95 = p95(timings)
    console.log(
      `moment-customers visible=${first.visible} chosen=${first.chosen} first_read_ms=${firstMs.toFixed(0)} page_p95_ms=${pageP95.toFixed(2)} load=${loadavg()[0]!.toFixed(2)}`,
    )
    expect(pageP95).toBeLessThan(50)
  }, 120_000)
})
