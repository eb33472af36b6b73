import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { expectedCustomers, type CoreOnSandbox, invokeOk, openSyncedCorp } from '../support'

let sandbox: SandboxHandle
let app: CoreOnSandbox
const progress: Array<{ done: number; total: number; failed: number }> = []

let closeCorp: () => Promise<void>

beforeAll(async () => {
  ;({ sandbox, app, close: closeCorp } = await openSyncedCorp())
  app.core.events.subscribe((channel, payload) => {
    if (channel === 'customers:onBulkTagsProgress') progress.push(payload as (typeof progress)[number])
  })
})
afterAll(() => closeCorp())

type BulkResult = {
  done: number
  total: number
  failed: number
  customers: number
  failures: Array<{ externalUserid: string; name: string; userid: string; memberName: string; message: string }>
}
const call = <T>(channel: string, input?: unknown): Promise<T> => invokeOk<T>(app.core, channel, input)

describe('customers:bulkTags', () => {
  it('tags every relation of the filtered customers in WeCom, then the cache; a refused relation is listed', async () => {
    const [member] = [...sandbox.state.customersByMember.keys()]
    const filter = { members: [member!] }
    const customers = expectedCustomers(sandbox.state, filter)
    const tag = sandbox.state.tagGroups[0]!.tags[0]!.id
    const relations = customers.flatMap((c) => c.follows.map((f) => [c.externalUserid, f.userid] as const))
    // One customer left WeCom after the sync: its calls are refused, the others go on.
    const leaver = customers[0]!
    sandbox.removeCustomer(leaver.externalUserid)

    progress.length = 0
    const result = await call<BulkResult>('customers:bulkTags', { scope: { filter }, add: [tag] })
    expect(result.total).toBe(relations.length)
    expect(result.customers).toBe(customers.length)
    expect(result.failed).toBe(leaver.follows.length)
    expect(result.done).toBe(relations.length)
    expect(result.failures.map((f) => f.externalUserid)).toEqual(leaver.follows.map(() => leaver.externalUserid))
    expect(result.failures[0]).toMatchObject({ name: leaver.name })
    expect(result.failures[0]!.message.length).toBeGreaterThan(0)
    expect(progress.at(-1)).toEqual({ done: relations.length, total: relations.length, failed: leaver.follows.length })

    // WeCom has the tag on every other relation, and the cache says so too.
    for (const customer of customers.slice(1)) {
      const seed = sandbox.state.customers.find((c) => c.externalUserid === customer.externalUserid)!
      for (const follow of seed.follows) expect(follow.tagIds).toContain(tag)
    }
    const tagged = await call<{ total: number }>('customers:query', {
      filter: { ...filter, tags: { mode: 'and', ids: [tag] } },
      limit: 1,
    })
    expect(tagged.total).toBeGreaterThanOrEqual(customers.length - 1)

    // And removes it again from picked customers.
    const picked = customers.slice(1, 4).map((c) => c.externalUserid)
    const removed = await call<BulkResult>('customers:bulkTags', { scope: { externalUserids: picked }, remove: [tag] })
    expect(removed.failed).toBe(0)
    for (const id of picked) {
      const seed = sandbox.state.customers.find((c) => c.externalUserid === id)!
      for (const follow of seed.follows) expect(follow.tagIds).not.toContain(tag)
    }
  })

  it('refuses unknown tags and nothing to change, before any call', async () => {
    const result = await app.core.invoke('customers:bulkTags', { scope: { filter: {} }, add: ['etNope'] })
    expect(result.ok).toBe(false)
    const nothing = await app.core.invoke('customers:bulkTags', { scope: { filter: {} } })
    expect(nothing.ok).toBe(false)
  })
})
