import { describe, expect, it } from 'vitest'
import { listGroupMessages } from '../../../../electron/core/services/massMessages/history/list'
import { listWindows } from '../../../../electron/core/services/massMessages/history/windows'
import { createMessage, DAY_MS, listRequests, SECOND_MS, useTrackingCorp } from './support'

const corp = useTrackingCorp()
const WINDOW_SECONDS = 30 * 24 * 60 * 60

describe('listWindows', () => {
  it('covers the range with windows of at most 30 days that share their boundary second', () => {
    const from = Date.parse('2025-01-01T00:00:00Z')
    const to = from + 95 * DAY_MS + 1234
    const windows = listWindows(from, to)
    expect(windows).toHaveLength(4)
    expect(windows[0]!.startTime).toBe(from / 1000)
    expect(windows.at(-1)!.endTime).toBe(Math.floor(to / 1000))
    for (const [i, window] of windows.entries()) {
      expect(window.endTime - window.startTime).toBeLessThanOrEqual(WINDOW_SECONDS)
      expect(window.endTime).toBeGreaterThanOrEqual(window.startTime)
      if (i > 0) expect(window.startTime).toBe(windows[i - 1]!.endTime)
    }
  })

  it('gives one window for a short or empty range', () => {
    expect(listWindows(5000, 5000)).toEqual([{ startTime: 5, endTime: 5 }])
    expect(listWindows(0, 30 * DAY_MS)).toEqual([{ startTime: 0, endTime: WINDOW_SECONDS }])
  })
})

describe('massMessages.list', () => {
  it('returns exactly the ground truth of a 105-day range: none twice, none missing, newest first', async () => {
    const c = await corp()
    const { sandbox, clock } = c
    const start = clock.now()
    const from = start - 85 * DAY_MS
    const to = start + 20 * DAY_MS
    // Messages on a window boundary: exactly on it (both windows see it) and half a second after.
    const boundary = from + 90 * DAY_MS
    clock.ms = boundary
    const onBoundary = await createMessage(c)
    clock.advance(SECOND_MS / 2)
    const justAfter = await createMessage(c)
    // More than one page (100) in the last window.
    clock.ms = start + 10 * DAY_MS
    for (let i = 0; i < 120; i++) await createMessage(c, 1)
    clock.ms = to + DAY_MS
    await createMessage(c) // after the range

    const listed = await listGroupMessages(c.client, c.workspace, { chatType: 'single', from, to, filterType: 2 })

    const expected = sandbox.state.massMessages
      .filter((m) => m.chatType === 'single' && m.createdAtMs >= from && m.createdAtMs <= to)
      .map((m) => m.msgid)
    expect(expected.length).toBeGreaterThan(140)
    expect(listed.map((m) => m.msgid).sort()).toEqual([...expected].sort())
    expect(new Set(listed.map((m) => m.msgid)).size).toBe(listed.length)
    expect(listed.map((m) => m.msgid)).toEqual(expect.arrayContaining([onBoundary, justAfter]))
    for (let i = 1; i < listed.length; i++)
      expect(listed[i - 1]!.createTime).toBeGreaterThanOrEqual(listed[i]!.createTime)

    const requests = listRequests(sandbox)
    for (const request of requests) {
      expect(request.end_time - request.start_time).toBeLessThanOrEqual(WINDOW_SECONDS)
      expect(request.limit).toBe(100)
    }
    expect(requests.filter((request) => request.cursor).length).toBeGreaterThan(0)
    expect(Math.min(...requests.map((r) => r.start_time))).toBe(from / 1000)
    expect(Math.max(...requests.map((r) => r.end_time))).toBe(to / 1000)
  })

  it('names creators from the member cache and maps the message fields', async () => {
    const c = await corp()
    const from = c.clock.now() - 90 * DAY_MS
    const listed = await listGroupMessages(c.client, c.workspace, {
      chatType: 'group',
      from,
      to: c.clock.now(),
      filterType: 2,
    })
    const truth = new Map(c.sandbox.state.massMessages.map((m) => [m.msgid, m]))
    expect(listed.length).toBeGreaterThan(0)
    for (const message of listed) {
      const seeded = truth.get(message.msgid)!
      expect(message).toMatchObject({
        chatType: 'group',
        createType: seeded.createType,
        createTime: Math.floor(seeded.createdAtMs / 1000) * 1000,
        text: seeded.text,
        attachmentTypes: seeded.attachments.map((a) => a.msgtype),
      })
      expect(message.creator).toBe(seeded.creator)
      expect(message.creatorName).toBe(c.sandbox.state.memberById.get(seeded.creator!)!.name)
    }
  })

  it('passes creator and filter type through to WeCom', async () => {
    const c = await corp()
    const from = c.clock.now() - 90 * DAY_MS
    const to = c.clock.now()
    const personal = await listGroupMessages(c.client, c.workspace, { chatType: 'single', from, to, filterType: 1 })
    const truth = c.sandbox.state.massMessages.filter((m) => m.chatType === 'single' && m.createdAtMs >= from)
    expect(personal.map((m) => m.msgid).sort()).toEqual(
      truth
        .filter((m) => m.createType === 1)
        .map((m) => m.msgid)
        .sort(),
    )
    const creator = truth[0]!.creator!
    const byCreator = await listGroupMessages(c.client, c.workspace, {
      chatType: 'single',
      from,
      to,
      filterType: 2,
      creator,
    })
    expect(byCreator.map((m) => m.msgid).sort()).toEqual(
      truth
        .filter((m) => m.creator === creator)
        .map((m) => m.msgid)
        .sort(),
    )
    expect(listRequests(c.sandbox).at(-1)).toMatchObject({ creator, filter_type: 2 })
  })
})
