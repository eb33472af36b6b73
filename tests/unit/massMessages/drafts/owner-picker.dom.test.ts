/* eslint-disable vue/one-component-per-file -- two small hosts for the panel and the dialog */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { SendPreview } from '@shared/massMessages'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, reactive, ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import TargetingPanel from '@/views/massMessages/drafts/TargetingPanel.vue'
import SendDialog from '@/views/massMessages/sending/SendDialog.vue'
import { fromTargeting, toTargeting } from '@/views/massMessages/drafts/targeting'
import { useTargeting } from '@/views/massMessages/drafts/useTargeting'
import { useSendPreview } from '@/views/massMessages/sending/useSendPreview'
import { fakeApi } from '../../renderer/fake-api'

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })

/** Three members with customer contact; 赵六 owns no group. */
const api = () =>
  fakeApi({
    customers: {
      members: () =>
        ok([
          { userid: 'lisi', name: '李四', customerCount: 40 },
          { userid: 'wangwu', name: '王五', customerCount: 30 },
          { userid: 'zhaoliu', name: '赵六', customerCount: 20 },
        ]),
      groupOwners: () =>
        ok([
          { userid: 'lisi', name: '李四', groupCount: 5 },
          { userid: 'wangwu', name: '王五', groupCount: 1 },
        ]),
      listTags: () => ok([]),
    },
  })

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  applyLocale('zh-CN')
})

async function openPanel(stored: Record<string, unknown>) {
  window.api = api()
  await connectApi()
  const form = reactive(fromTargeting(stored))
  const Host = defineComponent({
    setup() {
      const state = useTargeting(form, ref('group'))
      return () => h(TargetingPanel, { chatType: 'group', state })
    },
  })
  wrapper = mount(Host, { global: { plugins: [createPinia(), i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { form, w: wrapper }
}

const audience = (w: VueWrapper) => w.get('[data-testid="audience-count"]').text()

describe('the group-owner picker', () => {
  it('lists only members who own groups, with their counts, and takes several owners', async () => {
    // A draft saved when one owner could be chosen still opens, as a one-owner list.
    const { form, w } = await openPanel({ mode: 'groupsByOwner', sender: 'lisi' })
    expect(form.senders).toEqual(['lisi'])
    expect(audience(w)).toBe('将发给 1 位群主负责的 5 个客户群')

    await w.get('[data-testid="target-sender"] .el-select__wrapper').trigger('click')
    await flushPromises()
    const options = [...document.querySelectorAll('[data-testid="target-sender-option"]')].map((o) =>
      [...o.querySelectorAll('span')].map((span) => span.textContent?.trim()),
    )
    expect(options).toEqual([
      ['李四', '5 个群'],
      ['王五', '1 个群'],
    ])

    form.senders.push('wangwu')
    await flushPromises()
    expect(audience(w)).toBe('将发给 2 位群主负责的 6 个客户群')
    expect(toTargeting('group', form)).toEqual({ mode: 'groupsByOwner', senders: ['lisi', 'wangwu'] })
  })

  it('asks to choose an owner when none is chosen', async () => {
    const { w } = await openPanel({ mode: 'groupsByOwner', senders: [] })
    expect(audience(w)).toBe('请选择群主')
  })

  it('speaks English, with plurals', async () => {
    applyLocale('en')
    const { form, w } = await openPanel({ mode: 'groupsByOwner', senders: ['wangwu'] })
    expect(audience(w)).toBe('Goes to the 1 customer group of 1 owner')
    form.senders.push('lisi')
    await flushPromises()
    expect(audience(w)).toBe('Goes to the 6 customer groups of 2 owners')
    form.senders.splice(0)
    await flushPromises()
    expect(audience(w)).toBe('Choose a group owner')
  })
})

describe('the send preview of a group message', () => {
  it('counts groups per owner, not people', async () => {
    const preview: SendPreview = {
      chatType: 'group',
      recipients: 6,
      senders: [
        { userid: 'lisi', name: '李四', count: 5 },
        { userid: 'wangwu', name: '王五', count: 1 },
      ],
      calls: 2,
      overCap: 0,
      capRule: 'days-in-month',
      problems: [],
    }
    window.api = fakeApi({
      massMessages: { preview: () => ok(preview), getSettings: () => ok({ receiveCap: 'days-in-month' as const }) },
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
    const counts = [...document.querySelectorAll('[data-testid="send-senders"] .sender__count')].map((count) =>
      count.textContent?.trim(),
    )
    expect(counts).toEqual(['5 个客户群', '1 个客户群'])
  })
})
