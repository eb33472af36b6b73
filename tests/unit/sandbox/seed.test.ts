import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../electron/core/sandbox/clock'
import type { SandboxState } from '../../../electron/core/sandbox/model'
import { seedCorp } from '../../../electron/core/sandbox/seed'
import { FIXED_START_MS } from './helpers'

const SIZE = { seed: 7, customers: 20_000, members: 200, groups: 320 }

/** The parts of a corp two seeds are compared on. */
function fingerprint(state: SandboxState) {
  return {
    corpid: state.corpid,
    members: state.members,
    customers: state.customers.slice(0, 200),
    lastCustomer: state.customers.at(-1),
    tagGroups: state.tagGroups,
    groupChats: state.groupChats.slice(0, 20),
    massMessages: state.massMessages.map((message) => [message.msgid, message.createdAtMs, message.tasks.length]),
    moments: state.moments.map((moment) => [moment.momentId, moment.createdAtMs, moment.tasks.length]),
    templates: state.welcomeTemplates,
  }
}

describe('seeded demo corp', () => {
  it('is identical for the same seed and day, and different for another seed', () => {
    const first = seedCorp(SIZE, FIXED_START_MS)
    const again = seedCorp(SIZE, FIXED_START_MS + 3_600_000)
    const other = seedCorp({ ...SIZE, seed: 8 }, FIXED_START_MS)
    expect(fingerprint(again)).toEqual(fingerprint(first))
    expect(other.corpid).not.toBe(first.corpid)
    expect(other.customers[0]?.externalUserid).not.toBe(first.customers[0]?.externalUserid)
  })

  it('has the requested sizes and consistent indexes', () => {
    const state = seedCorp(SIZE, FIXED_START_MS)
    expect(state.members).toHaveLength(200)
    expect(state.customers).toHaveLength(20_000)
    expect(state.groupChats).toHaveLength(320)
    expect(state.customerById.size).toBe(20_000)
    const relations = state.customers.reduce((sum, customer) => sum + customer.follows.length, 0)
    const indexed = [...state.customersByMember.values()].reduce((sum, list) => sum + list.length, 0)
    expect(indexed).toBe(relations)
  })

  it('gives ~15% of customers two followers and ~3% three, never the same member twice', () => {
    const state = seedCorp(SIZE, FIXED_START_MS)
    const byCount = [0, 0, 0, 0]
    for (const customer of state.customers) {
      byCount[customer.follows.length] = (byCount[customer.follows.length] ?? 0) + 1
      expect(new Set(customer.follows.map((follow) => follow.userid)).size).toBe(customer.follows.length)
    }
    expect((byCount[2] ?? 0) / 20_000).toBeGreaterThan(0.12)
    expect((byCount[2] ?? 0) / 20_000).toBeLessThan(0.18)
    expect((byCount[3] ?? 0) / 20_000).toBeGreaterThan(0.02)
    expect((byCount[3] ?? 0) / 20_000).toBeLessThan(0.04)
  })

  it('uses unique pinyin userids, Chinese names and a department tree', () => {
    const state = seedCorp(SIZE, FIXED_START_MS)
    const userids = state.members.map((member) => member.userid)
    expect(new Set(userids).size).toBe(userids.length)
    for (const userid of userids) expect(userid).toMatch(/^[a-z]+\d*$/)
    expect(userids.some((userid) => /\d$/.test(userid))).toBe(true)
    for (const member of state.members) expect(member.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/)
    expect(state.departments.length).toBeGreaterThanOrEqual(10)
    expect(state.departments.length).toBeLessThanOrEqual(20)
    const ids = new Set(state.departments.map((department) => department.id))
    for (const department of state.departments)
      expect(department.parentId === 0 || ids.has(department.parentId)).toBe(true)
  })

  it('spreads relations, tags, groups, moments and mass messages as documented', () => {
    const state = seedCorp(SIZE, FIXED_START_MS)
    const tagCount = state.tagGroups.reduce((sum, group) => sum + group.tags.length, 0)
    expect(state.tagGroups.length).toBeGreaterThanOrEqual(8)
    expect(tagCount).toBeGreaterThanOrEqual(45)
    const relations = state.customers.flatMap((customer) => customer.follows)
    const oldest = Math.min(...relations.map((relation) => relation.createTime))
    expect(state.seededDayMs / 1000 - oldest).toBeGreaterThan(700 * 86_400)
    expect(relations.filter((relation) => relation.tagIds.length > 0).length / relations.length).toBeGreaterThan(0.5)
    expect(new Set(relations.map((relation) => relation.addWay)).size).toBeGreaterThan(5)
    expect(state.customers.some((customer) => customer.type === 2 && customer.corpName)).toBe(true)
    for (const chat of state.groupChats) expect(state.memberById.has(chat.owner)).toBe(true)
    expect(state.moments.some((moment) => moment.createType === 0)).toBe(true)
    expect(state.moments.some((moment) => moment.createType === 1)).toBe(true)
    for (const moment of state.moments) expect(state.seededDayMs - moment.createdAtMs).toBeLessThanOrEqual(180 * DAY_MS)
    expect(state.massMessages).toHaveLength(40)
    expect(new Set(state.massMessages.map((message) => `${message.chatType}/${message.createType}`)).size).toBe(4)
    expect(state.welcomeTemplates.some((template) => !template.createdByApi)).toBe(true)
  })

  it('seeds 100,000 customers over 500 members quickly, ~200–300 customers each', () => {
    const started = performance.now()
    const state = seedCorp({ seed: 3, customers: 100_000, members: 500, groups: 320 }, FIXED_START_MS)
    const elapsed = performance.now() - started
    const perMember = [...state.customersByMember.values()].map((list) => list.length).sort((a, b) => a - b)
    expect(perMember).toHaveLength(500)
    expect(perMember[25]).toBeGreaterThan(180)
    expect(perMember[475]).toBeLessThan(320)
    expect(elapsed).toBeLessThan(5000)
  })
})
