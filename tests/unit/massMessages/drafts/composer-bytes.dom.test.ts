import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { checkPickedFile, newAttachment, type AttachmentDraft } from '@/components/attachmentDraft'
import MessageByteCounter from '@/components/MessageByteCounter.vue'
import { byteCounterText } from '@/components/messageBytes'
import { applyLocale, i18n } from '@/i18n'
import { useAppStore } from '@/stores/app'
import { attachmentErrors, checkContent, measureText } from '@/views/massMessages/drafts/composerRules'

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})
const count = (value: number) => i18n.global.n(value, 'integer')

function link(title: string, url = 'https://example.com/a', desc = ''): AttachmentDraft {
  return { msgtype: 'link', link: { title, desc, url, picurl: '' } }
}

describe('text byte counter (UTF-8 bytes, as WeCom counts)', () => {
  it('counts a CJK character as 3 bytes and an emoji as 4', () => {
    expect(measureText('群发').used).toBe(6)
    expect(measureText('hi 😀').used).toBe(7)
    expect(measureText('a'.repeat(4000))).toMatchObject({ used: 4000, left: 0, ok: true })
  })

  it('reads "已用 N / 4,000 字节，还可输入 M 字节" and says by how much it is over, digits grouped in both languages', () => {
    i18n.global.locale.value = 'zh-CN'
    expect(byteCounterText(measureText('你好'), t, count)).toBe('已用 6 / 4,000 字节，还可输入 3,994 字节')
    expect(byteCounterText(measureText('好'.repeat(1334)), t, count)).toBe('已用 4,002 / 4,000 字节，超出 2 字节')
    i18n.global.locale.value = 'en'
    expect(byteCounterText(measureText('你好'), t, count)).toBe('6 / 4,000 bytes used, 3,994 left')
    expect(byteCounterText(measureText('好'.repeat(1334)), t, count)).toBe('4,002 / 4,000 bytes used, 2 over')
    i18n.global.locale.value = 'zh-CN'
  })
})

describe('live content check (the strict send-time schema)', () => {
  it('accepts 1,333 CJK characters and refuses 1,334 with the core’s sentence', () => {
    expect(checkContent('好'.repeat(1333), [], 'zh-CN').ok).toBe(true)
    const over = checkContent('好'.repeat(1334), [], 'zh-CN')
    expect(over.ok).toBe(false)
    expect(over.fields['text']).toBe('文字内容最多 4,000 字节（一个汉字算 3 字节，表情算 4 字节）。')
    expect(checkContent('好'.repeat(1334), [], 'en').fields['text']).toBe(
      'Text can have at most 4,000 bytes (a Chinese character counts 3, an emoji 4).',
    )
  })

  it('says an empty message needs text or an attachment', () => {
    const empty = checkContent('   ', [], 'zh-CN')
    expect(empty.general).toEqual(['请填写文字或添加至少一个附件。'])
    expect(checkContent('', [link('标题')], 'zh-CN').ok).toBe(true)
  })

  it('checks link titles (128 bytes), descriptions (512) and addresses, field by field', () => {
    const check = checkContent(
      'hi',
      [link('标'.repeat(43)), link('ok', 'not a url'), link('ok', 'https://x.cn', 'd'.repeat(513))],
      'zh-CN',
    )
    expect(attachmentErrors(check, 0)['link.title']).toBe('标题最多 128 字节（一个汉字算 3 字节，表情算 4 字节）。')
    expect(attachmentErrors(check, 1)['link.url']).toBe('链接地址不是有效的网址。')
    expect(attachmentErrors(check, 2)['link.desc']).toContain('最多 512 字节')
    expect(checkContent('hi', [link('标'.repeat(42))], 'zh-CN').ok).toBe(true)
  })

  it('checks the mini program title (64 bytes), AppID and cover', () => {
    const mp: AttachmentDraft = {
      msgtype: 'miniprogram',
      miniprogram: { title: '小'.repeat(22), appid: 'wx123', page: '' },
    }
    const errors = attachmentErrors(checkContent('', [mp], 'zh-CN'), 0)
    expect(errors['miniprogram.title']).toContain('最多 64 字节')
    expect(errors['miniprogram.appid']).toContain('以 wx 开头')
    expect(errors['miniprogram.page']).toBe('请填写小程序页面路径。')
    expect(errors['miniprogram.cover']).toBe('请选择封面图片。')
  })

  it('names a missing image, and refuses a tenth attachment', () => {
    expect(attachmentErrors(checkContent('', [newAttachment('image')], 'zh-CN'), 0)['image']).toBe('请选择图片。')
    const ten = Array.from({ length: 10 }, () => link('t'))
    expect(checkContent('', ten, 'zh-CN').general).toEqual(['附件最多 9 项。'])
  })

  it('refuses a picked file by the media rules before storing it', () => {
    expect(checkPickedFile({ name: 'a.gif', type: 'image/gif', size: 100 }, 'image', 'zh-CN')).toBe(
      '图片的文件格式不支持，请使用 JPG / PNG。',
    )
    expect(checkPickedFile({ name: 'a.png', type: 'image/png', size: 11 * 1024 * 1024 }, 'image', 'en')).toBe(
      'Image is too large; the limit is 10 MB.',
    )
    expect(checkPickedFile({ name: 'a.png', type: 'image/png', size: 2000 }, 'image', 'en')).toBeUndefined()
    expect(checkPickedFile({ name: 'c.png', type: 'image/png', size: 2 }, 'image', 'zh-CN', 'cover')).toBe(
      '封面图片文件是空的或已损坏。',
    )
  })
})

describe('MessageByteCounter', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('shows the count and turns red over the limit', async () => {
    const wrapper = mount(MessageByteCounter, {
      props: { value: '你好', max: 10 },
      global: { plugins: [i18n] },
    })
    expect(wrapper.text()).toBe('已用 6 / 10 字节，还可输入 4 字节')
    expect(wrapper.classes()).not.toContain('byte-counter--over')
    await wrapper.setProps({ value: '你好呀！' })
    expect(wrapper.text()).toBe('已用 12 / 10 字节，超出 2 字节')
    expect(wrapper.classes()).toContain('byte-counter--over')
    useAppStore().locale = 'en'
    applyLocale('en')
    await wrapper.setProps({ value: '好'.repeat(2000), max: 4000 })
    expect(wrapper.text()).toBe('6,000 / 4,000 bytes used, 2,000 over')
    await wrapper.setProps({ value: 'abc', short: true })
    expect(wrapper.text()).toBe('3 / 4,000 bytes')
    applyLocale('zh-CN')
  })
})
