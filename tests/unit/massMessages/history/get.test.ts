import { describe, expect, it } from 'vitest'
import { getGroupMessage, LOOKUP_DAYS } from '../../../../electron/core/services/massMessages/history/get'
import { listGroupMessages } from '../../../../electron/core/services/massMessages/history/list'
import type { AppError } from '../../../../electron/core/errors'
import { DAY_MS, listRequests, pathsSince, SECOND_MS, sendAsConsole, useTrackingCorp } from './support'

const corp = useTrackingCorp()
const VIEWER = { profileName: '华东门店' }
const LIST = 'externalcontact/get_groupmsg_list_v2'

describe('one message by msgid, without the list (issue 9, item 5)', () => {
  it('finds a message this console sent by the time of its send, then serves it from the cache', async () => {
    const c = await corp()
    const customers = c.sandbox.state.customers.slice(0, 30).map((customer) => customer.externalUserid)
    const sentAt = c.clock.now()
    const msgid = await sendAsConsole(c, '夏季新品', customers, '夏季新品上市，会员专享 8 折。')
    c.clock.advance(3 * DAY_MS)

    const before = c.sandbox.requestLog.length
    const message = await getGroupMessage(c.client, c.workspace, msgid, VIEWER, c.clock.now())
    expect(message).toMatchObject({
      msgid,
      chatType: 'single',
      createType: 0,
      createTime: Math.floor(sentAt / 1000) * 1000,
      text: '夏季新品上市，会员专享 8 折。',
      attachmentTypes: [],
      title: '夏季新品',
      sentHere: { profileName: '华东门店' },
    })
    // One list call over a few minutes around the send, not a scan of months.
    const windows = listRequests(c.sandbox).slice(-1)
    const answered = c.sandbox.requestLog.slice(before).filter((r) => r.path === LIST && r.errcode === 0)
    expect(answered).toHaveLength(1)
    expect(windows[0]!.end_time - windows[0]!.start_time).toBeLessThanOrEqual(600)

    const again = c.sandbox.requestLog.length
    expect(await getGroupMessage(c.client, c.workspace, msgid, VIEWER, c.clock.now())).toEqual(message)
    expect(pathsSince(c.sandbox, again)).toEqual([])
  })

  it('finds any other message in WeCom’s list of recent months, newest first, and caches what it read', async () => {
    const c = await corp()
    const now = c.clock.now()
    const seeded = c.sandbox.state.massMessages.filter((m) => m.chatType === 'group').at(0)!
    expect(now - seeded.createdAtMs).toBeLessThan(LOOKUP_DAYS * DAY_MS)
    const message = await getGroupMessage(c.client, c.workspace, seeded.msgid, VIEWER, now)
    expect(message).toMatchObject({ msgid: seeded.msgid, chatType: 'group', text: seeded.text })
    expect(message).not.toHaveProperty('title')
    expect(message).not.toHaveProperty('sentHere')
    const before = c.sandbox.requestLog.length
    const neighbour = c.sandbox.state.massMessages.find(
      (m) => m.chatType === 'single' && Math.abs(m.createdAtMs - seeded.createdAtMs) < 10 * DAY_MS,
    )
    if (neighbour) await getGroupMessage(c.client, c.workspace, neighbour.msgid, VIEWER, now)
    expect(pathsSince(c.sandbox, before)).toEqual([])
  })

  it('says plainly when no record and no list of the last 180 days has it', async () => {
    const c = await corp()
    const error = (await getGroupMessage(c.client, c.workspace, 'msgNOWHERE', VIEWER).catch(
      (caught: unknown) => caught,
    )) as AppError
    expect(error.code).toBe('mass_message_not_found')
    expect(error.text['zh-CN']).toBe('找不到这条群发（msgNOWHERE）。')
    expect(error.hint?.en).toContain('last 180 days')
  })
})

describe('messages this console sent are easy to find (issue 9, item 7)', () => {
  it('carry the draft title and "sent from this console" with the profile name in the list; others do not', async () => {
    const c = await corp()
    const customers = c.sandbox.state.customers.slice(0, 10).map((customer) => customer.externalUserid)
    const mine = await sendAsConsole(c, '双十一预热', customers)
    c.clock.advance(SECOND_MS)
    const other = (
      await c.client.massMessages.addMsgTemplate({ external_userid: customers, text: { content: '别的应用' } })
    ).msgid
    const listed = await listGroupMessages(
      c.client,
      c.workspace,
      { chatType: 'single', from: c.clock.now() - DAY_MS, to: c.clock.now(), filterType: 2 },
      VIEWER,
    )
    expect(listed.find((m) => m.msgid === mine)).toMatchObject({
      title: '双十一预热',
      sentHere: { profileName: '华东门店' },
    })
    const theirs = listed.find((m) => m.msgid === other)!
    expect(theirs.title).toBeUndefined()
    expect(theirs.sentHere).toBeUndefined()
    expect(theirs.creator).toBeUndefined()
  })
})
