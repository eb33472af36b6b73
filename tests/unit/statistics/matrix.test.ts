import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { StatisticsCache } from '../../../electron/core/services/statistics/cache'
import {
  bumpVersion,
  fillRunning,
  matricesOf,
  prepareMatrices,
} from '../../../electron/core/services/statistics/matrix'
import { openWorkspace, type Workspace } from '../../../electron/core/store/workspace'

let dir: string | undefined
let workspace: Workspace | undefined
afterEach(() => {
  workspace?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  workspace = dir = undefined
})

/** A workspace with `members` members × `days` days of figures (more rows than one load slice). */
function seeded(members: number, days: number): Workspace {
  dir = mkdtempSync(join(tmpdir(), 'stats-matrix-'))
  workspace = openWorkspace(join(dir, 'workspace.sqlite'))
  const cache = new StatisticsCache(workspace.db)
  const ws = workspace
  ws.transaction(() => {
    cache.putSubjects(
      'member',
      Array.from({ length: members }, (_, i) => ({
        userid: `m${String(i).padStart(3, '0')}`,
        name: `成员${i}`,
        departments: [1],
        status: 'ok' as const,
        errcode: null,
      })),
      0,
    )
    for (let i = 0; i < members; i++) {
      const rows = Array.from({ length: days }, (_, d) => ({
        day: 20_000 + d,
        new_apply_cnt: (i + d) % 3,
        new_contact_cnt: (i * d) % 5,
        chat_cnt: (i + 2 * d) % 7,
        message_cnt: (i + d) % 11,
        reply_percentage: (i + 2 * d) % 7 ? 50 + ((i + d) % 50) : null,
        avg_reply_time: (i + 2 * d) % 7 ? (i % 30) + 1 : null,
        negative_feedback_cnt: d % 13 === 0 ? 1 : 0,
      }))
      // A hole: member 5 has no day 20,010.
      cache.putMemberDays(
        `m${String(i).padStart(3, '0')}`,
        i === 5 ? rows.filter((row) => row.day !== 20_010) : rows,
        0,
        () => true,
      )
    }
    bumpVersion(ws)
  })
  return ws
}

function sqlSum(ws: Workspace, userid: string, column: string): number {
  return (
    ws.db.prepare(`SELECT SUM(${column}) AS n FROM stat_member_days WHERE userid = ?`).get(userid) as { n: number }
  ).n
}

describe('the in-memory snapshot of the cache', () => {
  it('holds every row, read in slices by key (sync and async give the same)', async () => {
    const ws = seeded(60, 180)
    await prepareMatrices(ws.db)
    const { members } = matricesOf(ws.db)
    expect(members.subjects).toHaveLength(60)
    expect(members.days).toBe(180)
    for (const userid of ['m000', 'm005', 'm027', 'm059']) {
      const row = members.index.get(userid)!
      const cells = (column: 'message_cnt' | 'rw') =>
        Array.from({ length: 180 }, (_, d) => members.cols[column][row * 180 + d]!).reduce((a, b) => a + b, 0)
      expect(cells('message_cnt')).toBe(sqlSum(ws, userid, 'message_cnt'))
      expect(cells('rw')).toBeCloseTo(sqlSum(ws, userid, 'reply_percentage * chat_cnt'), 6)
      const present = members.present.slice(row * 180, row * 180 + 180).reduce((a, b) => a + b, 0)
      expect(present).toBe(userid === 'm005' ? 179 : 180)
    }
  })

  it('is read again when the cache changes, and lags a running fill by at most a moment', () => {
    const ws = seeded(3, 10)
    const cache = new StatisticsCache(ws.db)
    const before = matricesOf(ws.db)
    expect(matricesOf(ws.db)).toBe(before)
    const write = () =>
      ws.transaction(() => {
        cache.putMemberDays(
          'm000',
          [
            {
              day: 20_010,
              new_apply_cnt: 9,
              new_contact_cnt: 9,
              chat_cnt: 9,
              message_cnt: 9,
              reply_percentage: 90,
              avg_reply_time: 9,
              negative_feedback_cnt: 9,
            },
          ],
          0,
          () => true,
        )
        bumpVersion(ws)
      })
    write()
    const after = matricesOf(ws.db)
    expect(after).not.toBe(before)
    expect(after.members.days).toBe(11)
    const done = fillRunning(ws.db)
    write()
    expect(matricesOf(ws.db)).toBe(after)
    done()
    expect(matricesOf(ws.db)).not.toBe(after)
  })
})
