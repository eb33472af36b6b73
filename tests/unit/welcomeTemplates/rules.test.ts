import { describe, expect, it } from 'vitest'
import { describeIssues } from '../../../shared/validation'
import { excerptOf } from '../../../electron/core/services/welcomeTemplates/library'
import { NICKNAME, welcomeContentSchema, withNickname } from '../../../shared/welcomeTemplates'

const image = { localMediaId: 'm1', filename: 'a.png', contentType: 'image/png', size: 2000 }
const failures = (content: unknown) => {
  const parsed = welcomeContentSchema.safeParse(content)
  return parsed.success ? [] : describeIssues(parsed.error.issues, 'en')
}

describe('welcome template rules (shared by the editor and the push)', () => {
  it('text: 3,000 bytes counted as WeCom counts them (a CJK character is 3)', () => {
    expect(failures({ text: '欢'.repeat(1000) })).toEqual([])
    expect(failures({ text: '欢'.repeat(1000) + 'a' })).toEqual([
      'Text can have at most 3,000 bytes (a Chinese character counts 3, an emoji 4).',
    ])
  })

  it('link: title ≤ 128 bytes, desc ≤ 512 bytes, a web address with its scheme', () => {
    const link = (fields: Record<string, string>) => ({
      text: '',
      attachment: { msgtype: 'link', link: { title: 't', url: 'https://example.com', ...fields } },
    })
    expect(failures(link({ title: 'a'.repeat(128), desc: '描'.repeat(170) }))).toEqual([])
    expect(failures(link({ title: 'a'.repeat(129) }))).toEqual([
      'Title can have at most 128 bytes (a Chinese character counts 3, an emoji 4).',
    ])
    expect(failures(link({ desc: '描'.repeat(171) }))).toEqual([
      'Description can have at most 512 bytes (a Chinese character counts 3, an emoji 4).',
    ])
    expect(failures(link({ url: 'example.com/a' }))).toEqual([
      'Link URL must start with https:// (as in https://example.com/a).',
    ])
  })

  it('mini program: title ≤ 64 bytes, appid, page path and a cover image', () => {
    const mp = (fields: Record<string, unknown>) => ({
      text: '',
      attachment: {
        msgtype: 'miniprogram',
        miniprogram: { title: '标题', appid: 'wx0123456789abcdef', page: 'pages/index', cover: image, ...fields },
      },
    })
    expect(failures(mp({}))).toEqual([])
    expect(failures(mp({ title: '标'.repeat(22) }))).toHaveLength(1)
    expect(failures(mp({ cover: undefined }))).toEqual(['Cover image is not chosen yet.'])
  })

  it('an image for media/uploadimg: at most 2 MB (not media/upload’s 10 MB), JPG or PNG', () => {
    expect(failures({ text: '', attachment: { msgtype: 'image', image } })).toEqual([])
    expect(
      failures({ text: '', attachment: { msgtype: 'image', image: { ...image, size: 3 * 1024 * 1024 } } }),
    ).toEqual(['Image is too large; the limit is 2 MB.'])
    expect(failures({ text: '', attachment: { msgtype: 'image' } })).toEqual(['Image is not chosen yet.'])
    // An imported template's image is WeCom's permanent address: no local file needed.
    expect(failures({ text: '', attachment: { msgtype: 'image', picUrl: 'https://p.qpic.cn/x' } })).toEqual([])
  })

  it('exactly one attachment or none, and not both empty', () => {
    expect(failures({ text: '  ', attachment: null })).toEqual(['Add some text or at least one attachment.'])
    expect(welcomeContentSchema.safeParse({ text: 'hi', attachments: [] }).success).toBe(false)
  })

  it('%NICKNAME% is case-sensitive, may repeat, and counts as its 10 bytes', () => {
    const text = `欢迎${NICKNAME}！${NICKNAME}，%nickname% 不会被替换`
    expect(withNickname(text, '小王')).toBe('欢迎小王！小王，%nickname% 不会被替换')
    expect(failures({ text: 'a'.repeat(2990) + NICKNAME })).toEqual([])
    expect(failures({ text: 'a'.repeat(2991) + NICKNAME })).toHaveLength(1)
  })

  it('the list excerpt never cuts the placeholder in two', () => {
    expect(excerptOf('a'.repeat(115) + NICKNAME + 'tail')).toBe('a'.repeat(115) + NICKNAME)
    expect(excerptOf('a'.repeat(130))).toBe('a'.repeat(120))
    expect(excerptOf(`hi ${NICKNAME}`)).toBe(`hi ${NICKNAME}`)
  })
})
