import { describe, expect, it } from 'vitest'
import { DeliveryLedger } from '../../../../electron/core/sandbox/deliveries'
import { taskSentAtMs } from '../../../../electron/core/sandbox/progress'
import type { MassMessage } from '../../../../electron/core/sandbox/model'
import {
  groupMsgResults,
  groupMsgTasks,
  ResultsMemo,
} from '../../../../electron/core/services/massMessages/history/results'
import { AppError } from '../../../../electron/core/errors'
import { createMessage, SECOND_MS, useTrackingCorp, type TrackingCorp } from './support'

const corp = useTrackingCorp()

/** A seeded message with several senders, some of whom have sent. */
function seededMessage(c: TrackingCorp, chatType: 'single' | 'group'): MassMessage {
  const now = c.clock.now()
  return c.sandbox.state.massMessages
    .filter((m) => m.chatType === chatType && m.tasks.length > 1)
    .find((m) => m.tasks.some((t) => taskSentAtMs(c.sandbox.state.seed, m, t, 1, now) !== undefined))!
}

describe('massMessages.tasks', () => {
  it('lists every member task with names and send times', async () => {
    const c = await corp()
    const message = seededMessage(c, 'single')
    const tasks = await groupMsgTasks(c.client, c.workspace, message.msgid)
    expect(tasks.map((t) => t.userid)).toEqual(message.tasks.map((t) => t.userid))
    for (const [i, task] of tasks.entries()) {
      const sentAt = taskSentAtMs(c.sandbox.state.seed, message, message.tasks[i]!, 1, c.clock.now())
      expect(task.memberName).toBe(c.sandbox.state.memberById.get(task.userid)!.name)
      expect(task.status).toBe(sentAt === undefined ? 0 : 2)
      expect(task.sendTime).toBe(sentAt === undefined ? undefined : Math.floor(sentAt / 1000) * 1000)
    }
  })
})

describe('massMessages.results', () => {
  it('reads every member’s results and counts each status, with customer names', async () => {
    const c = await corp()
    const message = seededMessage(c, 'single')
    const { counts, rows } = await groupMsgResults(c.client, c.workspace, message.msgid)
    const ledger = new DeliveryLedger(c.sandbox.state, { taskSpeed: 1, receiveCap: 'days-in-month' })
    const expected = message.tasks.flatMap((task) =>
      task.recipients.map((r) => ({
        userid: task.userid,
        externalUserid: r,
        status: ledger.status(message, task, r, c.clock.now()),
      })),
    )
    expect(rows.map((r) => ({ userid: r.userid, externalUserid: r.externalUserid, status: r.status }))).toEqual(
      expected,
    )
    const tally = (status: number) => expected.filter((r) => r.status === status).length
    expect(counts).toEqual({ unsent: tally(0), sent: tally(1), notFriend: tally(2), overCap: tally(3) })
    expect(counts.sent).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row.recipientName).toBe(c.sandbox.state.customerById.get(row.externalUserid!)!.name)
      expect(row.memberName).toBe(c.sandbox.state.memberById.get(row.userid)!.name)
      expect(row.sendTime === undefined).toBe(row.status !== 1)
    }
    // One results walk per member of the task list.
    const pages = c.sandbox.requestLog.filter((r) => r.path === 'externalcontact/get_groupmsg_send_result')
    expect(new Set(pages.map((r) => (r.body as { userid: string }).userid)).size).toBe(message.tasks.length)
  })

  it('names group recipients from the group cache', async () => {
    const c = await corp()
    const message = seededMessage(c, 'group')
    const { rows } = await groupMsgResults(c.client, c.workspace, message.msgid)
    expect(rows.length).toBe(message.tasks.reduce((sum, t) => sum + t.recipients.length, 0))
    for (const row of rows) {
      expect(row.externalUserid).toBeUndefined()
      expect(row.recipientName).toBe(c.sandbox.state.groupChatById.get(row.chatId!)!.name)
    }
  })

  it('explains 41063 right after creation, and works a moment later', async () => {
    const c = await corp()
    const msgid = await createMessage(c)
    const error = await groupMsgResults(c.client, c.workspace, msgid).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'mass_message_dispatching', wecomErrcode: 41063 })
    expect((error as AppError).text['zh-CN']).toContain('还在为这条群发创建成员任务')
    expect((error as AppError).hint?.en).toBe('Try again in a minute.')
    c.clock.advance(2 * SECOND_MS)
    const { counts, rows } = await groupMsgResults(c.client, c.workspace, msgid)
    expect(rows).toHaveLength(3)
    expect(counts).toEqual({ sent: 0, unsent: 3, notFriend: 0, overCap: 0 })
  })

  it('says a msgid WeCom does not know was not found', async () => {
    const c = await corp()
    const error = await groupMsgTasks(c.client, c.workspace, 'msgNOPE').catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'mass_message_not_found', wecomErrcode: 40058 })
    expect((error as AppError).text.en).toContain('msgNOPE')
  })
})

describe('reading a detail again (issue 9, item 5: ≤ 1 s on the sandbox)', () => {
  const RESULT = 'externalcontact/get_groupmsg_send_result'
  const TASK = 'externalcontact/get_groupmsg_task'

  it('reads the task list once for tasks and results together, and later only the members who sent since', async () => {
    const c = await corp()
    const msgid = await createMessage(c, 300)
    const members = c.sandbox.state.massMessages.find((m) => m.msgid === msgid)!.tasks.length
    expect(members).toBeGreaterThan(5)
    c.clock.advance(2 * SECOND_MS)
    let before = c.sandbox.requestLog.length
    const [, first] = await Promise.all([
      groupMsgTasks(c.client, c.workspace, msgid),
      groupMsgResults(c.client, c.workspace, msgid),
    ])
    const calls = (path: string) => c.sandbox.requestLog.slice(before).filter((r) => r.path === path).length
    expect(calls(TASK)).toBe(1)
    expect(calls(RESULT)).toBe(members)
    expect(first.counts.unsent).toBe(300)

    // Nobody has sent yet: nothing can have changed but the task list.
    before = c.sandbox.requestLog.length
    expect(await groupMsgResults(c.client, c.workspace, msgid)).toEqual(first)
    expect(calls(TASK)).toBe(1)
    expect(calls(RESULT)).toBe(0)

    // Some members sent: only they are read again; the rest is what WeCom answers too.
    c.clock.advance(5 * 60 * SECOND_MS)
    const sentNow = (await groupMsgTasks(c.client, c.workspace, msgid)).filter((t) => t.status === 2).length
    expect(sentNow).toBeGreaterThan(0)
    expect(sentNow).toBeLessThan(members)
    before = c.sandbox.requestLog.length
    const later = await groupMsgResults(c.client, c.workspace, msgid)
    expect(calls(RESULT)).toBe(sentNow)
    c.workspace.repository(ResultsMemo).forget(msgid)
    expect(await groupMsgResults(c.client, c.workspace, msgid)).toEqual(later)

    // Everyone sent: a reload reads the task list alone.
    c.clock.advance(7 * 60 * 60 * SECOND_MS)
    await groupMsgResults(c.client, c.workspace, msgid)
    before = c.sandbox.requestLog.length
    await Promise.all([groupMsgTasks(c.client, c.workspace, msgid), groupMsgResults(c.client, c.workspace, msgid)])
    expect(calls(TASK)).toBe(1)
    expect(calls(RESULT)).toBe(0)
  })
})
