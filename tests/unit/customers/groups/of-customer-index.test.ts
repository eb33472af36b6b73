import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { afterAll, describe, expect, it } from 'vitest'
import { customerGroups } from '../../../../electron/core/services/customers/groups/of-customer'
import { MIGRATIONS } from '../../../../electron/core/store/migrations'
import { openWorkspace, type Workspace } from '../../../../electron/core/store/workspace'

/**
 * The customer's groups in the detail drawer look a customer up among the cached group members by
 * member id. Without an index on member ids that read every member row of every group; migration 13
 * adds one. A workspace is filled before step 13, read, then opened (migrated) and read again.
 */
const GROUPS = 2_000
const MEMBERS_PER_GROUP = 150
const dir = mkdtempSync(join(tmpdir(), 'customer-groups-index-'))
const file = join(dir, 'workspace.db')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function fill(workspace: Workspace): void {
  workspace.transaction(() => {
    const group = workspace.db.prepare(
      'INSERT INTO group_chats (chat_id, name, owner, member_count, synced_at) VALUES (?, ?, ?, ?, 1)',
    )
    const member = workspace.db.prepare(
      'INSERT INTO group_chat_members (chat_id, member_id, type, name) VALUES (?, ?, ?, ?)',
    )
    for (let g = 0; g < GROUPS; g++) {
      const chatId = `wr${String(g).padStart(6, '0')}`
      group.run(chatId, `群 ${g}`, `owner${g % 40}`, MEMBERS_PER_GROUP)
      member.run(chatId, `owner${g % 40}`, 1, '')
      // Customer c<k> is in the groups g, g+1, … of its own stride, so each is in a few groups.
      for (let m = 1; m < MEMBERS_PER_GROUP; m++) member.run(chatId, `wm${(g * 37 + m * 101) % 60_000}`, 2, '')
    }
  })
}

/** Median ms of `runs` lookups of different customers. */
function timeLookups(workspace: Workspace, runs = 40): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    customerGroups(workspace, `wm${(i * 1499) % 60_000}`)
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

const plan = (workspace: Workspace) =>
  (
    workspace.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT g.chat_id FROM group_chat_members gm JOIN group_chats g ON g.chat_id = gm.chat_id
         WHERE gm.member_id = ? AND gm.type = 2 AND g.gone_at IS NULL`,
      )
      .all('wm1') as Array<{ detail: string }>
  )
    .map((row) => row.detail)
    .join('; ')

describe('the customer’s groups (customers:customerGroups)', () => {
  it('find a customer among the group members through the member-id index of migration 13', () => {
    const before = openWorkspace(file, { migrations: MIGRATIONS.filter((m) => m.version < 13) })
    fill(before)
    const expected = customerGroups(before, 'wm101')
    const scanMs = timeLookups(before)
    expect(plan(before)).not.toContain('group_chat_members_member')
    before.close()

    const after = openWorkspace(file)
    expect(after.db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 13 })
    expect(plan(after)).toMatch(/SEARCH gm USING COVERING INDEX group_chat_members_member \(member_id=\? AND type=\?\)/)
    // The same answer, faster.
    expect(customerGroups(after, 'wm101')).toEqual(expected)
    expect(expected.length).toBeGreaterThan(0)
    const indexedMs = timeLookups(after)
    console.log(
      `customer groups lookup over ${GROUPS * MEMBERS_PER_GROUP} member rows: ${scanMs.toFixed(2)} ms without the index, ${indexedMs.toFixed(3)} ms with it`,
    )
    expect(indexedMs).toBeLessThan(scanMs)
    after.close()
  })
})
