import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryCustomers } from '../../../electron/core/services/customers/query'
import type { SandboxHandle } from '../../../electron/core/sandbox/types'
import type { Workspace } from '../../../electron/core/store/workspace'
import type { CustomerFilter, CustomerSort } from '../../../shared/customers'
import { expectedCustomers, expectedOrder, fillCustomerCache, startCorp, tempWorkspace } from './support'

// More matches than the query reads ahead (5,000), so totals come from a count and deep windows from an offset.
let sandbox: SandboxHandle
let workspace: Workspace
let removeWorkspace: () => void

beforeAll(async () => {
  const corp = await startCorp({ customers: 5_100, members: 20, groups: 0 })
  sandbox = corp.sandbox
  ;({ workspace, remove: removeWorkspace } = tempWorkspace())
  await fillCustomerCache(workspace, corp.client)
})

afterAll(async () => {
  removeWorkspace()
  await sandbox.close()
})

describe('customers.query over a broad match', () => {
  it.each<[string, CustomerFilter, CustomerSort]>([
    ['everyone by add time', {}, { field: 'addedAt', order: 'desc' }],
    ['everyone by name', {}, { field: 'name', order: 'asc' }],
    [
      'a filter that keeps everyone, by follower count',
      { types: [1, 2], genders: [0, 1, 2] },
      { field: 'followCount', order: 'desc' },
    ],
  ])('counts %s and pages windows across the read-ahead', (_, filter, sort) => {
    const expected = expectedOrder(expectedCustomers(sandbox.state, filter), sort)
    expect(expected.length).toBeGreaterThan(5_000)
    for (const offset of [0, 4_950, 5_000, 5_050]) {
      const page = queryCustomers(workspace, { filter, sort, offset, limit: 100 })
      expect(page.total).toBe(expected.length)
      expect(page.rows.map((row) => row.externalUserid)).toEqual(expected.slice(offset, offset + 100))
    }
  })
})
