import { afterEach, describe, expect, it } from 'vitest'
import { statisticsGroundTruth } from '../../../electron/core/sandbox/handlers/statistics'
import { corpDay, corpDayStart, dayToNumber } from '../../../shared/date'
import { Clock, dataCalls, DAY, HOUR, statsCorp, type StatsCorp } from './support'

let corp: StatsCorp | undefined
afterEach(async () => {
  await corp?.close()
  corp = undefined
})

interface CountRow {
  n: number
}
const count = (c: StatsCorp, sql: string, ...args: Array<string | number>) =>
  (c.workspace.db.prepare(sql).get(...args) as unknown as CountRow).n

/** (subject, day ms) pairs a ledger slice served for members and owners. */
function servedPairs(served: ReturnType<StatsCorp['served']>): string[] {
  const pairs: string[] = []
  for (const call of served) {
    if (call.path === 'group_by_owner') continue
    const who = call.partyids.length
      ? `team`
      : call.path === 'behavior'
        ? `m:${call.userids.join(',')}`
        : `o:${call.userids[0]}`
    for (const day of call.days) pairs.push(`${who}@${day}`)
  }
  return pairs
}

describe('the first fill', () => {
  it('fetches 180 days per member, per owner and for the team in the fewest calls, and answers offline after', async () => {
    corp = await statsCorp()
    const truth = statisticsGroundTruth(corp.sandbox.state)
    const status = await corp.fill()
    expect(status.state).toBe('done')
    expect(status.kind).toBe('first')
    expect(dataCalls(corp.served())).toBe(truth.minCalls)
    expect(status.dataUpTo).toBe('2026-12-04')
    expect(status.dataFrom).toBe('2026-06-08')
    expect(status.missingDays).toBe(0)
    expect(count(corp, 'SELECT COUNT(*) AS n FROM stat_member_days')).toBe(truth.members * 180)
    expect(count(corp, 'SELECT COUNT(*) AS n FROM stat_team_days')).toBe(180)
    expect(count(corp, 'SELECT COUNT(*) AS n FROM stat_owner_days')).toBe(truth.owners * 180)
    // Every window is ≤ 30 corp days, never today, never older than 180 days.
    const today = corpDayStart(corpDay(corp.clock.ms))
    for (const call of corp.served()) {
      expect(call.days.length).toBeLessThanOrEqual(30)
      for (const day of call.days) {
        expect(day).toBeLessThan(today)
        expect(day).toBeGreaterThanOrEqual(today - 180 * DAY)
      }
    }
    // The progress ended with the final status.
    expect(corp.statuses.at(-1)?.state).toBe('done')

    // Reopening: a second fill the same morning asks WeCom for nothing but who the members are.
    const before = corp.served().length
    const again = await corp.fill()
    expect(again.kind).toBe('refresh')
    expect(dataCalls(corp.served().slice(before))).toBe(0)
  })

  it('keeps team figures from the team call: counts equal the sum of members, ratios are WeCom’s own', async () => {
    corp = await statsCorp()
    await corp.fill()
    const rows = corp.workspace.db
      .prepare(
        `SELECT t.day, t.new_contact_cnt AS team, SUM(m.new_contact_cnt) AS members,
           t.message_cnt AS teamMessages, SUM(m.message_cnt) AS memberMessages,
           t.reply_percentage AS teamReply,
           SUM(m.reply_percentage * m.chat_cnt) / SUM(CASE WHEN m.reply_percentage IS NOT NULL THEN m.chat_cnt END) AS weighted
         FROM stat_team_days t JOIN stat_member_days m ON m.day = t.day GROUP BY t.day`,
      )
      .all() as Array<{
      team: number
      members: number
      teamMessages: number
      memberMessages: number
      teamReply: number | null
      weighted: number | null
    }>
    expect(rows).toHaveLength(180)
    for (const row of rows) {
      expect(row.team).toBe(row.members)
      expect(row.teamMessages).toBe(row.memberMessages)
      if (row.teamReply !== null) expect(Math.abs(row.teamReply - row.weighted!)).toBeLessThan(0.01)
    }
  })
})

describe('provisional days and the incremental refresh', () => {
  it('a fill before 08:00 China time keeps yesterday provisional (zeros) and fetches it again once settled', async () => {
    // 07:00 China time = 18:00 the day before in New York: corp days, not local ones.
    corp = await statsCorp({}, new Clock(Date.parse('2026-12-05T07:00:00+08:00')))
    const first = await corp.fill()
    expect(first.provisionalDays).toEqual(['2026-12-04'])
    expect(first.dataUpTo).toBe('2026-12-04')
    expect(count(corp, `SELECT COUNT(*) AS n FROM stat_member_days WHERE final = 0 AND message_cnt = 0`)).toBe(
      count(corp, 'SELECT COUNT(*) AS n FROM stat_member_days WHERE final = 0'),
    )
    const truth = statisticsGroundTruth(corp.sandbox.state)
    corp.clock.advance(2 * HOUR)
    const before = corp.served().length
    const settled = await corp.fill()
    const refreshed = corp.served().slice(before)
    // One window (yesterday only) per member, per owner and for the team.
    expect(dataCalls(refreshed)).toBe(truth.members + truth.owners + 1)
    for (const call of refreshed)
      if (call.path !== 'group_by_owner') expect(call.days).toEqual([corpDayStart('2026-12-04')])
    expect(settled.provisionalDays).toEqual([])
    expect(
      count(corp, `SELECT SUM(message_cnt) AS n FROM stat_team_days WHERE day = ?`, dayToNumber('2026-12-04')),
    ).toBeGreaterThan(0)
  })

  it('the next day fetches one window per member, owner and team plus the provisional days, never a final day', async () => {
    corp = await statsCorp()
    await corp.fill()
    const finals = new Set(
      (
        corp.workspace.db.prepare(`SELECT userid, day FROM stat_member_days WHERE final = 1`).all() as Array<{
          userid: string
          day: number
        }>
      ).map((row) => `m:${row.userid}@${corpDayStart(dayString(row.day))}`),
    )
    const provisional = corp.workspace.db
      .prepare(`SELECT userid, day FROM stat_member_days WHERE final = 0`)
      .all() as Array<{ userid: string; day: number }>
    const truth = statisticsGroundTruth(corp.sandbox.state)
    corp.clock.advance(DAY)
    const before = corp.served().length
    const status = await corp.fill()
    expect(status.dataUpTo).toBe('2026-12-05')
    const refreshed = corp.served().slice(before)
    // A provisional day two days before the new one needs its own window (the day between is final).
    const extraMemberWindows = new Set(
      provisional.filter((row) => dayString(row.day) === '2026-12-03').map((row) => row.userid),
    ).size
    const calls = dataCalls(refreshed)
    expect(calls).toBeGreaterThanOrEqual(truth.members + truth.owners + 1)
    expect(calls).toBeLessThanOrEqual(truth.members + truth.owners + 1 + extraMemberWindows + truth.owners + 1)
    for (const pair of servedPairs(refreshed)) expect(finals.has(pair)).toBe(false)
  })
})

describe('suspect zeros', () => {
  it('an all-zero day from a member with contacts is asked again the next day, not the same morning', async () => {
    corp = await statsCorp()
    const member = corp.sandbox.state.members[2]!.userid
    const yesterday = corpDayStart('2026-12-04') / 1000
    // WeCom answers the member's yesterday with zeros (late), once.
    const original = corp.client.statistics.getUserBehaviorData
    let late = true
    corp.client.statistics.getUserBehaviorData = async (request) => {
      const answer = await original(request)
      if (!late || request.userid?.[0] !== member || request.userid.length !== 1) return answer
      late = false
      return answer.map((day) =>
        day.stat_time === yesterday
          ? {
              stat_time: day.stat_time,
              new_apply_cnt: 0,
              new_contact_cnt: 0,
              chat_cnt: 0,
              message_cnt: 0,
              negative_feedback_cnt: 0,
            }
          : day,
      )
    }
    const first = await corp.fill()
    expect(first.provisionalDays).toEqual(['2026-12-04'])
    const final = (day: string) =>
      corp!.workspace.db
        .prepare('SELECT final, message_cnt FROM stat_member_days WHERE userid = ? AND day = ?')
        .get(member, dayToNumber(day)) as { final: number; message_cnt: number }
    expect(final('2026-12-04')).toEqual({ final: 0, message_cnt: 0 })
    // The same morning: not asked again (WeCom would say the same).
    corp.clock.advance(HOUR)
    let before = corp.served().length
    await corp.fill()
    expect(dataCalls(corp.served().slice(before))).toBe(0)
    // The next day: one window from the suspect day to the new one, for that member.
    corp.clock.advance(DAY)
    before = corp.served().length
    const next = await corp.fill()
    const calls = corp
      .served()
      .slice(before)
      .filter((call) => call.userids.length === 1 && call.userids[0] === member)
    expect(calls.filter((call) => call.path === 'behavior').map((call) => call.days)).toEqual([
      [corpDayStart('2026-12-04'), corpDayStart('2026-12-05')],
    ])
    expect(final('2026-12-04').final).toBe(1)
    expect(final('2026-12-04').message_cnt).toBeGreaterThan(0)
    expect(next.provisionalDays).not.toContain('2026-12-04')
  })
})

describe('resume', () => {
  it('a fill killed at any point resumes without fetching a final day twice', async () => {
    corp = await statsCorp()
    const truth = statisticsGroundTruth(corp.sandbox.state)
    // Crash: the workspace goes away after a third of the answers (answers in flight are lost).
    corp.service.start()
    const run = corp.service.run()!
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (run.done > truth.minCalls / 3) {
          clearInterval(timer)
          corp!.workspace.close()
          resolve()
        }
      }, 1)
    })
    await run.finished
    expect(run.state).toBe('failed')
    corp.reopen()
    const finalAtCrash = new Set(
      (
        corp.workspace.db.prepare(`SELECT userid, day FROM stat_member_days WHERE final = 1`).all() as Array<{
          userid: string
          day: number
        }>
      ).map((row) => `m:${row.userid}@${corpDayStart(dayString(row.day))}`),
    )
    expect(finalAtCrash.size).toBeGreaterThan(0)
    expect(corp.service.status().state).toBe('cancelled')
    expect(corp.service.status().resumable).toBe(true)
    const before = corp.served().length
    const status = await corp.fill()
    expect(status.state).toBe('done')
    for (const pair of servedPairs(corp.served().slice(before))) expect(finalAtCrash.has(pair)).toBe(false)
    expect(count(corp, 'SELECT COUNT(*) AS n FROM stat_member_days WHERE final = 1')).toBe(truth.members * 180)
  })

  it('cancel stops after the calls in flight; start resumes with the rest', async () => {
    corp = await statsCorp()
    const truth = statisticsGroundTruth(corp.sandbox.state)
    corp.service.start()
    const run = corp.service.run()!
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (run.done > 20) {
          clearInterval(timer)
          corp!.service.cancel()
          resolve()
        }
      }, 1)
    })
    await run.finished
    expect(corp.service.status().state).toBe('cancelled')
    expect(corp.service.status().missingDays).toBeGreaterThan(0)
    const status = await corp.fill()
    expect(status.state).toBe('done')
    expect(dataCalls(corp.served())).toBe(truth.minCalls)
  })
})

describe('where the app cannot see departments', () => {
  it('builds the team from the members in batches: counts summed, ratios weighted by chats', async () => {
    corp = await statsCorp({ faults: { forcedErrcodes: { 'department/list': { errcode: 60011 } } } })
    const status = await corp.fill()
    expect(status.state).toBe('done')
    expect(status.teamSource).toBe('members')
    const teamCalls = corp.served().filter((call) => call.path === 'behavior' && call.userids.length > 1)
    expect(teamCalls).toHaveLength(6)
    for (const call of teamCalls) expect(call.userids.length).toBeLessThanOrEqual(100)
    const rows = corp.workspace.db
      .prepare(
        `SELECT t.message_cnt AS team, SUM(m.message_cnt) AS members, t.reply_percentage AS teamReply,
           SUM(m.reply_percentage * m.chat_cnt) / SUM(CASE WHEN m.reply_percentage IS NOT NULL THEN m.chat_cnt END) AS weighted
         FROM stat_team_days t JOIN stat_member_days m ON m.day = t.day GROUP BY t.day`,
      )
      .all() as Array<{ team: number; members: number; teamReply: number | null; weighted: number | null }>
    expect(rows).toHaveLength(180)
    for (const row of rows) {
      expect(row.team).toBe(row.members)
      if (row.teamReply !== null) expect(row.teamReply).toBeCloseTo(row.weighted!, 1)
    }
  })
})

describe('members out of reach', () => {
  it('records a member WeCom refuses and goes on with the others', async () => {
    corp = await statsCorp()
    // The app loses sight of one member after the member list was read: WeCom answers 81013 for them.
    const gone = corp.sandbox.state.members[3]!.userid
    const original = corp.client.statistics.getUserBehaviorData
    corp.client.statistics.getUserBehaviorData = (request) =>
      original(
        request.userid?.length === 1 && request.userid[0] === gone ? { ...request, userid: ['nobody-here'] } : request,
      )
    const status = await corp.fill()
    expect(status.state).toBe('done')
    expect(status.unavailable).toEqual([
      expect.objectContaining({ userid: gone, kind: 'member', reason: 'not_visible', errcode: 81013 }),
    ])
    const truth = statisticsGroundTruth(corp.sandbox.state)
    expect(count(corp, 'SELECT COUNT(*) AS n FROM stat_member_days')).toBe((truth.members - 1) * 180)
  })
})

function dayString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10)
}
