import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SandboxHandle } from '../../../electron/core/sandbox/types'
import type { AudiencePreview, CustomerFilter, CustomerQueryResult } from '../../../shared/customers'
import type { Result } from '../../../shared/result'
import {
  expectedCustomers,
  expectedOrder,
  expectedSender,
  startCoreOn,
  startCorp,
  syncThroughCore,
  type CoreOnSandbox,
} from './support'

// The whole path a user takes: the real sync fills the cache, the Customers page and the audience read it.
let sandbox: SandboxHandle
let app: CoreOnSandbox

beforeAll(async () => {
  ;({ sandbox } = await startCorp())
  app = await startCoreOn(sandbox)
  await syncThroughCore(app.core)
})

afterAll(async () => {
  await app.close()
  await sandbox.close()
})

async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = (await app.core.invoke(channel, input)) as Result<T>
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.data
}

describe('queries over a cache filled by sync:start', () => {
  it('customers:query and audience:preview agree with the ground truth', async () => {
    const { state } = sandbox
    const tag = state.tagGroups[1]!.tags[0]!.id
    const filters: CustomerFilter[] = [
      {},
      { tags: { mode: 'or', ids: [tag] }, types: [1] },
      { members: state.members.slice(0, 4).map((member) => member.userid), addWays: [1, 2, 6] },
    ]
    for (const filter of filters) {
      const sort = { field: 'name', order: 'asc' } as const
      const expected = expectedCustomers(state, filter)
      const page = await call<CustomerQueryResult>('customers:query', { filter, sort, limit: 500 })
      expect(page.total).toBe(expected.length)
      expect(page.rows.map((row) => row.externalUserid)).toEqual(expectedOrder(expected, sort))

      const preview = await call<AudiencePreview>('customers:previewAudience', { filter })
      const senders = new Map<string, number>()
      for (const customer of expected) {
        const sender = expectedSender(customer, filter.members)
        senders.set(sender, (senders.get(sender) ?? 0) + 1)
      }
      expect(preview.count).toBe(expected.length)
      expect(new Map(preview.senders.map((sender) => [sender.userid, sender.count]))).toEqual(senders)
    }
  })
})
