import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { previewAudience, resolveAudience } from '../../../electron/core/audience/resolve'
import type { SandboxHandle, SandboxState } from '../../../electron/core/sandbox/types'
import type { AudiencePreview, CustomerFilter } from '../../../shared/customers'
import {
  expectedCustomers,
  expectedSender,
  startCoreOn,
  startCorp,
  syncThroughCore,
  type CoreOnSandbox,
} from '../customers/support'

let sandbox: SandboxHandle
let app: CoreOnSandbox

beforeAll(async () => {
  const corp = await startCorp()
  sandbox = corp.sandbox
  app = await startCoreOn(sandbox)
  await syncThroughCore(app.core)
})

afterAll(async () => {
  await app.close()
  await sandbox.close()
})

/** Customers per sender, computed from the ground truth independently of the SQL. */
function expectedAudience(filter: CustomerFilter): Map<string, string[]> {
  const bySender = new Map<string, string[]>()
  for (const customer of expectedCustomers(sandbox.state, filter)) {
    const sender = expectedSender(customer, filter.members)
    bySender.set(sender, [...(bySender.get(sender) ?? []), customer.externalUserid])
  }
  for (const ids of bySender.values()) ids.sort()
  return bySender
}

type FilterOf = (state: SandboxState) => CustomerFilter

const members = (state: SandboxState, from: number, to: number) =>
  state.members.slice(from, to).map((member) => member.userid)
const firstTag = (state: SandboxState) => state.tagGroups[0]!.tags[0]!.id

/** Filters as functions of the corp, which exists only once beforeAll has run. */
const filters: Array<[string, FilterOf]> = [
  ['everyone', () => ({})],
  ['two members', (state) => ({ members: members(state, 0, 2) })],
  ['a tag', (state) => ({ tags: { mode: 'or', ids: [firstTag(state)] } })],
  ['members and a tag', (state) => ({ members: members(state, 2, 6), tags: { mode: 'or', ids: [firstTag(state)] } })],
  ['WeChat users added by QR code', () => ({ types: [1], addWays: [1] })],
]

describe('audience engine', () => {
  it.each(filters)('resolves %s to the customers and senders an independent computation gives', (_, filterOf) => {
    const filter = filterOf(sandbox.state)
    const expected = expectedAudience(filter)
    const audience = resolveAudience(app.workspace, filter)
    const expectedIds = [...expected.values()].flat().sort()
    expect(audience.count).toBe(expectedIds.length)
    expect(audience.count).toBeGreaterThan(0)
    expect(audience.externalUserids).toEqual(expectedIds)
    expect(new Map([...audience.bySender].map(([sender, ids]) => [sender, [...ids].sort()]))).toEqual(expected)
    const preview = previewAudience(app.workspace, filter)
    expect(preview.count).toBe(audience.count)
    expect(new Map(preview.senders.map((sender) => [sender.userid, sender.count]))).toEqual(
      new Map([...audience.bySender].map(([sender, ids]) => [sender, ids.length])),
    )
  })

  it('previews the count and the senders with names, busiest first, through the core', async () => {
    const filter: CustomerFilter = {
      members: members(sandbox.state, 0, 8),
      tags: { mode: 'or', ids: [firstTag(sandbox.state)] },
    }
    const result = await app.core.invoke('customers:previewAudience', { filter })
    expect(result.ok).toBe(true)
    const preview = (result as { data: AudiencePreview }).data
    const expected = [...expectedAudience(filter)].map(([userid, ids]) => ({
      userid,
      name: sandbox.state.memberById.get(userid)!.name,
      count: ids.length,
    }))
    expected.sort((a, b) => b.count - a.count || (a.userid < b.userid ? -1 : 1))
    expect(preview.senders).toEqual(expected)
    expect(preview.count).toBe(expected.reduce((sum, sender) => sum + sender.count, 0))
  })

  it('refuses an invalid filter with a readable message', async () => {
    const result = await app.core.invoke('customers:previewAudience', { filter: { genders: [3] } })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('invalid_input')
  })
})
