import { WECOM_LIMITS } from '@shared/limits/wecom'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import AttachmentEditor from '@/components/AttachmentEditor.vue'
import { newAttachment, type AttachmentDraft } from '@/components/attachmentDraft'
import { applyLocale, i18n } from '@/i18n'

const passThrough = { template: '<div><slot /></div>' }
const stubs = Object.fromEntries(
  ['el-icon', 'el-tooltip', 'el-button', 'el-form', 'el-form-item', 'el-input'].map((name) => [name, passThrough]),
)
const media = { add: () => Promise.reject(new Error('not used')) }

function editor(modelValue: AttachmentDraft[]) {
  return mount(AttachmentEditor, { props: { modelValue, media }, global: { plugins: [i18n], stubs } })
}

describe('the attachment editor reads its limits from shared/limits', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it.each([
    ['zh-CN', ['JPG / PNG，最大 10 MB', 'MP4，最大 10 MB', '任意格式，最大 20 MB', 'JPG / PNG，建议比例 5:4']],
    ['en', ['JPG / PNG, up to 10 MB', 'MP4, up to 10 MB', 'Any type, up to 20 MB', 'JPG / PNG, 5:4 works best']],
  ] as const)('names the file types and sizes of the media rules (%s)', (locale, hints) => {
    applyLocale(locale)
    try {
      const wrapper = editor(['image', 'video', 'file', 'miniprogram'].map((kind) => newAttachment(kind as 'image')))
      for (const hint of hints) expect(wrapper.text()).toContain(hint)
      const accepts = wrapper.findAll('.attachment input[type="file"]').map((input) => input.attributes('accept'))
      expect(accepts).toEqual([
        WECOM_LIMITS.media.image.types.join(','),
        WECOM_LIMITS.media.video.types.join(','),
        undefined,
        WECOM_LIMITS.media.image.types.join(','),
      ])
    } finally {
      applyLocale('zh-CN')
    }
  })

  it('stops adding at the mass-message attachment limit', () => {
    const max = WECOM_LIMITS.massMessage.attachments
    const full = editor(Array.from({ length: max }, () => newAttachment('image')))
    expect(full.text()).toContain(`已经有 ${max} 个附件，达到上限。`)
    expect(editor(Array.from({ length: max - 1 }, () => newAttachment('image'))).text()).not.toContain('达到上限')
  })
})
