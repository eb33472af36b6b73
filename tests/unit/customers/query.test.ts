import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryCustomers } from '../../../electron/core/services/customers/query'
import type { SandboxHandle, SandboxState } from '../../../electron/core/sandbox/types'
import type { Workspace } from '../../../electron/core/store/workspace'
import type { CustomerFilter, CustomerSort } from '../../../shared/customers'
import { addedAtOf, expectedCustomers, expectedOrder, fillCustomerCache, startCorp, tempWorkspace } from './support'

let sandbox: SandboxHandle
let state: SandboxState
let workspace: Workspace
let removeWorkspace: () => void

beforeAll(async () => {
  const corp = await startCorp()
  sandbox = corp.sandbox
  state = sandbox.state
  ;({ workspace, remove: removeWorkspace } = tempWorkspace())
  await fillCustomerCache(workspace, corp.client)
})

afterAll(async () => {
  removeWorkspace()
  await sandbox.close()
})

const BY_ADDED: CustomerSort = { field: 'addedAt', order: 'desc' }

/** Every match, window by window; checks the total is the same in every window. */
function allIds(filter: CustomerFilter, sort: CustomerSort = BY_ADDED, limit = 500): string[] {
  const ids: string[] = []
  let total: number | undefined
  for (let offset = 0; total === undefined || offset < total; offset += limit) {
    const page = queryCustomers(workspace, { filter, sort, offset, limit })
    total ??= page.total
    expect(page.total).toBe(total)
    expect(page.rows.length).toBe(Math.min(limit, total - offset))
    ids.push(...page.rows.map((row) => row.externalUserid))
  }
  return ids
}

function expectMatches(filter: CustomerFilter): string[] {
  const expected = expectedCustomers(state, filter).map((customer) => customer.externalUserid)
  const actual = allIds(filter)
  expect(new Set(actual).size).toBe(actual.length)
  expect([...actual].sort()).toEqual([...expected].sort())
  return actual
}

/** Tag ids by how many follow relations carry them, most used first. */
function tagsByUse(): string[] {
  const uses = new Map<string, number>()
  for (const customer of state.customers)
    for (const follow of customer.follows) for (const id of follow.tagIds) uses.set(id, (uses.get(id) ?? 0) + 1)
  return [...uses.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id)
}

/** The most common first character of customer names (a surname). */
function commonSurname(): string {
  const counts = new Map<string, number>()
  for (const customer of state.customers) counts.set(customer.name[0]!, (counts.get(customer.name[0]!) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0]
}

describe('customers.query filters match the sandbox ground truth', () => {
  it('returns every live customer with no filter', () => {
    expect(expectMatches({})).toHaveLength(state.customers.length)
  })

  it('searches names, companies and remarks, case-insensitively for Latin letters', () => {
    expect(expectMatches({ search: commonSurname() }).length).toBeGreaterThan(10)
    const company = state.customers.find((customer) => customer.corpName)!.corpName.slice(0, 2)
    expect(expectMatches({ search: company }).length).toBeGreaterThan(0)
    const remarkOnly = state.customers
      .flatMap((customer) => customer.follows.map((follow) => follow.remark.split('-')[1]))
      .find((city) => city && !state.customers.some((customer) => customer.name.includes(city)))
    expect(remarkOnly).toBeDefined()
    expect(expectMatches({ search: remarkOnly! }).length).toBeGreaterThan(0)
    const latin = state.customers.find((customer) => /^[A-Za-z]{3,}$/.test(customer.name))!.name
    const upper = expectMatches({ search: latin.toUpperCase() })
    expect(upper).toContain(state.customers.find((customer) => customer.name === latin)!.externalUserid)
    expect(expectMatches({ search: 'no such text 无此内容' })).toEqual([])
  })

  it('filters by members and by tags (or / and), excluding tags and customers', () => {
    const [first, second] = state.members
    expect(expectMatches({ members: [first!.userid, second!.userid] }).length).toBeGreaterThan(0)
    const [common, next] = tagsByUse()
    expect(expectMatches({ tags: { mode: 'or', ids: [common!, next!] } }).length).toBeGreaterThan(0)
    expect(expectMatches({ tags: { mode: 'and', ids: [common!, next!] } }).length).toBeGreaterThan(0)
    expect(expectMatches({ tags: { mode: 'and', ids: [common!, common!] } }).length).toBeGreaterThan(0)
    expect(expectMatches({ excludeTags: [common!] }).length).toBeGreaterThan(0)
    const excluded = state.customers.slice(0, 50).map((customer) => customer.externalUserid)
    expect(expectMatches({ excludeCustomers: excluded })).toHaveLength(state.customers.length - 50)
  })

  it("counts only the chosen members' own tags and add ways when members are given", () => {
    // A customer tagged by one follower but not by another: filtering on the other member must leave them out.
    const [tagId] = tagsByUse()
    const split = state.customers.find(
      (customer) =>
        customer.follows.some((follow) => follow.tagIds.includes(tagId!)) &&
        customer.follows.some((follow) => !follow.tagIds.includes(tagId!)),
    )!
    const untagging = split.follows.find((follow) => !follow.tagIds.includes(tagId!))!.userid
    const scoped = expectMatches({ members: [untagging], tags: { mode: 'or', ids: [tagId!] } })
    expect(scoped).not.toContain(split.externalUserid)
    expect(expectMatches({ members: [untagging], excludeTags: [tagId!] })).toContain(split.externalUserid)
    expect(expectMatches({ members: [untagging], addWays: [1, 2, 3] }).length).toBeGreaterThan(0)
  })

  it('filters by add time (both ends included), gender, type and add way', () => {
    const times = state.customers.map(addedAtOf).sort((a, b) => a - b)
    const [from, to] = [times[100]!, times[300]!]
    expect(expectMatches({ addedFrom: from, addedTo: to })).toHaveLength(201)
    expect(expectMatches({ addedFrom: from })).toHaveLength(300)
    expect(expectMatches({ genders: [2] }).length).toBeGreaterThan(0)
    expect(expectMatches({ genders: [0, 1] }).length).toBeGreaterThan(0)
    expect(expectMatches({ types: [2] }).length).toBeGreaterThan(0)
    expect(expectMatches({ addWays: [1] }).length).toBeGreaterThan(0)
    expect(expectMatches({ addWays: [201, 202] }).length).toBeGreaterThan(0)
  })

  it('combines every filter with AND', () => {
    const [common, next, third] = tagsByUse()
    const times = state.customers.map(addedAtOf).sort((a, b) => a - b)
    const members = state.members.slice(0, 6).map((member) => member.userid)
    expect(
      expectMatches({
        members,
        tags: { mode: 'or', ids: [common!, next!] },
        excludeTags: [third!],
        addedFrom: times[50]!,
        genders: [1, 2],
        types: [1],
        addWays: [1, 2, 5, 6],
      }).length,
    ).toBeGreaterThan(0)
    expect(
      expectMatches({ search: commonSurname(), tags: { mode: 'or', ids: [common!] }, types: [1] }).length,
    ).toBeGreaterThan(0)
  })

  it('gives the same answers with a text search (tags and add ways then tested customer by customer)', () => {
    const [common, next, third] = tagsByUse()
    const search = commonSurname()
    const members = state.members.slice(0, 6).map((member) => member.userid)
    for (const filter of [
      { search, tags: { mode: 'or' as const, ids: [common!, next!] } },
      { search, tags: { mode: 'and' as const, ids: [common!, next!] } },
      { search, excludeTags: [common!, third!] },
      { search, addWays: [1, 2, 6] },
      { search, members, tags: { mode: 'and' as const, ids: [common!] }, excludeTags: [next!], addWays: [1, 2] },
    ]) {
      expect(expectMatches(filter).length, JSON.stringify(filter)).toBeGreaterThan(0)
    }
  })

  it('treats empty lists as no restriction', () => {
    expect(
      expectMatches({ members: [], genders: [], types: [], addWays: [], excludeTags: [], excludeCustomers: [] }),
    ).toHaveLength(state.customers.length)
  })
})

describe('customers.query sorting and paging', () => {
  const sorts: CustomerSort[] = (['name', 'addedAt', 'followCount'] as const).flatMap((field) =>
    (['asc', 'desc'] as const).map((order) => ({ field, order })),
  )

  it.each(sorts)('sorts by $field $order with the customer id as tiebreak, window after window', (sort) => {
    const filter: CustomerFilter = { genders: [1, 2] }
    const expected = expectedOrder(expectedCustomers(state, filter), sort)
    expect(allIds(filter, sort, 37)).toEqual(expected)
  })

  it('answers an offset past the end with the total and no rows', () => {
    const page = queryCustomers(workspace, { filter: {}, sort: BY_ADDED, offset: 10_000, limit: 100 })
    expect(page).toEqual({ total: state.customers.length, rows: [] })
  })

  it('fills rows with followers (member names, remarks) and the tag ids of live follows', () => {
    const customer = state.customers.find((candidate) => candidate.follows.length > 1)!
    const [row] = queryCustomers(workspace, {
      filter: { excludeCustomers: state.customers.filter((c) => c !== customer).map((c) => c.externalUserid) },
      sort: BY_ADDED,
      offset: 0,
      limit: 10,
    }).rows
    expect(row).toMatchObject({
      externalUserid: customer.externalUserid,
      name: customer.name,
      type: customer.type,
      gender: customer.gender,
      corpName: customer.corpName,
      addedAt: addedAtOf(customer),
    })
    expect(row!.avatar).toContain(encodeURIComponent(customer.externalUserid))
    const followers = [...customer.follows]
      .sort((a, b) => a.createTime - b.createTime || (a.userid < b.userid ? -1 : 1))
      .map((follow) => ({
        userid: follow.userid,
        memberName: state.memberById.get(follow.userid)!.name,
        remark: follow.remark,
      }))
    expect(row!.followers).toEqual(followers)
    expect([...row!.tagIds].sort()).toEqual([...new Set(customer.follows.flatMap((follow) => follow.tagIds))].sort())
  })
})
