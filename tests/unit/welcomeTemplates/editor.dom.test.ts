import type { WelcomeTemplate } from '@shared/welcomeTemplates'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import MessagePreview from '@/components/MessagePreview.vue'
import NicknameTextEditor from '@/views/welcomeTemplates/NicknameTextEditor.vue'
import TemplateEditor from '@/views/welcomeTemplates/TemplateEditor.vue'
import { checkTemplate } from '@/views/welcomeTemplates/useTemplateEditor'
import { fakeApi } from '../renderer/fake-api'

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  applyLocale('zh-CN')
  vi.useRealTimers()
  delete (window as { api?: unknown }).api
})

function textEditor(value: string) {
  const updates: string[] = []
  const wrapper = mount(NicknameTextEditor, {
    props: {
      modelValue: value,
      chipLabel: '客户昵称',
      'onUpdate:modelValue': async (next: string) => {
        updates.push(next)
        await wrapper.setProps({ modelValue: next })
      },
    },
    attachTo: document.body,
  })
  return { wrapper, updates, root: wrapper.element as HTMLDivElement }
}

describe('the welcome text: %NICKNAME% shown as a chip, stored as the exact placeholder', () => {
  it('renders each placeholder as a chip and nothing of the raw word', () => {
    const { root, wrapper } = textEditor('欢迎 %NICKNAME%！%NICKNAME%，你好')
    expect(root.querySelectorAll('.nick-chip')).toHaveLength(2)
    expect(root.textContent).toBe('欢迎 客户昵称！客户昵称，你好')
    expect(root.textContent).not.toContain('%NICKNAME%')
    wrapper.unmount()
  })

  it('inserting the chip at the caret stores %NICKNAME% there; typed text around it keeps its place', async () => {
    const { root, updates, wrapper } = textEditor('欢迎加入')
    const selection = window.getSelection()!
    const range = document.createRange()
    range.setStart(root.firstChild!, 2)
    range.collapse(true)
    selection.removeAllRanges()
    selection.addRange(range)
    ;(wrapper.vm as unknown as { insertNickname(): void }).insertNickname()
    await flushPromises()
    expect(updates.at(-1)).toBe('欢迎%NICKNAME%加入')
    expect(root.querySelectorAll('.nick-chip')).toHaveLength(1)
    wrapper.unmount()
  })

  it('a placeholder typed or pasted as text becomes a chip; the case-sensitive word only', async () => {
    const { root, updates, wrapper } = textEditor('')
    root.append(document.createTextNode('Hi %NICKNAME% and %nickname%'))
    root.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(updates.at(-1)).toBe('Hi %NICKNAME% and %nickname%')
    expect(root.querySelectorAll('.nick-chip')).toHaveLength(1)
    expect(root.textContent).toBe('Hi 客户昵称 and %nickname%')
    wrapper.unmount()
  })
})

describe('the editor’s live check: the push-time schema, in the user’s language', () => {
  it('text over 3,000 bytes, link fields by their byte limits, the image over 2 MB', () => {
    const check = checkTemplate(
      {
        text: '欢'.repeat(1001),
        attachment: { msgtype: 'link', link: { title: '标'.repeat(43), url: 'example.com', desc: '' } },
      },
      'zh-CN',
    )
    expect(check.text).toBe('文字内容最多 3,000 字节（一个汉字算 3 字节，表情算 4 字节）。')
    expect(check.attachment['link.title']).toBe('标题最多 128 字节（一个汉字算 3 字节，表情算 4 字节）。')
    expect(check.attachment['link.url']).toBe('链接地址需要以 https:// 开头（即 https://example.com）。')
    const big = checkTemplate(
      {
        text: '',
        attachment: {
          msgtype: 'image',
          image: { localMediaId: 'm', filename: 'a.png', contentType: 'image/png', size: 3 * 1024 * 1024 },
        },
      },
      'en',
    )
    expect(big.attachment['image']).toBe('Image is too large; the limit is 2 MB.')
    expect(checkTemplate({ text: ' ', attachment: null }, 'en').general).toEqual([
      'Add some text or at least one attachment.',
    ])
  })
})

describe('the group-chat preview', () => {
  it('shows the group’s name in the title bar and the notice line, and keeps the sender’s name when no title is given', () => {
    const group = mount(MessagePreview, {
      props: { text: '欢迎 小王', attachments: [], senderName: '群主', chatTitle: '客户群', groupChat: true },
      slots: { notice: '<div data-testid="notice">「小王」加入了群聊</div>' },
      global: { plugins: [i18n, ElementPlus] },
    })
    expect(group.get('.wx__title').text()).toBe('客户群')
    expect(group.get('[data-testid="notice"]').text()).toBe('「小王」加入了群聊')
    const single = mount(MessagePreview, {
      props: { text: 'hi', attachments: [], senderName: '李雷', corpName: '某公司' },
      global: { plugins: [i18n, ElementPlus] },
    })
    expect(single.get('.wx__title').text()).toBe('李雷＠某公司')
  })
})

describe('the editor autosaves offline and previews with the typed name', () => {
  it('a new template is saved with the exact placeholder, and the preview replaces it', async () => {
    const saved: unknown[] = []
    const answer = (input: {
      id?: string
      content: WelcomeTemplate['content']
      notify?: boolean
    }): WelcomeTemplate => ({
      id: input.id ?? 't1',
      excerpt: input.content.text,
      notify: input.notify ?? true,
      syncState: 'draft',
      ownership: 'own',
      origin: 'created',
      createdAt: 1,
      updatedAt: 2,
      content: input.content,
    })
    window.api = fakeApi({
      welcomeTemplates: {
        save: async (input) => {
          saved.push(input)
          return { ok: true, data: answer(input as Parameters<typeof answer>[0]) }
        },
      },
    })
    await connectApi()
    const wrapper = mount(TemplateEditor, {
      props: { templateId: undefined },
      global: { plugins: [i18n, ElementPlus, createPinia()] },
      attachTo: document.body,
    })
    await flushPromises()
    const root = wrapper.get('[data-testid="welcome-text"]').element as HTMLDivElement
    root.append(document.createTextNode('欢迎 %NICKNAME% 入群'))
    root.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(wrapper.get('[data-testid="text-bytes"]').text()).toBe('已用 24 / 3,000 字节，还可输入 2,976 字节')
    await vi.waitFor(() => expect(saved).toHaveLength(1), { timeout: 3000 })
    expect(saved[0]).toEqual({ content: { text: '欢迎 %NICKNAME% 入群', attachment: null }, notify: true })
    await wrapper.get('[data-testid="preview-name"]').setValue('韩梅梅')
    expect(wrapper.get('[data-testid="preview-text"]').text()).toContain('欢迎 韩梅梅 入群')
    expect(wrapper.get('[data-testid="preview-joined"]').text()).toBe('「韩梅梅」加入了群聊')
    wrapper.unmount()
  })
})
