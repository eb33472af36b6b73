import { describe, expect, it } from 'vitest'
import {
  describeMomentIssues,
  momentContentSchema,
  momentFileIssues,
  momentTextLength,
  type MomentMedia,
} from '../../../../shared/moments-publish'
import { imageSize, mp4DurationSeconds } from '../../../../electron/core/wecom/media-rules'
import { measureMedia } from '../../../../electron/core/services/moments/publish/media'
import { mp4, png } from './harness'

const MB = 1024 * 1024
const image = (over: Partial<MomentMedia> = {}): MomentMedia => ({
  localMediaId: 'm1',
  filename: 'a.png',
  contentType: 'image/png',
  size: 1000,
  width: 1440,
  height: 1080,
  ...over,
})
const video = (over: Partial<MomentMedia> = {}): MomentMedia => ({
  localMediaId: 'v1',
  filename: 'v.mp4',
  contentType: 'video/mp4',
  size: 5 * MB,
  durationMs: 30_000,
  ...over,
})
const problems = (input: unknown, locale: 'zh-CN' | 'en' = 'en') => {
  const parsed = momentContentSchema.safeParse(input)
  return parsed.success ? [] : describeMomentIssues(parsed.error.issues, locale)
}

describe('moment text: characters and bytes', () => {
  it('counts code points as characters and UTF-8 bytes as WeCom does', () => {
    expect(momentTextLength('a中😀')).toEqual({ chars: 3, bytes: 1 + 3 + 4 })
  })

  it('accepts 2,000 ASCII characters and refuses 2,001, naming the character rule', () => {
    expect(problems({ text: 'a'.repeat(2000) })).toEqual([])
    expect(problems({ text: 'a'.repeat(2001) })).toEqual(['The text can have at most 2,000 characters; it has 2,001.'])
  })

  it('refuses 1,334 Chinese characters by bytes (4,002 > 4,000) though under 2,000 characters', () => {
    expect(problems({ text: '中'.repeat(1333) })).toEqual([])
    const said = problems({ text: '中'.repeat(1334) }, 'zh-CN')
    expect(said).toHaveLength(1)
    expect(said[0]).toContain('4,000 字节')
    expect(said[0]).toContain('4,002')
  })

  it('names both rules when both are broken', () => {
    expect(problems({ text: '中'.repeat(2001) })).toHaveLength(2)
  })

  it('refuses an empty moment', () => {
    expect(problems({ text: '  ', attachments: [] })).toEqual(['Write some text, or add images, a video or a link.'])
  })
})

describe('attachments: EITHER ≤ 9 images OR 1 video OR 1 link, no mixing', () => {
  const img = (n: number) => ({ msgtype: 'image', image: image({ localMediaId: `m${n}` }) })
  it('accepts 9 images and refuses 10', () => {
    expect(problems({ attachments: Array.from({ length: 9 }, (_, i) => img(i)) })).toEqual([])
    expect(problems({ attachments: Array.from({ length: 10 }, (_, i) => img(i)) })).toEqual([
      'At most 9 images; there are 10.',
    ])
  })

  it('refuses images mixed with a video, and two videos', () => {
    expect(problems({ attachments: [img(1), { msgtype: 'video', video: video() }] })).toEqual([
      'A moment carries one kind of attachment only: up to 9 images, or 1 video, or 1 link, never a mix.',
    ])
    expect(
      problems({
        attachments: [
          { msgtype: 'video', video: video() },
          { msgtype: 'video', video: video() },
        ],
      }),
    ).toEqual(['Only one video can be attached.'])
  })

  it('a link needs an address and a cover, and a title of at most 64 bytes', () => {
    const link = (over: object) => ({
      msgtype: 'link',
      link: { title: '会员日', url: 'https://e.com/a', cover: image(), ...over },
    })
    expect(problems({ attachments: [link({})] })).toEqual([])
    expect(problems({ attachments: [link({ cover: undefined })] })).toEqual(['Choose a cover image for the link.'])
    expect(problems({ attachments: [link({ title: '中'.repeat(22) })] })).toEqual([
      'The link title can have at most 64 bytes (a Chinese character counts 3); it has 66.',
    ])
    expect(problems({ attachments: [link({ url: 'e.com/a' })] })[0]).toContain('https://e.com/a')
  })
})

describe('files: which rule a file breaks', () => {
  it('image: type, size, pixels', () => {
    expect(momentFileIssues('image', image())).toEqual([])
    expect(
      momentFileIssues('image', image({ contentType: 'image/gif', filename: 'a.gif' })).map((i) => i.rule),
    ).toEqual(['type'])
    expect(momentFileIssues('image', image({ size: 10 * MB + 1 })).map((i) => i.rule)).toEqual(['size'])
    // 1,555,200 pixels is the limit: 1440×1080 passes, 1441×1080 does not.
    expect(momentFileIssues('image', image({ width: 1441 })).map((i) => i.rule)).toEqual(['pixels'])
    expect(momentFileIssues('image', image({ width: 1080, height: 1440 }))).toEqual([])
    expect(momentFileIssues('image', image({ width: undefined })).map((i) => i.rule)).toEqual(['pixels'])
  })

  it('video: type, size, duration', () => {
    expect(momentFileIssues('video', video())).toEqual([])
    expect(momentFileIssues('video', video({ contentType: 'video/quicktime' })).map((i) => i.rule)).toEqual(['type'])
    expect(momentFileIssues('video', video({ size: 11 * MB })).map((i) => i.rule)).toEqual(['size'])
    expect(momentFileIssues('video', video({ durationMs: 30_001 })).map((i) => i.rule)).toEqual(['duration'])
    expect(momentFileIssues('video', video({ durationMs: undefined })).map((i) => i.rule)).toEqual(['duration'])
  })

  it('a file check before the bytes are read looks at type and size only', () => {
    expect(momentFileIssues('image', image({ width: undefined }), false)).toEqual([])
  })

  it('the whole content names the broken file rule', () => {
    const said = problems({
      attachments: [{ msgtype: 'image', image: image({ filename: 'big.png', width: 4000, height: 3000 }) }],
    })
    expect(said).toEqual([
      '“big.png” is 4,000×3,000 pixels, over the 1,555,200-pixel limit (about 1440×1080); resize it first.',
    ])
  })
})

describe('measuring the bytes', () => {
  it('reads PNG pixels and MP4 length', () => {
    expect(imageSize(png(1440, 1080))).toEqual({ width: 1440, height: 1080 })
    expect(mp4DurationSeconds(mp4(12.5))).toBe(12.5)
    expect(measureMedia(mp4(31), 'video')).toEqual({ durationMs: 31_000 })
    expect(measureMedia(png(3000, 2000), 'image')).toEqual({ width: 3000, height: 2000 })
    expect(mp4DurationSeconds(new Uint8Array(40))).toBeUndefined()
  })
})
