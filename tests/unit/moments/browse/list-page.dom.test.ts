import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { ConnectionStatus } from '@shared/profiles'
import type { MomentListResult, MomentLoadStatus, MomentSummary } from '@shared/moments'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import { useAppStore } from '@/stores/app'
import MomentsListPage from '@/views/moments/browse/MomentsListPage.vue'
import { fakeApi } from '../../renderer/fake-api'

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })
const AT = new Date(2026, 10, 20, 9, 5).getTime()

const corp: MomentSummary = {
  momentId: 'mom1',
  creatorUserid: 'admin',
  creatorName: '徐文勇',
  createTime: AT,
  createType: 0,
  visibleType: 0,
  text: '会员日：全场 8 折',
  kind: 'image',
  images: [{ mediaId: 'img1' }, { mediaId: 'img2' }],
}
const personal: MomentSummary = {
  momentId: 'mom2',
  creatorUserid: 'u1',
  createTime: AT - 60_000,
  createType: 1,
  visibleType: 1,
  text: '',
  kind: 'link',
  images: [],
  link: { title: '新品发布会回顾', url: 'https://example.com/a' },
}

const failedWindowList = (): MomentListResult => ({
  rows: [corp, personal],
  total: 2,
  coverage: {
    windows: [
      { firstDay: '2026-10-01', lastDay: '2026-10-29', state: 'failed', message: '企业微信拒绝了来自本机 IP 的调用。' },
      { firstDay: '2026-10-30', lastDay: '2026-11-30', state: 'loaded' },
    ],
    missingDays: 29,
    lastRefreshedAt: AT + 3_600_000,
  },
})
const failed: MomentLoadStatus = { state: 'failed', windowsTotal: 2, windowsDone: 1, windowsFailed: 1, moments: 2 }

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  applyLocale('zh-CN')
})

async function openPage(list: () => MomentListResult) {
  const calls = {
    load: vi.fn(() => ok(failed)),
    list: vi.fn((_input: unknown) => ok(list())),
    publishProgress: vi.fn(() => ok([{ momentId: 'mom1', progress: { published: 3, total: 8, checkedAt: AT } }])),
  }
  window.api = fakeApi({
    moments: {
      list: calls.list,
      load: calls.load,
      creators: () => ok([{ userid: 'admin', name: '徐文勇', count: 1 }]),
      publishProgress: calls.publishProgress,
      thumbnail: () => ok('data:image/png;base64,iVBORw0KGgo='),
    },
  })
  await connectApi()
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/moments', name: 'moments-home', component: MomentsListPage },
      {
        path: '/moments/detail/:momentId',
        name: 'moments-detail',
        component: { template: '<div data-testid="detail" />' },
      },
    ],
  })
  await router.push('/moments')
  wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, ElementPlus, router] } })
  await flushPromises()
  const find = (testid: string) => wrapper!.find(`[data-testid="${testid}"]`)
  const findAll = (testid: string) => wrapper!.findAll(`[data-testid="${testid}"]`)
  return { calls, find, findAll, router }
}

describe('the moments list page', () => {
  it('fetches the range on open and shows rows: content, creator, source, visibility, corp progress, thumbnails', async () => {
    const { calls, findAll, find } = await openPage(failedWindowList)
    expect(calls.load).toHaveBeenCalledTimes(1)
    const rows = findAll('moments-row')
    expect(rows.map((row) => row.attributes('data-moment-id'))).toEqual(['mom1', 'mom2'])
    expect(findAll('moments-row-creator').map((cell) => cell.text())).toEqual(['徐文勇', 'u1'])
    expect(findAll('moments-row-source').map((cell) => cell.text())).toEqual(['企业发表', '个人发表'])
    expect(wrapper!.text()).toContain('部分客户可见')
    expect(wrapper!.text()).toContain('2 张图片')
    expect(wrapper!.text()).toContain('新品发布会回顾')
    expect(calls.publishProgress).toHaveBeenCalledWith({ momentIds: ['mom1'] })
    expect(find('moments-row-progress').text()).toBe('已发表 3 / 8 人')
    expect(findAll('moments-thumb')).toHaveLength(2)
    expect(find('moments-last-refreshed').text()).toMatch(/^最近刷新：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
  })

  it('names the days that failed and why, and fetching again asks the core for the range', async () => {
    const { calls, find, findAll } = await openPage(failedWindowList)
    expect(find('moments-missing').text()).toContain('还有 29 天的朋友圈没有取到')
    expect(findAll('moments-missing-window').map((item) => item.text().replace(/\s+/g, ' '))).toEqual([
      '2026-10-01 至 2026-10-29 · 获取失败 · 企业微信拒绝了来自本机 IP 的调用。',
    ])
    await find('moments-retry').trigger('click')
    await flushPromises()
    expect(calls.load).toHaveBeenCalledTimes(2)
  })

  it('says when a rate-limit pause ends, and opens a moment on click', async () => {
    const { find, router } = await openPage(failedWindowList)
    const app = useAppStore()
    app.status = {
      profileId: 'p',
      profileName: '演示企业',
      isSandbox: true,
      state: 'connected',
      paused: [{ path: 'externalcontact/get_moment_list', resumeAt: AT + 60_000 }],
    } as ConnectionStatus
    await flushPromises()
    expect(find('moments-paused').text()).toContain('自动继续获取')
    await find('moments-row').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/moments/detail/mom1')
  })

  it('passes the filters to the core and says when nothing matches, in English too', async () => {
    applyLocale('en')
    const empty = (): MomentListResult => ({ rows: [], total: 0, coverage: { windows: [], missingDays: 0 } })
    const { calls, find } = await openPage(empty)
    const page = wrapper!.findComponent(MomentsListPage)
    const { useMomentsStore } = await import('@/stores/moments')
    const store = useMomentsStore()
    store.filters.createType = 0
    store.filters.kind = 'video'
    await flushPromises()
    expect(calls.list).toHaveBeenLastCalledWith(expect.objectContaining({ createType: 0, kind: 'video', offset: 0 }))
    expect(page.exists()).toBe(true)
    expect(find('moments-empty').text()).toContain('No moments match the filters')
  })
})
