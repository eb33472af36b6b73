import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type {
  GroupMsgProgress,
  GroupMsgResultRow,
  GroupMsgStopResult,
  GroupMsgSummary,
  GroupMsgTask,
  DraftSummary,
  SendJobSummary,
} from '@shared/massMessages'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import HistoryDetailPage from '@/views/massMessages/history/HistoryDetailPage.vue'
import HistoryPage from '@/views/massMessages/history/HistoryPage.vue'
import { fakeApi, type FakeApiParts } from '../../renderer/fake-api'

vi.mock('@/composables/confirmWarning', () => ({ confirmWarning: vi.fn(() => Promise.resolve(true)) }))

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })
const CREATED = new Date(2025, 5, 2, 9, 5).getTime()
const STOPPED = new Date(2025, 5, 2, 9, 30).getTime()

const summary = (over: Partial<GroupMsgSummary> = {}): GroupMsgSummary => ({
  msgid: 'msgMine',
  chatType: 'single',
  createType: 0,
  createTime: CREATED,
  text: '夏季新品上市，会员专享 8 折。',
  attachmentTypes: ['image'],
  title: '夏季新品',
  sentHere: { profileName: '华东门店' },
  ...over,
})
const task = (userid: string, status: 0 | 2): GroupMsgTask => ({
  userid,
  memberName: `成员${userid}`,
  status,
  ...(status === 2 ? { sendTime: CREATED + 60_000 } : {}),
})
const result = (id: string, status: 0 | 1): GroupMsgResultRow => ({
  userid: 'u1',
  memberName: '成员u1',
  externalUserid: id,
  recipientName: `客户${id}`,
  status,
})

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  applyLocale('zh-CN')
})

function router() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/massMessages/history', name: 'massMessages-history', component: HistoryPage },
      { path: '/massMessages/history/:msgid', name: 'massMessages-history-detail', component: HistoryDetailPage },
      {
        path: '/massMessages/compose/:id?',
        name: 'massMessages-compose',
        component: { template: '<div data-testid="composer">composer</div>' },
      },
    ],
  })
}

/** The detail page opened straight from its address (a reload or a link), on a fake core. */
async function openDetail(
  message: GroupMsgSummary,
  tasks: GroupMsgTask[],
  rows: GroupMsgResultRow[],
  more: FakeApiParts['massMessages'] = {},
) {
  const calls = {
    get: vi.fn(() => ok(message)),
    cancel: vi.fn((): Promise<Result<GroupMsgStopResult>> =>
      ok({ msgid: message.msgid, stoppedAt: STOPPED, alreadyStopped: false }),
    ),
  }
  const counts = { sent: 0, unsent: 0, notFriend: 0, overCap: 0 }
  for (const row of rows) counts[row.status === 1 ? 'sent' : 'unsent']++
  window.api = fakeApi({
    massMessages: {
      get: calls.get,
      tasks: () => ok(tasks),
      results: () => ok({ counts, rows }),
      remindStatus: () => ok({ left: 3 }),
      cancel: calls.cancel,
      ...more,
    },
  })
  await connectApi()
  const r = router()
  await r.push(`/massMessages/history/${message.msgid}`)
  wrapper = mount({ template: '<router-view />' }, { global: { plugins: [createPinia(), i18n, ElementPlus, r] } })
  await flushPromises()
  const text = (testid: string) => wrapper!.find(`[data-testid="${testid}"]`).text()
  const button = (testid: string) => wrapper!.find(`[data-testid="${testid}"]`)
  return { calls, text, button, html: () => wrapper!.text(), router: r }
}

describe('the message detail opened by its address (issue 9, item 5)', () => {
  it('loads the message by msgid: title, type, time, creator, attachments and text, without the list', async () => {
    const page = await openDetail(summary(), [task('u1', 0), task('u2', 2)], [result('wmA', 0), result('wmB', 1)])
    expect(page.calls.get).toHaveBeenCalledWith({ msgid: 'msgMine' })
    expect(page.text('detail-title')).toBe('夏季新品')
    expect(page.text('detail-text')).toBe('夏季新品上市，会员专享 8 折。')
    expect(page.text('detail-time')).toBe('2025-06-02 09:05')
    expect(page.text('detail-sent-here')).toContain('本软件发送 · 华东门店')
    expect(page.html()).toContain('图片')
    expect(page.text('detail-status')).toBe('发送中')
    expect(page.button('remind').attributes('disabled')).toBeUndefined()
    expect(page.button('cancel-message').attributes('disabled')).toBeUndefined()
  })
})

describe('a stopped message does not look live (issue 9, item 2)', () => {
  it('says 已停止 and when, offers neither remind nor stop, and labels the members and recipients not sent as stopped', async () => {
    const page = await openDetail(
      summary({ stoppedAt: STOPPED, status: 'stopped' }),
      [task('u1', 0), task('u2', 2)],
      [result('wmA', 0), result('wmB', 1)],
    )
    expect(page.text('detail-status')).toBe('已停止')
    expect(page.text('detail-stopped')).toContain('已于 2025-06-02 09:30 停止群发')
    expect(page.button('remind').attributes('disabled')).toBeDefined()
    expect(page.button('cancel-message').attributes('disabled')).toBeDefined()
    expect(page.text('actions-off')).toBe('已停止的群发不能再提醒或停止。')
    const tasks = wrapper!.findAll('[data-testid="task-status"]').map((tag) => tag.text())
    expect(tasks).toEqual(['已停止', '已发送'])
    const results = wrapper!.findAll('[data-testid="result-status"]').map((tag) => tag.text())
    expect(results).toEqual(['已停止，未发送', '已发送'])
    expect(page.text('result-count-stopped')).toContain('已停止，未发送')
  })

  it('offers neither when every member has sent', async () => {
    applyLocale('en')
    const page = await openDetail(summary(), [task('u1', 2), task('u2', 2)], [result('wmA', 1)])
    expect(page.text('detail-status')).toBe('All sent')
    expect(page.button('remind').attributes('disabled')).toBeDefined()
    expect(page.button('cancel-message').attributes('disabled')).toBeDefined()
    expect(page.text('actions-off')).toBe('Every member has sent it; there is nothing to remind or stop.')
  })

  it('turns stopped right after 停止群发, and a second stop says it already was', async () => {
    const page = await openDetail(summary(), [task('u1', 0)], [result('wmA', 0)])
    await page.button('cancel-message').trigger('click')
    await flushPromises()
    expect(page.calls.cancel).toHaveBeenCalledTimes(1)
    expect(page.text('detail-status')).toBe('已停止')
    expect(page.button('cancel-message').attributes('disabled')).toBeDefined()
    expect(document.body.textContent).toContain('群发已停止，还没发送的成员不会再发送。')

    // Another window still showed it as live: stopping it there says it already was.
    wrapper!.unmount()
    const again = await openDetail(summary(), [task('u1', 0)], [result('wmA', 0)])
    again.calls.cancel.mockImplementation(() => ok({ msgid: 'msgMine', stoppedAt: STOPPED, alreadyStopped: true }))
    await again.button('cancel-message').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('这条群发已在 2025-06-02 09:30 停止，不用再停止。')
  })
})

describe('the sent-messages list finds my own messages (issue 9, item 7)', () => {
  const rows: GroupMsgSummary[] = [
    summary(),
    summary({
      msgid: 'msgStopped',
      title: '会员日',
      text: '会员日全场 9 折',
      stoppedAt: STOPPED,
      status: 'stopped',
      createTime: CREATED - 1000,
    }),
    {
      msgid: 'msgOther',
      chatType: 'single',
      createType: 0,
      createTime: CREATED - 2000,
      text: '别的应用发的群发',
      attachmentTypes: [],
    },
    {
      msgid: 'msgMember',
      chatType: 'single',
      createType: 1,
      creator: 'zhangsan',
      creatorName: '张三',
      createTime: CREATED - 3000,
      text: '个人群发',
      attachmentTypes: [],
    },
  ]
  const scheduledJob: SendJobSummary = {
    id: 'job1',
    title: '双十一预热',
    chatType: 'single',
    state: 'scheduled',
    scheduledAt: CREATED + 86_400_000,
    recipients: 10,
    chunks: { total: 1, sent: 0, pending: 1, unknown: 0, failed: 0 },
    msgids: [],
    createdAt: CREATED,
    updatedAt: CREATED,
  }

  async function openList(locale: 'zh-CN' | 'en' = 'zh-CN') {
    applyLocale(locale)
    const progress = vi.fn((input: { msgids: string[] }): Promise<Result<GroupMsgProgress[]>> =>
      ok(
        input.msgids
          .filter((msgid) => msgid === 'msgMine' || msgid === 'msgOther' || msgid === 'msgMember')
          .map((msgid) =>
            msgid === 'msgOther'
              ? { msgid, status: 'sent' as const, sentTasks: 3, totalTasks: 3 }
              : { msgid, status: 'sending' as const, sentTasks: 1, totalTasks: 4 },
          ),
      ),
    )
    window.api = fakeApi({
      massMessages: { list: () => ok(rows), jobs: () => ok([scheduledJob]), progress },
      customers: { members: () => ok([]) },
      app: {
        getStatus: () => ok({ profileId: 'p', profileName: '华东门店', isSandbox: false, state: 'connected' as const }),
      },
    })
    await connectApi()
    const r = router()
    await r.push('/massMessages/history')
    wrapper = mount({ template: '<router-view />' }, { global: { plugins: [createPinia(), i18n, ElementPlus, r] } })
    await flushPromises()
    await flushPromises()
    const column = (testid: string) => wrapper!.findAll(`[data-testid="${testid}"]`).map((cell) => cell.text())
    return { progress, column }
  }

  it('shows titles, who sent it (this console, another app, a member) and a status column', async () => {
    const list = await openList()
    expect(list.column('history-title')).toEqual(['双十一预热', '夏季新品', '会员日'])
    expect(list.column('history-created-by')).toEqual(['本软件发送', '本软件发送', '本软件发送', '其他应用', '张三'])
    expect(list.column('history-status')).toEqual(['定时发送', '发送中', '已停止', '已全部发送', '发送中'])
    expect(wrapper!.text()).toContain('1 / 4 位成员已发送')
    expect(wrapper!.text()).toContain('华东门店')
    // Stopped messages are known for good: their status is not asked again.
    expect(list.progress.mock.calls.flatMap(([input]) => input.msgids)).not.toContain('msgStopped')
  })

  it('searches by title and by text, and by status', async () => {
    const list = await openList('en')
    const keyword = wrapper!.find('input[data-testid="history-keyword"]')
    await keyword.setValue('会员日')
    expect(list.column('history-title')).toEqual(['会员日'])
    await keyword.setValue('别的应用')
    expect(list.column('history-text')).toEqual(['别的应用发的群发'])
    await keyword.setValue('nothing like this')
    expect(wrapper!.find('[data-testid="history-no-match"]').text()).toContain('No message matches')
    await keyword.setValue('')
    expect(list.column('history-status')).toEqual(['Scheduled', 'Sending', 'Stopped', 'All sent', 'Sending'])
  })
})

describe('a sent message copied as a new draft (issue 9, mass messages)', () => {
  const saved = (id: string): DraftSummary => ({
    id,
    title: '夏季新品',
    chatType: 'group',
    excerpt: '',
    attachmentCount: 0,
    revision: 1,
    createdAt: CREATED,
    updatedAt: CREATED,
  })

  it('asks the core for the copy (by msgid), names each attachment to choose again, and opens the composer', async () => {
    const copyAsDraft = vi.fn(() =>
      ok({
        draft: saved('d-copy'),
        uncopied: [
          { index: 0, msgtype: 'image' as const },
          { index: 2, msgtype: 'miniprogram' as const },
        ],
      }),
    )
    const page = await openDetail(
      summary({ chatType: 'group', attachmentTypes: ['image', 'link', 'miniprogram'] }),
      [task('u1', 2)],
      [result('wmA', 1)],
      { copyAsDraft },
    )
    await page.button('copy-as-draft').trigger('click')
    await flushPromises()
    expect(copyAsDraft).toHaveBeenCalledWith({ msgid: 'msgMine' })
    expect(page.router.currentRoute.value.name).toBe('massMessages-compose')
    expect(page.router.currentRoute.value.params['id']).toBe('d-copy')
    // The link was copied whole: only the image and the mini program's cover are named.
    expect(document.body.textContent).toContain('请在草稿中重新选择：第 1 个附件（图片）、第 3 个附件（小程序封面）。')
  })

  it('says plainly when everything was copied, in English too', async () => {
    applyLocale('en')
    const page = await openDetail(summary({ attachmentTypes: ['link'] }), [task('u1', 2)], [result('wmA', 1)], {
      copyAsDraft: () => ok({ draft: saved('d-en'), uncopied: [] }),
    })
    await page.button('copy-as-draft').trigger('click')
    await flushPromises()
    expect(document.body.textContent).not.toContain('choose them again')
    expect(page.router.currentRoute.value.params['id']).toBe('d-en')
  })

  it('names a video to choose again in English', async () => {
    applyLocale('en')
    const page = await openDetail(summary({ attachmentTypes: ['video'] }), [task('u1', 2)], [result('wmA', 1)], {
      copyAsDraft: () => ok({ draft: saved('d-en'), uncopied: [{ index: 0, msgtype: 'video' as const }] }),
    })
    await page.button('copy-as-draft').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('choose them again in the draft: attachment 1 (video).')
  })
})

describe('the message id is a technical detail (issue 9, item 9)', () => {
  it('is not a main field of the summary: it sits in a collapsed 详情 section', async () => {
    const page = await openDetail(summary(), [task('u1', 0)], [result('wmA', 0)])
    const tech = wrapper!.find('[data-testid="detail-tech"]')
    expect(tech.text()).toContain('详情')
    expect(tech.find('.el-collapse-item').classes()).not.toContain('is-active')
    expect(page.text('detail-msgid')).toBe('消息 ID: msgMine')
    const summaryText = wrapper!.find('.summary__text').text().replace(tech.text(), '')
    expect(summaryText).not.toContain('消息 ID')
  })
})
