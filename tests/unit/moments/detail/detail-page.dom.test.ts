import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { MomentSummary } from '@shared/moments'
import type { MomentDetail, MomentRemindStatus } from '@shared/moments-detail'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import MomentDetailPage from '@/views/moments/detail/MomentDetailPage.vue'
import { fakeApi, type FakeApiParts } from '../../renderer/fake-api'

// Each test mounts the whole page; on a busy machine that takes seconds.
vi.setConfig({ testTimeout: 30_000 })

vi.mock('@/composables/confirmWarning', () => ({ confirmWarning: vi.fn(() => Promise.resolve(true)) }))

/** Element Plus dialogs open with a transition: let it run. */
const settle = async () => {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 50))
  await flushPromises()
}
/** The element once it is in the page (a dialog's content appears after its transition, slower on a busy machine). */
async function inPage<T extends Element>(selector: string): Promise<T> {
  await vi.waitFor(() => expect(document.body.querySelector(selector)).not.toBeNull(), { timeout: 5000 })
  return document.body.querySelector<T>(selector)!
}
const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })
const CREATED = new Date(2026, 10, 20, 9, 5).getTime()

const summary: MomentSummary = {
  momentId: 'mom1',
  creatorUserid: 'admin',
  creatorName: '徐文勇',
  createTime: CREATED,
  createType: 0,
  visibleType: 1,
  text: '会员日：全场 8 折',
  kind: 'image',
  images: [{ mediaId: 'img1' }, { mediaId: 'img2' }],
}

const detail = (over: Partial<MomentDetail> = {}): MomentDetail => ({
  momentId: 'mom1',
  corp: true,
  members: [
    { userid: 'u1', memberName: '田莉', published: true, likes: 2, comments: 1 },
    { userid: 'u2', memberName: '苏波雪', published: false, likes: 0, comments: 0 },
  ],
  interactions: [
    {
      type: 'like',
      posterUserid: 'u1',
      posterName: '田莉',
      actor: { kind: 'customer', externalUserid: 'wmA', name: '杨婷伟' },
      at: CREATED + 3_000,
    },
    {
      type: 'comment',
      posterUserid: 'u1',
      posterName: '田莉',
      actor: { kind: 'customer', externalUserid: 'wmB', name: '王芳' },
      at: CREATED + 2_000,
    },
    {
      type: 'like',
      posterUserid: 'u1',
      posterName: '田莉',
      actor: { kind: 'member', userid: 'u3', name: '潘海敏' },
      at: CREATED + 1_000,
    },
    {
      type: 'like',
      posterUserid: 'u1',
      posterName: '田莉',
      actor: { kind: 'customer', externalUserid: 'wmB', name: '王芳' },
      at: CREATED,
    },
  ],
  totals: { members: 2, published: 1, rate: 0.5, likes: 3, comments: 1, interactingCustomers: 2 },
  fetchedAt: CREATED + 10_000,
  ...over,
})

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  applyLocale('zh-CN')
})

async function openPage(
  more: FakeApiParts['moments'] = {},
  remind: MomentRemindStatus = { count: 0, byAppMessage: false },
) {
  const calls = {
    saveDraft: vi.fn(() => ok({ id: 'draft1' } as never)),
    cancelMoment: vi.fn(() => ok({ momentId: 'mom1', cancelledAt: CREATED + 60_000, alreadyCancelled: false })),
    remindMembers: vi.fn(() =>
      ok({ momentId: 'mom1', sent: [{ userid: 'u2', name: '苏波雪' }], invalid: [], at: CREATED + 60_000 }),
    ),
    detail: vi.fn(() => ok(detail())),
  }
  window.api = fakeApi({
    moments: {
      get: () => ok(summary),
      detail: calls.detail,
      thumbnail: () => ok('data:image/png;base64,iVBORw0KGgo='),
      remindMembersStatus: () => ok(remind),
      remindMembers: calls.remindMembers,
      cancelMoment: calls.cancelMoment,
      memberCustomers: () =>
        ok({
          userid: 'u1',
          memberName: '田莉',
          chosen: 3,
          visible: 2,
          total: 2,
          rows: [
            { externalUserid: 'wmA', name: '杨婷伟', remark: 'VIP', visible: true },
            { externalUserid: 'wmZ', name: '', remark: '', visible: true },
          ],
        }),
      ...more,
    },
    massMessages: { saveDraft: calls.saveDraft },
    customers: { listTags: () => ok([]) },
  })
  await connectApi()
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/moments', name: 'moments-home', component: { template: '<div>list</div>' } },
      { path: '/moments/detail/:momentId', name: 'moments-detail', component: MomentDetailPage },
      {
        path: '/massMessages/compose/:id?',
        name: 'massMessages-compose',
        component: { template: '<div data-testid="composer" />' },
      },
    ],
  })
  await router.push('/moments/detail/mom1')
  wrapper = mount(
    { template: '<router-view />' },
    { global: { plugins: [createPinia(), i18n, ElementPlus, router] }, attachTo: document.body },
  )
  await flushPromises()
  const find = (testid: string) => wrapper!.find(`[data-testid="${testid}"]`)
  return { calls, find, router }
}

describe('the moment detail page', () => {
  it('shows the post as customers see it, the totals, members, a member’s customers and the interactions', async () => {
    const page = await openPage()
    expect(page.calls.detail).toHaveBeenCalledWith({
      momentId: 'mom1',
      createType: 0,
      creator: 'admin',
      refresh: false,
    })
    expect(page.find('moment-preview-text').text()).toBe('会员日：全场 8 折')
    expect(page.find('moment-preview-author').text()).toBe('徐文勇')
    expect(page.find('moment-preview-images').findAll('img')).toHaveLength(2)
    expect(page.find('kpi-published').text()).toBe('1 / 2')
    expect(page.find('kpi-rate').text()).toBe('50%')
    expect(page.find('moment-members-table').text()).toContain('苏波雪')
    expect(page.find('moment-members-table').text()).toContain('未发表')
    // The first member who posted is shown: named customers, an unknown one by its id.
    expect(page.find('moment-member-customers').text()).toContain('田莉 的客户')
    expect(page.find('moment-customers-table').text()).toContain('杨婷伟')
    expect(page.find('moment-customers-table').text()).toContain('wmZ')
    const interactions = page.find('moment-interactions-table').text()
    expect(interactions).toContain('潘海敏')
    expect(interactions).toContain('同事')
    expect(page.find('moment-remind').exists()).toBe(true)
    expect(page.find('moment-cancel').exists()).toBe(true)

    // A member's own likes and comments: the list narrows to that member's post until the filter is closed.
    await page.find('moment-member-view').trigger('click')
    await flushPromises()
    expect(page.find('moment-interactions-poster').text()).toBe('只看 田莉 的朋友圈')
    await page.find('moment-interactions-poster').find('.el-tag__close').trigger('click')
    await flushPromises()
    expect(page.find('moment-interactions-poster').exists()).toBe(false)
  })

  it('mass-messages the customers who liked or commented: one draft aimed at them (once each), opened in the composer', async () => {
    const page = await openPage()
    const [, mass] = wrapper!.findAllComponents({ name: 'ElDropdown' })
    mass!.vm.$emit('command', 'both')
    await flushPromises()
    expect(page.calls.saveDraft).toHaveBeenCalledWith(
      expect.objectContaining({
        chatType: 'single',
        targeting: { mode: 'customers', externalUserids: ['wmA', 'wmB'] },
      }),
    )
    expect(page.router.currentRoute.value).toMatchObject({ name: 'massMessages-compose', params: { id: 'draft1' } })
  })

  it('tags who liked: the bulk-tags dialog opens for those customers only', async () => {
    await openPage({}, { count: 0, byAppMessage: false })
    const [tag] = wrapper!.findAllComponents({ name: 'ElDropdown' })
    tag!.vm.$emit('command', 'like')
    await settle()
    expect((await inPage('[data-testid="bulk-tags-intro"]')).textContent).toContain('2 位客户')
  })

  it('without an AgentId, remind lists the members who have not posted to copy; with one, it sends', async () => {
    const page = await openPage()
    await page.find('moment-remind').trigger('click')
    await settle()
    const list = await inPage<HTMLTextAreaElement>('[data-testid="moment-remind-list"]')
    expect(list.value).toBe('苏波雪')
    expect(page.calls.remindMembers).not.toHaveBeenCalled()
    wrapper!.unmount()
    document.body.innerHTML = ''

    const withAgent = await openPage({}, { count: 0, byAppMessage: true })
    await withAgent.find('moment-remind').trigger('click')
    await settle()
    ;(await inPage<HTMLButtonElement>('[data-testid="moment-remind-send"]')).click()
    await settle()
    expect(withAgent.calls.remindMembers).toHaveBeenCalledWith({
      momentId: 'mom1',
      momentText: '会员日：全场 8 折',
      createTime: CREATED,
    })
    expect(document.body.querySelector('[data-testid="moment-remind-result"]')?.textContent).toContain(
      '已提醒 1 位成员',
    )
  })

  it('stops after confirming: the page says it stopped and offers neither remind nor stop any more', async () => {
    const page = await openPage()
    await page.find('moment-cancel').trigger('click')
    await flushPromises()
    expect(page.calls.cancelMoment).toHaveBeenCalledWith({ momentId: 'mom1' })
    expect(page.find('moment-detail-stopped').text()).toContain('已于')
    expect(page.find('moment-cancel').exists()).toBe(false)
    expect(page.find('moment-remind').exists()).toBe(false)
  })

  it('a failed read says what happened and what to do, in English too', async () => {
    applyLocale('en')
    const page = await openPage({
      detail: () =>
        Promise.resolve({
          ok: false,
          error: { code: 'moment_not_found', message: 'WeCom does not know this moment.', hint: 'Refresh the list.' },
        }),
    })
    expect(page.find('moment-detail-error').text()).toContain('The moment’s detail could not be read')
    expect(page.find('moment-detail-error').text()).toContain('Refresh the list.')
  })
})
