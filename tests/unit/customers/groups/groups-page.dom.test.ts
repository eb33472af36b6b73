import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { GroupRow } from '@shared/customers'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import GroupsPage from '@/views/customers/groups/GroupsPage.vue'
import { fakeApi } from '../../renderer/fake-api'

const download = vi.hoisted(() => vi.fn())
vi.mock('@/views/massMessages/history/download', () => ({ downloadBase64: download }))

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })

const group = (chatId: string, name: string): GroupRow => ({
  chatId,
  name,
  owner: 'lisi',
  ownerName: '李四',
  memberCount: 12,
  createTime: new Date(2025, 0, 2).getTime(),
  status: 0,
})
const ROWS = [group('wr1', '春季新品群'), group('wr2', '老客户福利群'), group('wr3', '售后群')]

function fakeCore() {
  const calls = {
    customerGroups: vi.fn((_input: { externalUserid: string }) => ok([ROWS[0]!, ROWS[2]!])),
    saveDraft: vi.fn((_input: unknown) =>
      ok({
        id: 'd-new',
        title: '',
        chatType: 'group' as const,
        excerpt: '',
        attachmentCount: 0,
        revision: 1,
        createdAt: 1,
        updatedAt: 1,
      }),
    ),
    exportGroups: vi.fn((input: { format: 'xlsx' | 'csv' }) =>
      ok({ filename: `客户群-20250102-0900.${input.format}`, dataBase64: 'AAAA', contentType: 'text/csv' }),
    ),
  }
  const api = fakeApi({
    customers: {
      queryGroups: () => ok({ total: ROWS.length, rows: ROWS }),
      members: () => ok([{ userid: 'lisi', name: '李四', customerCount: 3 }]),
      getSyncStatus: () => ok({ state: 'idle' } as never),
      exportGroups: calls.exportGroups,
      getGroup: ({ chatId }) =>
        ok({
          ...ROWS.find((row) => row.chatId === chatId)!,
          notice: '',
          admins: [],
          members: [
            { id: 'lisi', type: 1 as const, name: '李四', joinTime: 1, joinScene: 1, invitor: '' },
            { id: 'wmA', type: 2 as const, name: '王芳', joinTime: 2, joinScene: 3, invitor: 'lisi' },
          ],
        }),
      get: ({ externalUserid }) =>
        ok({
          externalUserid,
          name: '王芳',
          type: 1 as const,
          gender: 2 as const,
          avatar: '',
          corpName: '',
          corpFullName: '',
          position: '',
          follows: [],
        }),
      customerGroups: calls.customerGroups,
    },
    massMessages: { saveDraft: calls.saveDraft },
  })
  return { calls, api }
}

let wrapper: VueWrapper | undefined
afterEach(() => {
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
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/customers/groups', name: 'customers-groups', component: GroupsPage },
      { path: '/massMessages/compose/:id?', name: 'massMessages-compose', component: { render: () => h('div') } },
    ],
  })
  await router.push('/customers/groups')
  wrapper = mount(RouterView, {
    global: { plugins: [createPinia(), i18n, router, ElementPlus] },
    attachTo: document.body,
  })
  await flushPromises()
  return { ...core, router, w: wrapper }
}

const tick = async (w: VueWrapper, name: string) => {
  const row = w.findAll('.el-table__row').find((r) => r.text().includes(name))!
  await row.get('.el-checkbox__original').setValue(true)
  await flushPromises()
}

describe('groups → mass message', () => {
  it('messages the selected groups: a group draft with them picked, opened in the composer', async () => {
    const { calls, router, w } = await open()
    expect(w.get('[data-testid="group-mass-message"]').attributes('disabled')).toBeDefined()
    await tick(w, '春季新品群')
    await tick(w, '售后群')
    expect(w.get('[data-testid="group-selected"]').text()).toBe('已选 2 个群')
    expect(router.currentRoute.value.name).toBe('customers-groups')

    await w.get('[data-testid="group-mass-message"]').trigger('click')
    await flushPromises()
    expect(calls.saveDraft).toHaveBeenCalledWith({
      chatType: 'group',
      content: { text: '', attachments: [] },
      targeting: { mode: 'groups', chatIds: ['wr1', 'wr3'] },
    })
    expect(router.currentRoute.value).toMatchObject({ name: 'massMessages-compose', params: { id: 'd-new' } })
  })

  it('speaks English', async () => {
    applyLocale('en')
    const { w } = await open()
    await tick(w, '售后群')
    expect(w.get('[data-testid="group-selected"]').text()).toBe('1 group selected')
    expect(w.get('[data-testid="group-mass-message"]').text()).toBe('Message the selected groups')
  })
})

describe('groups → export', () => {
  it('exports the filtered list (all pages) as XLSX or CSV and saves the file', async () => {
    const { calls, w } = await open()
    await w.get('[data-testid="group-export"] button').trigger('click')
    await flushPromises()
    const item = document.querySelector<HTMLElement>('[data-testid="group-export-csv"]')!
    expect(item.textContent?.trim()).toBe('导出为 CSV')
    item.click()
    await flushPromises()
    expect(calls.exportGroups).toHaveBeenCalledWith({ sort: { field: 'createTime', order: 'desc' }, format: 'csv' })
    expect(download).toHaveBeenCalledWith('客户群-20250102-0900.csv', 'text/csv', 'AAAA')
  })
})

describe('a group member who is a customer', () => {
  it('opens that customer, whose detail lists the groups they are in', async () => {
    const { calls, w } = await open()
    await w
      .findAll('.el-table__row')
      .find((r) => r.text().includes('春季新品群'))!
      .trigger('click')
    await flushPromises()
    const links = document.querySelectorAll<HTMLElement>('[data-testid="group-member-customer"]')
    expect([...links].map((link) => link.textContent?.trim())).toEqual(['王芳'])
    links[0]!.click()
    await flushPromises()
    expect(calls.customerGroups).toHaveBeenCalledWith({ externalUserid: 'wmA' })
    const drawer = document.querySelector('[data-testid="customer-drawer"]')!
    expect(drawer.querySelector('[data-testid="detail-name"]')?.textContent).toBe('王芳')
    expect(drawer.textContent).toContain('所在客户群（2）')
    const groups = [...drawer.querySelectorAll('[data-testid="customer-groups"] li')].map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    )
    expect(groups).toEqual(['春季新品群群主 李四 · 12 人', '售后群群主 李四 · 12 人'])
  })
})
