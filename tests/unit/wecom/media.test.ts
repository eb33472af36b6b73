import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WecomMediaError } from '../../../electron/core/wecom'
import type { MediaFile, WecomClient } from '../../../electron/core/wecom'
import { mp4Bytes, pngBytes, rejectionOf, startWorld, stopWorld, type World } from './support'

const MB = 1024 * 1024
const UPLOAD_PATHS = ['media/upload', 'media/uploadimg', 'media/upload_attachment']

const png = (options: Parameters<typeof pngBytes>[0] = {}, filename = 'banner.png'): MediaFile => ({
  data: pngBytes(options),
  filename,
  contentType: 'image/png',
})

describe('media', () => {
  let world: World
  let client: WecomClient
  let sender: string

  beforeAll(async () => {
    world = await startWorld()
    client = world.client()
    sender = (await client.members.getFollowUserList())[0] ?? ''
  })
  afterAll(() => stopWorld(world))

  it('uploads an image whose media_id a mass message accepts, and downloads it back', async () => {
    const file = png({ bytes: 2048 }, '春季海报.png')
    const uploaded = await client.media.upload('image', file)

    expect(uploaded.type).toBe('image')
    const { msgid } = await client.massMessages.addMsgTemplate({
      sender,
      text: { content: 'with an image' },
      attachments: [{ msgtype: 'image', image: { media_id: uploaded.media_id } }],
    })
    expect(msgid).toBeTruthy()

    const request = world.requests('media/upload').at(-1)
    expect(request?.query).toEqual({ type: 'image' })
    expect(request?.body).toEqual({ media: { filename: '春季海报.png', size: 2048 } })

    const downloaded = await client.media.get(uploaded.media_id)
    expect(downloaded.data).toEqual(file.data)
    expect(downloaded.contentType).toMatch(/image\/png/)
  })

  it('retries an upload like a read: a duplicate temporary upload is harmless', async () => {
    world.sandbox.setFaults({ forcedErrcodes: { 'media/upload': { errcode: -1, count: 1 } } })
    const before = world.requests('media/upload').length

    const uploaded = await client.media.upload('image', png({ bytes: 300 }))

    expect(uploaded.media_id).toBeTruthy()
    const sent = world.requests('media/upload').slice(before)
    expect(sent.map((r) => r.errcode)).toEqual([-1, 0])
    expect(sent.map((r) => r.body)).toEqual([
      { media: { filename: 'banner.png', size: 300 } },
      { media: { filename: 'banner.png', size: 300 } },
    ])
  })

  it('uploadimg returns a permanent URL usable as pic_url', async () => {
    const url = await client.media.uploadImg(png({}, 'logo.png'))

    expect(url).toMatch(/^http/)
    const { msgid } = await client.massMessages.addMsgTemplate({
      sender,
      attachments: [{ msgtype: 'image', image: { pic_url: url } }],
    })
    expect(msgid).toBeTruthy()
  })

  it('upload_attachment gives moments media', async () => {
    const image = await client.media.uploadAttachment('image', 1, png({ width: 1440, height: 1080 }, 'moment.png'))
    const video = await client.media.uploadAttachment('video', 1, {
      data: mp4Bytes(),
      filename: 'clip.mp4',
      contentType: 'video/mp4',
    })

    expect(image.media_id).toBeTruthy()
    expect(video.media_id).toBeTruthy()
    expect(world.requests('media/upload_attachment').map((r) => r.query)).toEqual([
      { media_type: 'image', attachment_type: '1' },
      { media_type: 'video', attachment_type: '1' },
    ])
    const { jobid } = await client.moments.addMomentTask({
      text: { content: 'new season' },
      attachments: [{ msgtype: 'image', image: { media_id: image.media_id } }],
    })
    expect(jobid).toBeTruthy()
  })

  it.each([
    [
      'an oversize image',
      () => client.media.upload('image', png({ bytes: 10 * MB + 1 })),
      /10\.1 MB, over the 10\.0 MB/,
    ],
    ['an oversize uploadimg', () => client.media.uploadImg(png({ bytes: 2 * MB + 1 })), /2\.0 MB/],
    [
      'an oversize file',
      () =>
        client.media.upload('file', {
          data: new Uint8Array(20 * MB + 1),
          filename: 'a.pdf',
          contentType: 'application/pdf',
        }),
      /20\.0 MB/,
    ],
    [
      'an empty file',
      () => client.media.upload('file', { data: new Uint8Array(5), filename: 'a.txt', contentType: 'text/plain' }),
      /empty|small/,
    ],
    [
      'a GIF as image',
      () =>
        client.media.upload('image', {
          data: new TextEncoder().encode('GIF89a-not-allowed'),
          filename: 'a.gif',
          contentType: 'image/gif',
        }),
      /JPG\/PNG/,
    ],
    ['a PNG named .jpg', () => client.media.upload('image', png({}, 'photo.jpg')), /\.png/],
    [
      'a PNG declared as JPEG',
      () => client.media.upload('image', { ...png(), contentType: 'image/jpeg' }),
      /image\/jpeg/,
    ],
    [
      'an MP3 as voice',
      () =>
        client.media.upload('voice', {
          data: new Uint8Array(64).fill(7),
          filename: 'a.mp3',
          contentType: 'audio/mpeg',
        }),
      /AMR/,
    ],
    [
      'a file for moments',
      () =>
        client.media.uploadAttachment('file', 1, {
          data: new Uint8Array(64),
          filename: 'a.pdf',
          contentType: 'application/pdf',
        }),
      /images and videos/,
    ],
    [
      'a video for a product album',
      () =>
        client.media.uploadAttachment('video', 2, { data: mp4Bytes(), filename: 'a.mp4', contentType: 'video/mp4' }),
      /only images/,
    ],
    [
      'a too-large moments image',
      () => client.media.uploadAttachment('image', 1, png({ width: 2000, height: 1000 })),
      /2000×1000/,
    ],
    [
      'a nameless file',
      () => client.media.upload('file', { data: new Uint8Array(64), filename: ' ', contentType: 'text/plain' }),
      /no name/,
    ],
  ])('refuses %s before sending', async (_, upload, message) => {
    const requestsBefore = world.sandbox.requestLog.filter((r) => UPLOAD_PATHS.includes(r.path)).length

    const error = await rejectionOf(upload())

    expect(error).toBeInstanceOf(WecomMediaError)
    const media = error as WecomMediaError
    expect(media.code).toBe('wecom_invalid_media')
    expect(media.text.en).toMatch(message)
    expect(media.text['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
    expect(media.hint?.['zh-CN']).toBeTruthy()
    expect(media.hint?.en).toBeTruthy()
    expect(world.sandbox.requestLog.filter((r) => UPLOAD_PATHS.includes(r.path))).toHaveLength(requestsBefore)
  })
})
