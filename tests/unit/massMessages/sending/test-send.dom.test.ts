import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { CustomerRow } from '@shared/customers'
import type { SendJobSummary, SendPreview, SendTestInput } from '@shared/massMessages'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import SendDialog from '@/views/massMessages/sending/SendDialog.vue'
import { useSendPreview } from '@/views/massMessages/sending/useSendPreview'
import { fakeApi } from '../../renderer/fake-api'

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })

const preview: SendPreview = {
  chatType: 'single',
  recipients: 120,
  senders: [{ userid: 'lisi', name: '李四', count: 120 }],
  calls: 1,
  overCap: 0,
  capRule: 'days-in-month',
  problems: [],
}
const me: CustomerRow = {
  externalUserid: 'wm-me',
  name: '李四的微信',
  type: 1,
  gender: 1,
  corpName: '',
  avatar: '',
  followers: [{ userid: 'lisi', memberName: '李四', remark: '' }],
  tagIds: [],
  addedAt: 1,
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  applyLocale('zh-CN')
})

async function openDialog() {
  const sendTest = vi.fn((input: SendTestInput) =>
    ok<SendJobSummary>({
      id: 'job-test',
      draftId: input.draftId,
      title: '新品',
      chatType: 'single',
      state: 'preparing',
      recipients: 1,
      chunks: { total: 1, sent: 0, pending: 1, unknown: 0, failed: 0 },
      msgids: [],
      createdAt: 1,
      updatedAt: 1,
      test: true,
    }),
  )
  const query = vi.fn(() => ok({ total: 1, rows: [me] }))
  const send = vi.fn()
  window.api = fakeApi({
    massMessages: {
      preview: () => ok(preview),
      getSettings: () => ok({ receiveCap: 'days-in-month' as const }),
      sendTest,
      send,
    },
    customers: {
      members: () => ok([{ userid: 'lisi', name: '李四', customerCount: 40 }]),
      query,
    },
  })
  await connectApi()
  const Host = defineComponent({
    setup() {
      const state = useSendPreview(ref('d1'), async () => undefined)
      void state.open()
      return () => h(SendDialog, { state })
    },
  })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/', component: { render: () => h('div') } }],
  })
  wrapper = mount(Host, { global: { plugins: [createPinia(), i18n, router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { sendTest, query, send }
}

const el = <T extends HTMLElement = HTMLElement>(testid: string) =>
  document.querySelector<T>(`[data-testid="${testid}"]`)

describe('“send a test first” in the send dialog', () => {
  it('sends the draft to the one customer the member picks, and nothing else', async () => {
    const { sendTest, query, send } = await openDialog()
    const open = el('send-test-open')!
    expect(open.textContent?.trim()).toBe('先发给自己看看')
    open.click()
    await flushPromises()
    expect(el('send-test-submit')!.hasAttribute('disabled')).toBe(true)

    // The member who sends it, then one of that member's customers.
    el('send-test-member')!.querySelector<HTMLElement>('.el-select__wrapper')!.click()
    await flushPromises()
    document.querySelector<HTMLElement>('[data-testid="send-test-member-option"]')!.click()
    await flushPromises()
    expect(query).toHaveBeenLastCalledWith(expect.objectContaining({ filter: { members: ['lisi'] } }))
    el('test-customer-choose')!.click()
    await flushPromises()
    expect(el('picked-test-customers')!.textContent).toBe('发给：李四的微信')

    el('send-test-submit')!.click()
    await flushPromises()
    expect(sendTest).toHaveBeenCalledWith({ draftId: 'd1', sender: 'lisi', externalUserid: 'wm-me' })
    expect(send).not.toHaveBeenCalled()
    // The dialog stays open for the real send.
    expect(el('send-submit')).not.toBeNull()
  })

  it('speaks English', async () => {
    applyLocale('en')
    await openDialog()
    expect(el('send-test-open')!.textContent?.trim()).toBe('Send a test first')
    el('send-test-open')!.click()
    await flushPromises()
    expect(el('send-test-panel')!.textContent).toContain('only that one person gets it')
  })
})
