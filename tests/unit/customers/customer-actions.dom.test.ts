import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { CustomerRow } from '@shared/customers'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import { useCustomersStore } from '@/stores/customers'
import CustomerFilters from '@/views/customers/CustomerFilters.vue'
import { useCustomerList } from '@/views/customers/useCustomerList'
import { fakeApi } from '../renderer/fake-api'

const download = vi.hoisted(() => vi.fn())
vi.mock('@/views/massMessages/history/download', () => ({ downloadBase64: download }))

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })

const customer = (id: string, name: string): CustomerRow => ({
  externalUserid: id,
  name,
  type: 1,
  gender: 2,
  corpName: '',
  avatar: '',
  followers: [{ userid: 'lisi', memberName: '李四', remark: '' }],
  tagIds: [],
  addedAt: 1,
})

function fakeCore() {
  const progress: Array<(p: { done: number; total: number }) => void> = []
  const bulkProgress: Array<(p: { done: number; total: number; failed: number }) => void> = []
  const calls = {
    bulkTags: vi.fn((_input: unknown) => {
      for (const listener of bulkProgress) listener({ done: 2, total: 3, failed: 1 })
      return ok({
        done: 3,
        total: 3,
        failed: 1,
        customers: 2,
        failures: [
          {
            externalUserid: 'wm2',
            name: '陈静',
            userid: 'lisi',
            memberName: '李四',
            message: '客户已不是李四的好友。',
          },
        ],
      })
    }),
    saveDraft: vi.fn((_input: unknown) =>
      ok({
        id: 'd-new',
        title: '',
        chatType: 'single' as const,
        excerpt: '',
        attachmentCount: 0,
        revision: 1,
        createdAt: 1,
        updatedAt: 1,
      }),
    ),
    export: vi.fn((input: { format: 'xlsx' | 'csv' }) =>
      ok({ filename: `客户-20250102-0900.${input.format}`, dataBase64: 'AAAA', contentType: 'text/csv' }),
    ),
  }
  const api = fakeApi({
    customers: {
      query: () => ok({ total: 2, rows: [customer('wm1', '王芳'), customer('wm2', '陈静')] }),
      members: () => ok([{ userid: 'lisi', name: '李四', customerCount: 2 }]),
      listTags: () =>
        ok([
          {
            groupId: 'g1',
            name: '客户等级',
            order: 1,
            tags: [
              { id: 'etVip', name: 'VIP', order: 1, customerCount: 1 },
              { id: 'etNew', name: '新客', order: 2, customerCount: 1 },
            ],
          },
        ]),
      bulkTags: calls.bulkTags,
      onBulkTagsProgress: (listener) => {
        bulkProgress.push(listener)
        return () => bulkProgress.splice(bulkProgress.indexOf(listener), 1)
      },
      getSyncStatus: () => ok({ state: 'idle' } as never),
      export: calls.export,
      onExportProgress: (listener) => {
        progress.push(listener)
        return () => progress.splice(progress.indexOf(listener), 1)
      },
    },
    massMessages: { saveDraft: calls.saveDraft },
  })
  return { calls, api, progress }
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  vi.useRealTimers()
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  download.mockReset()
  applyLocale('zh-CN')
})

async function open() {
  const core = fakeCore()
  window.api = core.api
  await connectApi()
  const Page = defineComponent({
    setup() {
      const list = useCustomerList()
      return () => h(CustomerFilters, { list })
    },
  })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/customers', name: 'customers', component: Page },
      { path: '/massMessages/compose/:id?', name: 'massMessages-compose', component: { render: () => h('div') } },
    ],
  })
  await router.push('/customers')
  const pinia = createPinia()
  wrapper = mount(RouterView, { global: { plugins: [pinia, i18n, router, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { ...core, router, w: wrapper, store: useCustomersStore(pinia) }
}

describe('customers → mass message', () => {
  it('opens the composer on a customer draft whose audience is the current filter', async () => {
    const { calls, router, store, w } = await open()
    const button = w.get('[data-testid="customer-mass-message"]')
    expect(button.text()).toBe('群发给全部客户')
    store.form.members = ['lisi']
    store.form.genders = [2]
    await store.apply()
    await flushPromises()
    expect(button.text()).toBe('群发给筛选出的客户')

    await button.trigger('click')
    await flushPromises()
    expect(calls.saveDraft).toHaveBeenCalledWith({
      chatType: 'single',
      content: { text: '', attachments: [] },
      targeting: { mode: 'filter', filter: { members: ['lisi'], genders: [2] } },
    })
    expect(router.currentRoute.value).toMatchObject({ name: 'massMessages-compose', params: { id: 'd-new' } })
  })

  it('speaks English', async () => {
    applyLocale('en')
    const { w } = await open()
    expect(w.get('[data-testid="customer-mass-message"]').text()).toBe('Message all customers')
  })
})

describe('customers → export', () => {
  it('exports every filtered customer in the table order and saves the file', async () => {
    const { calls, store, w } = await open()
    store.form.genders = [2]
    await store.apply()
    await w.get('[data-testid="customer-export"] button').trigger('click')
    await flushPromises()
    document.querySelector<HTMLElement>('[data-testid="customer-export-xlsx"]')!.click()
    await flushPromises()
    expect(calls.export).toHaveBeenCalledWith({
      filter: { genders: [2] },
      sort: { field: 'addedAt', order: 'desc' },
      format: 'xlsx',
    })
    expect(download).toHaveBeenCalledWith('客户-20250102-0900.xlsx', 'text/csv', 'AAAA')
  })
})

describe('a long export', () => {
  it('shows how far it is once it takes over a second, and nothing after', async () => {
    const core = await open()
    let finish: (value: Result<{ filename: string; dataBase64: string; contentType: string }>) => void = () => {}
    core.calls.export.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await core.w.get('[data-testid="customer-export"] button').trigger('click')
    await flushPromises()
    document.querySelector<HTMLElement>('[data-testid="customer-export-csv"]')!.click()
    await flushPromises()
    expect(core.progress).toHaveLength(1)
    core.progress[0]!({ done: 500, total: 3000 })
    await flushPromises()
    expect(core.w.find('[data-testid="customer-export-progress"]').exists()).toBe(false)
    vi.advanceTimersByTime(1000)
    await flushPromises()
    expect(core.w.get('[data-testid="customer-export-progress"]').text()).toBe('正在导出 500 / 3,000 位客户…')
    core.progress[0]!({ done: 1500, total: 3000 })
    await flushPromises()
    expect(core.w.get('[data-testid="customer-export-progress"]').text()).toBe('正在导出 1,500 / 3,000 位客户…')
    finish({ ok: true, data: { filename: '客户.csv', dataBase64: 'AAAA', contentType: 'text/csv' } })
    await flushPromises()
    expect(core.w.find('[data-testid="customer-export-progress"]').exists()).toBe(false)
    expect(core.progress).toHaveLength(0)
    expect(download).toHaveBeenCalledWith('客户.csv', 'text/csv', 'AAAA')
  })
})

describe('customers → bulk tags', () => {
  it('adds and removes tags on the filtered customers, then lists what WeCom refused', async () => {
    const { calls, store, w } = await open()
    store.form.members = ['lisi']
    await store.apply()
    await w.get('[data-testid="customer-bulk-tags"]').trigger('click')
    await flushPromises()
    const dialog = document.querySelector<HTMLElement>('[data-testid="bulk-tags-dialog"]')!
    expect(dialog.textContent).toContain('将对筛选出的 2 位客户修改标签')
    const start = () => dialog.querySelector<HTMLButtonElement>('[data-testid="bulk-tags-start"]')!
    expect(start().disabled).toBe(true)

    const list = w.findComponent({ name: 'CustomerFilters' })
    const selects = list.findAllComponents({ name: 'TagSelect' }).slice(-2)
    selects[0]!.vm.$emit('update:modelValue', ['etVip'])
    selects[1]!.vm.$emit('update:modelValue', ['etVip'])
    await flushPromises()
    expect(dialog.textContent).toContain('同一个标签不能既添加又移除。')
    expect(start().disabled).toBe(true)
    selects[1]!.vm.$emit('update:modelValue', ['etNew'])
    await flushPromises()
    start().click()
    await flushPromises()
    expect(calls.bulkTags).toHaveBeenCalledWith({
      scope: { filter: { members: ['lisi'] } },
      add: ['etVip'],
      remove: ['etNew'],
    })
    expect(dialog.querySelector('[data-testid="bulk-tags-result"]')?.textContent).toContain(
      '已完成：2 位客户，2 处修改成功，1 处没有成功。',
    )
    const failure = dialog.querySelector('[data-testid="bulk-tags-failures"] .el-table__body tr')!
    expect(failure.textContent).toContain('陈静')
    expect(failure.textContent).toContain('客户已不是李四的好友。')
  })
})
