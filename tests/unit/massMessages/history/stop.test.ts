import { describe, expect, it } from 'vitest'
import { stopGroupMessage } from '../../../../electron/core/services/massMessages/history/cancel'
import { getGroupMessage } from '../../../../electron/core/services/massMessages/history/get'
import { listGroupMessages } from '../../../../electron/core/services/massMessages/history/list'
import { groupMsgProgress } from '../../../../electron/core/services/massMessages/history/progress'
import { groupMsgResults, groupMsgTasks } from '../../../../electron/core/services/massMessages/history/results'
import { countOverCap, setReceiveCapRule } from '../../../../electron/core/services/massMessages/sending/receive-cap'
import { pathsSince, SECOND_MS, sendAsConsole, useTrackingCorp, type TrackingCorp } from './support'

const corp = useTrackingCorp()
const MINUTE_MS = 60 * SECOND_MS
const HOUR_MS = 60 * MINUTE_MS
const VIEWER = { profileName: '沙箱企业' }
const TASK = 'externalcontact/get_groupmsg_task'
const CANCEL = 'externalcontact/cancel_groupmsg_send'

const customersOf = (c: TrackingCorp, count: number) =>
  c.sandbox.state.customers.slice(0, count).map((customer) => customer.externalUserid)

const listToday = (c: TrackingCorp) =>
  listGroupMessages(
    c.client,
    c.workspace,
    { chatType: 'single', from: c.clock.now() - 24 * HOUR_MS, to: c.clock.now(), filterType: 2 },
    VIEWER,
    c.clock.now(),
  )

describe('a stopped message (issue 9, item 2)', () => {
  it('is recorded locally, shows as stopped in the list, the detail and the progress, and a second stop says so without calling WeCom', async () => {
    const c = await corp()
    const msgid = await sendAsConsole(c, '夏季新品', customersOf(c, 40))
    c.clock.advance(2 * SECOND_MS)
    expect((await listToday(c)).find((m) => m.msgid === msgid)).not.toHaveProperty('stoppedAt')

    const stopped = await stopGroupMessage(c.client, c.workspace, msgid, c.clock.now)
    expect(stopped).toEqual({ msgid, stoppedAt: c.clock.now(), alreadyStopped: false })
    const stoppedAt = c.clock.now()

    const listed = (await listToday(c)).find((m) => m.msgid === msgid)!
    expect(listed).toMatchObject({ stoppedAt, status: 'stopped', title: '夏季新品' })
    expect(await getGroupMessage(c.client, c.workspace, msgid, VIEWER)).toMatchObject({ stoppedAt, status: 'stopped' })
    expect(await groupMsgProgress(async () => c.client, c.workspace, [msgid])).toEqual([{ msgid, status: 'stopped' }])

    // WeCom has no stopped flag: its tasks stay "not sent" (0) for good.
    c.clock.advance(HOUR_MS)
    expect((await groupMsgTasks(c.client, c.workspace, msgid)).every((task) => task.status === 0)).toBe(true)

    const before = c.sandbox.requestLog.length
    c.clock.advance(MINUTE_MS)
    expect(await stopGroupMessage(c.client, c.workspace, msgid, c.clock.now)).toEqual({
      msgid,
      stoppedAt,
      alreadyStopped: true,
    })
    expect(pathsSince(c.sandbox, before)).not.toContain(CANCEL)
  })

  it('reports members still sending with counts, and a message every member has sent as sent, never asked again', async () => {
    const c = await corp()
    const msgid = await sendAsConsole(c, '会员日', customersOf(c, 200))
    c.clock.advance(2 * SECOND_MS)
    const [early] = await groupMsgProgress(async () => c.client, c.workspace, [msgid])
    expect(early).toMatchObject({ msgid, status: 'sending', sentTasks: 0 })
    expect(early!.totalTasks).toBeGreaterThan(1)
    c.clock.advance(7 * HOUR_MS)
    await listToday(c) // cached, so its all-sent mark can be kept
    expect(await groupMsgProgress(async () => c.client, c.workspace, [msgid])).toEqual([
      { msgid, status: 'sent', sentTasks: early!.totalTasks, totalTasks: early!.totalTasks },
    ])
    const before = c.sandbox.requestLog.length
    expect(await groupMsgProgress(async () => c.client, c.workspace, [msgid])).toEqual([{ msgid, status: 'sent' }])
    expect((await listToday(c)).find((m) => m.msgid === msgid)).toMatchObject({ status: 'sent' })
    expect(pathsSince(c.sandbox, before)).not.toContain(TASK)
  })
})

describe('the receive-cap estimate after a stop (issue 9, item 4)', () => {
  it('does not count recipients of a message stopped before anyone sent it', async () => {
    const c = await corp()
    setReceiveCapRule(c.workspace, 'daily-1')
    const customers = customersOf(c, 120)
    const msgid = await sendAsConsole(c, '第一条', customers)
    c.clock.advance(2 * SECOND_MS)
    expect(countOverCap(c.workspace, 'single', customers, 'daily-1', c.clock.now())).toBe(customers.length)
    await stopGroupMessage(c.client, c.workspace, msgid, c.clock.now)
    expect(countOverCap(c.workspace, 'single', customers, 'daily-1', c.clock.now())).toBe(0)
  })

  it('counts only the recipients a message had reached when it was stopped', async () => {
    const c = await corp()
    const customers = customersOf(c, 300)
    const msgid = await sendAsConsole(c, '第二条', customers)
    c.clock.advance(3 * MINUTE_MS) // some members have sent, others not yet
    await stopGroupMessage(c.client, c.workspace, msgid, c.clock.now)
    c.clock.advance(HOUR_MS)
    const { rows } = await groupMsgResults(c.client, c.workspace, msgid)
    const reached = rows.filter((row) => row.status === 1).map((row) => row.externalUserid!)
    expect(reached.length).toBeGreaterThan(0)
    expect(reached.length).toBeLessThan(rows.length)
    expect(countOverCap(c.workspace, 'single', customers, 'daily-1', c.clock.now())).toBe(reached.length)
  })

  it('learns the reach from the results when it could not be read at the stop', async () => {
    const c = await corp()
    const customers = customersOf(c, 300)
    const msgid = await sendAsConsole(c, '第三条', customers)
    c.clock.advance(3 * MINUTE_MS)
    c.sandbox.setFaults({ forcedErrcodes: { [TASK]: { errcode: 40001, count: 1 } } })
    await stopGroupMessage(c.client, c.workspace, msgid, c.clock.now)
    c.sandbox.clearFaults()
    // Not known yet: every recipient still counts (an estimate that errs on the side of warning).
    expect(countOverCap(c.workspace, 'single', customers, 'daily-1', c.clock.now())).toBe(customers.length)
    const { rows } = await groupMsgResults(c.client, c.workspace, msgid)
    const reached = rows.filter((row) => row.status === 1).length
    expect(countOverCap(c.workspace, 'single', customers, 'daily-1', c.clock.now())).toBe(reached)
  })
})
