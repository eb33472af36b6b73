import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../electron/core/errors'
import { stopGroupMessage } from '../../../../electron/core/services/massMessages/history/cancel'
import { RemindService } from '../../../../electron/core/services/massMessages/history/remind'
import { createMessage, DAY_MS, SECOND_MS, useTrackingCorp, type TrackingCorp } from './support'

const corp = useTrackingCorp()
const REMIND = 'externalcontact/remind_groupmsg_send'

function reminders(c: TrackingCorp) {
  return new RemindService({ client: async () => c.client, workspace: () => c.workspace, now: c.clock.now })
}

/** Remind requests the sandbox received (a token refresh may add a rejected one). */
const remindCalls = (c: TrackingCorp) => c.sandbox.requestLog.filter((r) => r.path === REMIND).length

describe('massMessages.remind', () => {
  it('allows 3 reminds per rolling 24 h and refuses a 4th locally, saying when the next is possible', async () => {
    const c = await corp()
    const service = reminders(c)
    const msgid = await createMessage(c)
    const first = c.clock.now()
    expect(service.status(msgid)).toEqual({ left: 3 })
    expect(await service.remind(msgid)).toEqual({ left: 2 })
    c.clock.advance(60 * 60 * 1000)
    expect(await service.remind(msgid)).toEqual({ left: 1 })
    c.clock.advance(60 * 60 * 1000)
    expect(await service.remind(msgid)).toEqual({ left: 0, nextAt: first + DAY_MS })
    expect(service.status(msgid)).toEqual({ left: 0, nextAt: first + DAY_MS })

    const callsBefore = remindCalls(c)
    const refused = await service.remind(msgid).catch((caught: unknown) => caught)
    expect(remindCalls(c)).toBe(callsBefore)
    expect(refused).toBeInstanceOf(AppError)
    expect(refused).toMatchObject({ code: 'remind_limit_reached' })
    expect((refused as AppError).text['zh-CN']).toContain('24 小时内已经提醒过 3 次')
    expect((refused as AppError).hint?.en).toMatch(/next remind is possible after .*\d\d:\d\d/)

    c.clock.ms = first + DAY_MS + 1
    expect(service.status(msgid)).toEqual({ left: 1 })
    expect(await service.remind(msgid)).toEqual({ left: 0, nextAt: first + 60 * 60 * 1000 + DAY_MS })
    expect(remindCalls(c)).toBeGreaterThan(callsBefore)
  })

  it('never lets quick repeated clicks past the limit', async () => {
    const c = await corp()
    const service = reminders(c)
    const msgid = await createMessage(c)
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => service.remind(msgid)))
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected'])
    expect(remindCalls(c)).toBe(3)
  })

  it('surfaces WeCom’s refusal when reminds were made elsewhere, without counting it', async () => {
    const c = await corp()
    const service = reminders(c)
    const msgid = await createMessage(c)
    for (let i = 0; i < 3; i++) await c.client.massMessages.remindGroupMsgSend(msgid) // e.g. the admin console
    const refused = await service.remind(msgid).catch((caught: unknown) => caught)
    expect(refused).toMatchObject({ code: 'remind_refused', wecomErrcode: 40058 })
    expect((refused as AppError).text.en).toContain('WeCom refused this remind')
    expect((refused as AppError).hint?.['zh-CN']).toContain('还可以提醒 3 次')
    expect(service.status(msgid)).toEqual({ left: 3 })
  })

  it('counts a remind whose answer was lost, so WeCom is never pushed past 3', async () => {
    const c = await corp()
    const service = reminders(c)
    const msgid = await createMessage(c)
    c.sandbox.setFaults({ dropResponse: { [REMIND]: { count: 1 } } })
    await expect(service.remind(msgid)).rejects.toMatchObject({ code: 'wecom_outcome_unknown' })
    expect(service.status(msgid)).toEqual({ left: 2 })
  })

  it('keeps counts per message', async () => {
    const c = await corp()
    const service = reminders(c)
    const [a, b] = [await createMessage(c), await createMessage(c)]
    await service.remind(a)
    c.clock.advance(SECOND_MS)
    expect(service.status(a)).toEqual({ left: 2 })
    expect(service.status(b)).toEqual({ left: 3 })
  })
})

describe('massMessages.cancel', () => {
  it('stops the message in WeCom', async () => {
    const c = await corp()
    const msgid = await createMessage(c)
    c.clock.advance(2 * SECOND_MS)
    expect(await stopGroupMessage(c.client, c.workspace, msgid, c.clock.now)).toEqual({
      msgid,
      stoppedAt: c.clock.now(),
      alreadyStopped: false,
    })
    expect(c.sandbox.state.massMessages.find((m) => m.msgid === msgid)!.cancelledAtMs).toBe(c.clock.now())
  })

  it('explains an unknown msgid in both languages', async () => {
    const c = await corp()
    const error = (await stopGroupMessage(c.client, c.workspace, 'msgGONE').catch(
      (caught: unknown) => caught,
    )) as AppError
    expect(error.code).toBe('mass_message_not_found')
    expect(error.text['zh-CN']).toContain('找不到这条群发')
    expect(error.text.en).toContain('does not know this mass message')
  })
})
