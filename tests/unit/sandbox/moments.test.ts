import { describe, expect, it } from 'vitest'
import { DAY_MS, HOUR_MS, SECOND_MS } from '../../../electron/core/sandbox/clock'
import { cjkText, collectPages, smallSandbox, TestApi, TestClock } from './helpers'

const ADD = 'externalcontact/add_moment_task'
const BYTES = new Uint8Array(64)

async function clockedApi() {
  const clock = new TestClock()
  const api = new TestApi(await smallSandbox({ now: clock.now }))
  return { api, clock, state: api.sandbox.state }
}

async function momentMedia(api: TestApi, kind: 'image' | 'video'): Promise<string> {
  const filename = kind === 'image' ? 'photo.jpg' : 'clip.mp4'
  return (await api.upload('media/upload_attachment', { media_type: kind, attachment_type: 1 }, filename, BYTES))
    .media_id as string
}

describe('add_moment_task validation', () => {
  it('limits text to 2,000 characters and 4,000 bytes', async () => {
    const { api } = await clockedApi()
    expect((await api.post(ADD, { text: { content: 'a'.repeat(2000) } })).errcode).toBe(0)
    expect((await api.post(ADD, { text: { content: 'a'.repeat(2001) } })).errcode).toBe(40058)
    expect((await api.post(ADD, { text: { content: cjkText(1333, 2) } })).errcode).toBe(40058)
    expect((await api.post(ADD, {})).errcode).toBe(40058)
  })

  it('accepts ≤ 9 images OR 1 video OR 1 link, never mixed', async () => {
    const { api } = await clockedApi()
    const image = { msgtype: 'image', image: { media_id: await momentMedia(api, 'image') } }
    const video = { msgtype: 'video', video: { media_id: await momentMedia(api, 'video') } }
    const link = {
      msgtype: 'link',
      link: { title: '链接', url: 'https://example.com', media_id: image.image.media_id },
    }
    expect((await api.post(ADD, { attachments: Array(9).fill(image) })).errcode).toBe(0)
    expect((await api.post(ADD, { attachments: Array(10).fill(image) })).errcode).toBe(41064)
    expect((await api.post(ADD, { attachments: [video, video] })).errcode).toBe(41064)
    expect((await api.post(ADD, { attachments: [image, video] })).errcode).toBe(41065)
    expect((await api.post(ADD, { attachments: [image, link] })).errcode).toBe(41065)
    expect((await api.post(ADD, { attachments: [{ msgtype: 'file', file: {} }] })).errcode).toBe(41065)
    expect((await api.post(ADD, { attachments: [video] })).errcode).toBe(0)
    expect((await api.post(ADD, { attachments: [link] })).errcode).toBe(0)
    expect(
      (await api.post(ADD, { attachments: [{ ...link, link: { ...link.link, title: 'a'.repeat(65) } }] })).errcode,
    ).toBe(40058)
  })

  it('takes media only from upload_attachment with attachment_type 1 (40007 otherwise)', async () => {
    const { api } = await clockedApi()
    const uploaded = await api.upload('media/upload', { type: 'image' }, 'a.png', BYTES)
    expect(
      (await api.post(ADD, { attachments: [{ msgtype: 'image', image: { media_id: uploaded.media_id } }] })).errcode,
    ).toBe(40007)
    const album = await api.upload(
      'media/upload_attachment',
      { media_type: 'image', attachment_type: 2 },
      'a.png',
      BYTES,
    )
    expect(
      (await api.post(ADD, { attachments: [{ msgtype: 'image', image: { media_id: album.media_id } }] })).errcode,
    ).toBe(40007)
  })
})

describe('moment lifecycle', () => {
  it('runs the creation job 1 → 2 → 3, then lists the moment without a creator', async () => {
    const { api, clock, state } = await clockedApi()
    const senders = state.members.slice(0, 3).map((member) => member.userid)
    const added = await api.post(ADD, {
      text: { content: '新品上市' },
      visible_range: {
        sender_list: { user_list: [...senders, 'ghost'] },
        external_contact_list: { tag_list: ['etnope'] },
      },
    })
    const result = () => api.get('externalcontact/get_moment_task_result', { jobid: added.jobid })
    expect((await result()).status).toBe(1)
    clock.advance(1500)
    expect((await result()).status).toBe(2)
    clock.advance(2000)
    const done = await result()
    expect(done).toMatchObject({
      status: 3,
      type: 'add_moment_task',
      result: {
        errcode: 0,
        invalid_sender_list: { user_list: ['ghost'] },
        invalid_external_contact_list: { tag_list: ['etnope'] },
      },
    })
    const now = Math.floor(clock.ms / 1000)
    const listed = await api.post('externalcontact/get_moment_list', {
      start_time: now - 60,
      end_time: now,
      filter_type: 0,
    })
    expect(listed.moment_list).toEqual([
      expect.objectContaining({ moment_id: done.result.moment_id, create_type: 0, text: { content: '新品上市' } }),
    ])
    expect(listed.moment_list[0].creator).toBeUndefined()
    const tasks = await api.post('externalcontact/get_moment_task', { moment_id: done.result.moment_id })
    expect(tasks.task_list.map((task: { userid: string }) => task.userid)).toEqual(senders)
    expect(tasks.task_list.every((task: { publish_status: number }) => task.publish_status === 0)).toBe(true)
    clock.advance(DAY_MS)
    expect((await result()).errcode).toBe(40058)
  })

  it('answers 41062 before a member publishes, then customer lists and send results', async () => {
    const { api, clock, state } = await clockedApi()
    const userid = state.members[0]!.userid
    const added = await api.post(ADD, {
      text: { content: 'x' },
      visible_range: { sender_list: { user_list: [userid] } },
    })
    clock.advance(5 * SECOND_MS)
    const momentId = (await api.get('externalcontact/get_moment_task_result', { jobid: added.jobid })).result.moment_id
    const query = { moment_id: momentId, userid }
    expect((await api.post('externalcontact/get_moment_customer_list', query)).errcode).toBe(41062)
    expect(
      (await api.post('externalcontact/get_moment_customer_list', { ...query, userid: state.members[1]!.userid }))
        .errcode,
    ).toBe(41061)
    clock.advance(25 * HOUR_MS)
    const chosen = await collectPages<{ external_userid: string }>(
      (cursor) => api.post('externalcontact/get_moment_customer_list', { ...query, cursor, limit: 13 }),
      'customer_list',
    )
    expect(chosen.map((entry) => entry.external_userid)).toEqual(
      (state.customersByMember.get(userid) ?? []).map((c) => c.externalUserid),
    )
    const seen = await api.post('externalcontact/get_moment_send_result', { ...query, limit: 6000 })
    expect(seen.customer_list.length).toBeGreaterThan(0)
    expect(seen.customer_list.length).toBeLessThanOrEqual(chosen.length)
    const comments = await api.post('externalcontact/get_moment_comments', query)
    expect(comments).toMatchObject({ errcode: 0, comment_list: expect.any(Array), like_list: expect.any(Array) })
    expect(
      (await api.post('externalcontact/get_moment_task', { moment_id: momentId })).task_list[0].publish_status,
    ).toBe(1)
  })

  it('cancels corp moments only and validates moment ids', async () => {
    const { api, state } = await clockedApi()
    const personal = state.moments.find((moment) => moment.createType === 1)!
    const corp = state.moments.find((moment) => moment.createType === 0)!
    expect((await api.post('externalcontact/cancel_moment_task', { moment_id: personal.momentId })).errcode).toBe(41067)
    expect((await api.post('externalcontact/cancel_moment_task', { moment_id: corp.momentId })).errcode).toBe(0)
    expect((await api.post('externalcontact/cancel_moment_task', {})).errcode).toBe(41059)
    expect((await api.post('externalcontact/get_moment_task', { moment_id: 'momnope' })).errcode).toBe(41060)
    expect((await api.post('externalcontact/get_moment_task', { moment_id: personal.momentId })).errcode).toBe(41067)
  })

  it('limits get_moment_list to 30-day windows and pages of ≤ 20, each moment once', async () => {
    const { api, state } = await clockedApi()
    const end = Math.floor(state.seededDayMs / 1000)
    const window = { start_time: end - 30 * 86_400, end_time: end }
    expect(
      (await api.post('externalcontact/get_moment_list', { ...window, start_time: end - 31 * 86_400 })).errcode,
    ).toBe(40058)
    const page = await api.post('externalcontact/get_moment_list', { ...window, limit: 50 })
    expect(page.moment_list).toHaveLength(20)
    const all = await collectPages<{ moment_id: string; create_time: number }>(
      (cursor) => api.post('externalcontact/get_moment_list', { ...window, cursor }),
      'moment_list',
    )
    // The open interval (start, end) of whole seconds; deleted moments are not listed.
    const expected = state.moments.filter(
      (moment) =>
        Math.floor(moment.createdAtMs / 1000) > end - 30 * 86_400 &&
        Math.floor(moment.createdAtMs / 1000) < end &&
        moment.deletedAtMs === undefined,
    )
    expect(all.map((moment) => moment.moment_id)).toEqual(expected.map((moment) => moment.momentId))
  })
})
