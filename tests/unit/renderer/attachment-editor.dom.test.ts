import type { LocalMediaRef } from '@shared/massMessages'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import AttachmentEditor from '@/components/AttachmentEditor.vue'
import type { AttachmentDraft } from '@/components/attachmentDraft'
import { applyLocale, i18n } from '@/i18n'
import { attachmentErrors, checkContent } from '@/views/massMessages/drafts/composerRules'

const STORED: LocalMediaRef = { localMediaId: 'm1', filename: 'poster.png', contentType: 'image/png', size: 67 }

/** The editor as the composer uses it: v-model kept in step, the core's sentences passed back as errors. */
function editor(initial: AttachmentDraft[] = []) {
  const media = { add: vi.fn(async () => STORED) }
  const chooser = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined)
  let current = initial
  const errorsOf = (items: AttachmentDraft[]) =>
    items.map((_, i) => attachmentErrors(checkContent('', items, 'zh-CN'), i))
  const wrapper: VueWrapper = mount(AttachmentEditor, {
    props: {
      modelValue: initial,
      media,
      errors: errorsOf(initial),
      'onUpdate:modelValue': async (next: AttachmentDraft[]) => {
        current = next
        await wrapper.setProps({ modelValue: next, errors: errorsOf(next) })
      },
    },
    global: { plugins: [i18n, ElementPlus] },
  })
  const value = () => current
  return { wrapper, media, chooser, value, errors: () => errorsOf(current) }
}

/** A file chosen in the chooser behind `input`, as the browser reports it. */
async function choose(input: HTMLInputElement, file: File): Promise<void> {
  Object.defineProperty(input, 'files', { configurable: true, value: [file] })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 0))
  await flushPromises()
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  vi.restoreAllMocks()
  applyLocale('zh-CN')
})

describe('adding an image, video or file opens the file chooser first', () => {
  it.each(['image', 'video', 'file'] as const)(
    '%s: a card only once a file is chosen; cancelling adds nothing',
    async (kind) => {
      const { wrapper, media, chooser, value } = editor()
      await wrapper.get(`[data-testid="add-attachment-${kind}"]`).trigger('click')
      const input = wrapper.get(`[data-testid="add-attachment-file-${kind}"]`).element as HTMLInputElement
      expect(chooser).toHaveBeenCalledTimes(1)
      expect(chooser.mock.contexts[0]).toBe(input)
      expect(value()).toEqual([])
      expect(wrapper.findAll('.attachment')).toHaveLength(0)

      // Cancelled: the browser fires `cancel`, never `change`.
      input.dispatchEvent(new Event('cancel'))
      await flushPromises()
      expect(value()).toEqual([])
      expect(media.add).not.toHaveBeenCalled()

      const type = kind === 'image' ? 'image/png' : kind === 'video' ? 'video/mp4' : 'application/pdf'
      await wrapper.get(`[data-testid="add-attachment-${kind}"]`).trigger('click')
      await choose(input, new File([new Uint8Array(67)], 'poster.png', { type }))
      // Reading the file is asynchronous (longer on a busy machine): wait for the card, not a fixed tick.
      await vi.waitFor(() => expect(value()).toEqual([{ msgtype: kind, [kind]: STORED }]))
      expect(media.add).toHaveBeenCalledTimes(1)
      expect(wrapper.get('[data-testid="attachment-0"]').text()).toContain('poster.png')
    },
  )

  it('refuses a wrong file type without adding a card, saying why', async () => {
    const { wrapper, media, value } = editor()
    await wrapper.get('[data-testid="add-attachment-image"]').trigger('click')
    const input = wrapper.get('[data-testid="add-attachment-file-image"]').element as HTMLInputElement
    await choose(input, new File([new Uint8Array(67)], 'a.gif', { type: 'image/gif' }))
    expect(media.add).not.toHaveBeenCalled()
    expect(value()).toEqual([])
    expect(wrapper.text()).toContain('图片的文件格式不支持，请使用 JPG / PNG。')
  })

  it('adds link and mini-program cards at once (they have fields to fill, no file)', async () => {
    const { wrapper, chooser, value } = editor()
    await wrapper.get('[data-testid="add-attachment-link"]').trigger('click')
    await wrapper.get('[data-testid="add-attachment-miniprogram"]').trigger('click')
    expect(chooser).not.toHaveBeenCalled()
    expect(value().map((item) => item.msgtype)).toEqual(['link', 'miniprogram'])
  })

  it('says 请选择图片 for an empty image card left from an older draft', () => {
    const { wrapper, errors } = editor([{ msgtype: 'image' }])
    expect(errors()).toEqual([{ image: '请选择图片。' }])
    expect(wrapper.text()).toContain('JPG / PNG，最大 10 MB')
  })
})

describe('addresses', () => {
  const link = (url: string, picurl = ''): AttachmentDraft => ({
    msgtype: 'link',
    link: { title: '活动', desc: '', url, picurl },
  })

  it('offers https:// in one click for a link typed without it', async () => {
    const { wrapper, value } = editor([link('example.com/may-day', 'www.example.com/c.png')])
    const fix = wrapper.get('[data-testid="link-url-fix"]')
    expect(fix.text()).toBe('加上 https://')
    expect(wrapper.text()).toContain('https://example.com/may-day')
    await fix.trigger('click')
    expect(value()[0]).toEqual(link('https://example.com/may-day', 'www.example.com/c.png'))
    expect(wrapper.find('[data-testid="link-url-fix"]').exists()).toBe(false)
    await wrapper.get('[data-testid="link-picurl-fix"]').trigger('click')
    expect(value()[0]).toEqual(link('https://example.com/may-day', 'https://www.example.com/c.png'))
  })

  it('offers nothing for a full address or one that is no address at all', () => {
    for (const url of ['https://example.com/a', 'not a url', ''])
      expect(
        editor([link(url)])
          .wrapper.find('[data-testid="link-url-fix"]')
          .exists(),
      ).toBe(false)
  })

  it('says in English too', () => {
    applyLocale('en')
    expect(
      editor([link('example.com')])
        .wrapper.get('[data-testid="link-url-fix"]')
        .text(),
    ).toBe('Add https://')
  })
})

describe('read only (a sent draft)', () => {
  it('shows the attachments without add, remove, move or pick buttons, and locks the fields', () => {
    const wrapper = mount(AttachmentEditor, {
      props: {
        modelValue: [{ msgtype: 'image', image: STORED }, link('https://example.com/a')],
        media: { add: vi.fn() },
        disabled: true,
      },
      global: { plugins: [i18n, ElementPlus] },
    })
    expect(wrapper.text()).toContain('poster.png')
    expect(wrapper.find('[data-testid="add-attachment-image"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="attachment-remove"]').exists()).toBe(false)
    expect(wrapper.find('input[type="file"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="link-url"]').attributes('disabled')).toBeDefined()
  })

  function link(url: string): AttachmentDraft {
    return { msgtype: 'link', link: { title: '活动', desc: '', url, picurl: '' } }
  }
})
