import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../electron/core/sandbox/clock'
import { smallSandbox, TestApi, TestClock } from './helpers'
import { mp4 } from '../moments/publish/harness'
import { pngBytes } from '../wecom/support'

const MB = 1024 * 1024
const bytes = (size: number) => new Uint8Array(size).fill(7)

describe('media', () => {
  it('uploads temporary media and serves it back with media/get until it expires', async () => {
    const clock = new TestClock()
    const api = new TestApi(await smallSandbox({ now: clock.now }))
    const uploaded = await api.upload('media/upload', { type: 'file' }, '报价单.pdf', bytes(100))
    expect(uploaded).toMatchObject({ errcode: 0, type: 'file', created_at: String(Math.floor(clock.ms / 1000)) })
    const download = await api.raw('media/get', { media_id: uploaded.media_id })
    expect(download.status).toBe(200)
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes(100))
    expect(api.sandbox.requestLog.find((record) => record.path === 'media/upload')?.body).toEqual({
      media: { filename: '报价单.pdf', size: 100 },
    })
    clock.advance(3 * DAY_MS)
    expect((await api.get('media/get', { media_id: uploaded.media_id })).errcode).toBe(40007)
  })

  it('checks type, format and size per the reference', async () => {
    const api = new TestApi(await smallSandbox())
    expect((await api.upload('media/upload', { type: 'sticker' }, 'a.png', bytes(10))).errcode).toBe(40005)
    expect((await api.upload('media/upload', { type: 'image' }, 'a.gif', bytes(10))).errcode).toBe(40004)
    expect((await api.upload('media/upload', { type: 'voice' }, 'a.mp3', bytes(10))).errcode).toBe(40004)
    expect((await api.upload('media/upload', { type: 'image' }, 'a.png', bytes(5))).errcode).toBe(40009)
    expect((await api.upload('media/upload', { type: 'file' }, 'a.txt', bytes(5))).errcode).toBe(40006)
    expect((await api.upload('media/upload', { type: 'file' }, 'a.txt', bytes(0))).errcode).toBe(44001)
    expect((await api.upload('media/upload', { type: 'image' }, 'a.jpg', bytes(10 * MB + 1))).errcode).toBe(40009)
    expect((await api.upload('media/upload', { type: 'voice' }, 'a.amr', bytes(2 * MB + 1))).errcode).toBe(40006)
    expect((await api.upload('media/upload', { type: 'image' }, 'a.JPG', bytes(10 * MB))).errcode).toBe(0)
  })

  it('hosts uploadimg images at a URL the sandbox serves (≤ 2 MB)', async () => {
    const api = new TestApi(await smallSandbox())
    const hosted = await api.upload('media/uploadimg', {}, 'banner.png', bytes(64))
    expect(hosted.url).toMatch(new RegExp(`^${api.sandbox.url}/sandbox/images/`))
    expect(new Uint8Array(await (await fetch(hosted.url)).arrayBuffer())).toEqual(bytes(64))
    expect((await api.upload('media/uploadimg', {}, 'big.png', bytes(2 * MB + 1))).errcode).toBe(40009)
  })

  it('accepts upload_attachment types per attachment_type', async () => {
    const api = new TestApi(await smallSandbox())
    expect(
      (await api.upload('media/upload_attachment', { media_type: 'video', attachment_type: 1 }, 'a.mp4', bytes(10)))
        .errcode,
    ).toBe(0)
    expect(
      (await api.upload('media/upload_attachment', { media_type: 'file', attachment_type: 1 }, 'a.pdf', bytes(10)))
        .errcode,
    ).toBe(40004)
    expect(
      (await api.upload('media/upload_attachment', { media_type: 'video', attachment_type: 2 }, 'a.mp4', bytes(10)))
        .errcode,
    ).toBe(40004)
    expect(
      (await api.upload('media/upload_attachment', { media_type: 'image', attachment_type: 3 }, 'a.png', bytes(10)))
        .errcode,
    ).toBe(40058)
  })

  it('refuses moment media over 1440×1080 pixels or 30 s, as documented; the product album keeps only the size rule', async () => {
    const api = new TestApi(await smallSandbox())
    const upload = async (kind: string, type: number, name: string, data: Uint8Array) =>
      (await api.upload('media/upload_attachment', { media_type: kind, attachment_type: type }, name, data)).errcode
    expect(await upload('image', 1, 'ok.png', pngBytes({ width: 1440, height: 1080 }))).toBe(0)
    expect(await upload('image', 1, 'big.png', pngBytes({ width: 1441, height: 1080 }))).toBe(40009)
    expect(await upload('image', 2, 'album.png', pngBytes({ width: 4000, height: 3000 }))).toBe(0)
    expect(await upload('video', 1, 'ok.mp4', mp4(30))).toBe(0)
    expect(await upload('video', 1, 'long.mp4', mp4(31))).toBe(40006)
  })

  it('serves seeded moment images and drawn avatars', async () => {
    const api = new TestApi(await smallSandbox())
    const moment = api.sandbox.state.moments.find((candidate) => candidate.content.imageMediaIds.length > 0)!
    const image = await api.raw('media/get', { media_id: moment.content.imageMediaIds[0]! })
    expect(image.headers.get('content-type')).toBe('image/png')
    const customer = api.sandbox.state.customers[0]!
    const detail = await api.get('externalcontact/get', { external_userid: customer.externalUserid })
    const avatar = await fetch(detail.external_contact.avatar)
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml')
    expect(await avatar.text()).toContain([...customer.name][0])
  })
})
