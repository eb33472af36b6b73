import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Draft, DraftSend, DraftSummary, EarlierSend, SendJobSummary, SendPreview } from '@shared/massMessages'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { connectApi } from '@/api'
import { formatDateTime } from '@/components/format'
import { applyLocale, i18n } from '@/i18n'
import MassMessagesHome from '@/views/massMessages/MassMessagesHome.vue'
import ComposePage from '@/views/massMessages/drafts/ComposePage.vue'
import { fakeApi } from '../../renderer/fake-api'

const confirm = vi.hoisted(() => vi.fn(async () => true))
vi.mock('@/composables/confirmWarning', () => ({ confirmWarning: confirm }))

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })

const SENT_AT = new Date(2025, 4, 1, 9, 30).getTime()
const SCHEDULED_AT = new Date(2030, 4, 3, 10, 30).getTime()
const SENT: DraftSend = { state: 'sent', jobId: 'job-1', at: SENT_AT, msgids: ['msgA', 'msgB'] }
const SCHEDULED: DraftSend = { state: 'scheduled', jobId: 'job-2', at: SCHEDULED_AT, msgids: [] }

function draft(id: string, title: string, send?: DraftSend): Draft {
  return {
    id,
    title,
    chatType: 'single',
    content: { text: `${title}的内容`, attachments: [] },
    targeting: { mode: 'filter', filter: {} },
    revision: 3,
    createdAt: SENT_AT - 3_600_000,
    updatedAt: SENT_AT - 60_000,
    ...(send ? { send } : {}),
  }
}
const summary = ({ targeting: _targeting, content, ...rest }: Draft): DraftSummary => ({
  ...rest,
  excerpt: content.text,
  attachmentCount: content.attachments.length,
})

function preview(earlierSend?: SendPreview['earlierSend']): SendPreview {
  return {
    chatType: 'single',
    recipients: 12,
    senders: [{ userid: 'zhangsan', name: '张三', count: 12 }],
    calls: 1,
    overCap: 0,
    capRule: 'days-in-month',
    problems: [],
    ...(earlierSend ? { earlierSend } : {}),
  }
}

/** A drafts store and send journal in memory: three drafts (sent in two batches, scheduled, plain). */
function fakeCore(earlierSend?: SendPreview['earlierSend']) {
  const drafts = new Map<string, Draft>([
    ['d-sent', draft('d-sent', '五一活动', SENT)],
    ['d-scheduled', draft('d-scheduled', '周末预告', SCHEDULED)],
    ['d-plain', draft('d-plain', '还在写')],
  ])
  const job = (id: string, state: SendJobSummary['state']): SendJobSummary => ({
    id,
    title: '周末预告',
    chatType: 'single',
    state,
    recipients: 12,
    chunks: { total: 1, sent: 0, pending: 1, unknown: 0, failed: 0 },
    msgids: [],
    createdAt: SENT_AT,
    updatedAt: SENT_AT,
  })
  const calls = {
    cancelJob: vi.fn(({ jobId }: { jobId: string }) => {
      const scheduled = drafts.get('d-scheduled')!
      delete scheduled.send
      return ok(job(jobId, 'cancelled'))
    }),
    duplicateDraft: vi.fn(({ id }: { id: string }) => {
      const source = drafts.get(id)!
      const copy: Draft = { ...structuredClone(source), id: 'd-copy', title: `${source.title}（副本）`, revision: 1 }
      delete copy.send
      drafts.set(copy.id, copy)
      return ok(summary(copy))
    }),
    send: vi.fn(({ draftId }: { draftId: string }) => ok({ ...job('job-9', 'preparing'), draftId })),
  }
  const massMessages = {
    listDrafts: () => ok([...drafts.values()].map(summary)),
    getDraft: ({ id }: { id: string }) => ok(structuredClone(drafts.get(id)!)),
    jobs: () => ok([]),
    preview: () => ok(preview(earlierSend)),
    getSettings: () => ok({ receiveCap: 'days-in-month' as const }),
    mediaDataUrl: () => ok({ dataUrl: 'data:image/png;base64,AAAA' }),
    ...calls,
  }
  const customers = {
    members: () => ok([]),
    listTags: () => ok([]),
    previewAudience: () => ok({ count: 12, senders: [{ userid: 'zhangsan', name: '张三', count: 12 }] }),
  }
  return { drafts, calls, api: fakeApi({ massMessages, customers }) }
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  confirm.mockReset()
  confirm.mockImplementation(async () => true)
  applyLocale('zh-CN')
})

async function open(path: string, earlierSend?: SendPreview['earlierSend']) {
  const core = fakeCore(earlierSend)
  window.api = core.api
  await connectApi()
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/massMessages', name: 'massMessages-home', component: MassMessagesHome },
      { path: '/massMessages/compose/:id?', name: 'massMessages-compose', component: ComposePage },
      {
        path: '/massMessages/history/:msgid',
        name: 'massMessages-history-detail',
        component: { render: () => h('div') },
      },
    ],
  })
  await router.push(path)
  wrapper = mount(RouterView, {
    global: { plugins: [createPinia(), i18n, router, ElementPlus] },
    attachTo: document.body,
  })
  await flushPromises()
  return { ...core, router, wrapper }
}

const row = (w: VueWrapper, title: string) =>
  w
    .get('[data-testid="draft-table"]')
    .findAll('.el-table__row')
    .find((candidate) => candidate.text().includes(title))!

describe('the drafts list marks sent and scheduled drafts', () => {
  it('shows a sent draft as sent, links its first message and says how many there are', async () => {
    const { router, wrapper: w } = await open('/massMessages')
    const sent = row(w, '五一活动')
    expect(sent.get('[data-testid="draft-send"]').attributes('data-state')).toBe('sent')
    expect(sent.text()).toContain('已发送')
    expect(sent.text()).toContain(`${formatDateTime(SENT_AT)} 发送`)
    expect(sent.get('[data-testid="draft-message-count"]').text()).toBe('共 2 条群发')
    expect(sent.get('[data-testid="draft-open"]').text()).toBe('查看')
    expect(sent.get('[data-testid="draft-duplicate"]').text()).toBe('复制为新草稿')

    await sent.get('[data-testid="draft-results"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value).toMatchObject({ name: 'massMessages-history-detail', params: { msgid: 'msgA' } })
  })

  it('shows a scheduled draft with its time, and cancels the schedule after asking', async () => {
    const { calls, wrapper: w } = await open('/massMessages')
    const scheduled = () => row(w, '周末预告')
    expect(scheduled().get('[data-testid="draft-send"]').attributes('data-state')).toBe('scheduled')
    expect(scheduled().text()).toContain(`将于 ${formatDateTime(SCHEDULED_AT)} 发送`)
    expect(row(w, '还在写').get('[data-testid="draft-send"]').text()).toBe('未发送')

    confirm.mockImplementationOnce(async () => false)
    await scheduled().get('[data-testid="draft-cancel-schedule"]').trigger('click')
    await flushPromises()
    expect(calls.cancelJob).not.toHaveBeenCalled()

    await scheduled().get('[data-testid="draft-cancel-schedule"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenLastCalledWith(
      '取消定时发送「周末预告」？草稿会保留，取消后可以修改或重新发送。',
      '取消定时',
      expect.anything(),
    )
    expect(calls.cancelJob).toHaveBeenCalledWith({ jobId: 'job-2' })
    expect(scheduled().get('[data-testid="draft-send"]').attributes('data-state')).toBe('none')
  })

  it('speaks English too', async () => {
    applyLocale('en')
    const { wrapper: w } = await open('/massMessages')
    const sent = row(w, '五一活动')
    expect(sent.text()).toContain(`Sent ${formatDateTime(SENT_AT)}`)
    expect(sent.get('[data-testid="draft-message-count"]').text()).toBe('2 messages')
    expect(sent.get('[data-testid="draft-duplicate"]').text()).toBe('Copy as a new draft')
    expect(row(w, '周末预告').text()).toContain(`Goes out ${formatDateTime(SCHEDULED_AT)}`)
  })
})

describe('the composer keeps a sent draft read only', () => {
  it('says it was sent, links the results, locks the fields, and copies it as a new draft', async () => {
    const { calls, router, wrapper: w } = await open('/massMessages/compose/d-sent')
    const banner = w.get('[data-testid="draft-sent-banner"]')
    expect(banner.text()).toContain(`这份草稿已于 ${formatDateTime(SENT_AT)} 发送，内容不能再修改。`)
    expect(banner.get('[data-testid="draft-sent-count"]').text()).toBe('共 2 条群发')
    expect(banner.get('[data-testid="draft-sent-results"]').attributes('href')).toContain('/massMessages/history/msgA')
    expect(w.get('[data-testid="message-text"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="message-title"]').attributes('disabled')).toBeDefined()
    expect(w.find('[data-testid="add-attachment-image"]').exists()).toBe(false)
    expect(w.find('[data-testid="open-send"]').exists()).toBe(false)

    await banner.get('[data-testid="draft-copy-new"]').trigger('click')
    await flushPromises()
    expect(calls.duplicateDraft).toHaveBeenCalledWith({ id: 'd-sent' })
    expect(router.currentRoute.value.params['id']).toBe('d-copy')
    expect(w.find('[data-testid="draft-sent-banner"]').exists()).toBe(false)
    expect(w.get('[data-testid="message-text"]').attributes('disabled')).toBeUndefined()
    expect(w.find('[data-testid="open-send"]').exists()).toBe(true)
  })

  it('can still be changed on request, saying what that means', async () => {
    const { wrapper: w } = await open('/massMessages/compose/d-sent')
    await w.get('[data-testid="draft-edit-anyway"]').trigger('click')
    expect(w.find('[data-testid="draft-sent-banner"]').exists()).toBe(false)
    expect(w.get('[data-testid="draft-sent-editing"]').text()).toContain('你正在修改一份已发送的草稿')
    expect(w.get('[data-testid="message-text"]').attributes('disabled')).toBeUndefined()
  })

  it('shows a scheduled draft’s time and cancels the schedule, after which it can be edited', async () => {
    const { calls, wrapper: w } = await open('/massMessages/compose/d-scheduled')
    const banner = w.get('[data-testid="draft-sent-banner"]')
    expect(banner.attributes('data-state')).toBe('scheduled')
    expect(banner.text()).toContain(`这份草稿已定时在 ${formatDateTime(SCHEDULED_AT)} 发送。`)
    expect(banner.find('[data-testid="draft-edit-anyway"]').exists()).toBe(false)

    await banner.get('[data-testid="draft-cancel-schedule"]').trigger('click')
    await flushPromises()
    expect(calls.cancelJob).toHaveBeenCalledWith({ jobId: 'job-2' })
    expect(w.find('[data-testid="draft-sent-banner"]').exists()).toBe(false)
    expect(w.get('[data-testid="message-text"]').attributes('disabled')).toBeUndefined()
  })
})

describe('the send dialog asks before sending the same content again', () => {
  const earlier: EarlierSend = {
    state: 'sent',
    jobId: 'job-1',
    at: SENT_AT,
    msgids: ['msgA'],
    title: '五一活动',
    draftId: 'd-sent',
  }

  it('names the earlier send and sends only once confirmed', async () => {
    const { calls, wrapper: w } = await open('/massMessages/compose/d-plain', earlier)
    await w.get('[data-testid="open-send"]').trigger('click')
    await flushPromises()
    const expected = `24 小时内已经发过相同的内容：「五一活动」，${formatDateTime(SENT_AT)} 发送。`
    expect(document.body.querySelector('[data-testid="send-repeat"]')?.textContent).toContain(expected)

    const submit = () => (document.body.querySelector('[data-testid="send-submit"]') as HTMLButtonElement).click()
    confirm.mockImplementationOnce(async () => false)
    submit()
    await flushPromises()
    expect(confirm).toHaveBeenLastCalledWith(`${expected}确定要再发一次吗？`, '再次发送相同的内容', expect.anything())
    expect(calls.send).not.toHaveBeenCalled()

    submit()
    await flushPromises()
    // The user confirmed: the call says so, or the core refuses the repeat itself.
    expect(calls.send).toHaveBeenCalledWith({ draftId: 'd-plain', confirmRepeat: true })
  })

  it('sends new content without asking', async () => {
    const { calls, wrapper: w } = await open('/massMessages/compose/d-plain')
    await w.get('[data-testid="open-send"]').trigger('click')
    await flushPromises()
    expect(document.body.querySelector('[data-testid="send-repeat"]')).toBeNull()
    ;(document.body.querySelector('[data-testid="send-submit"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(confirm).not.toHaveBeenCalled()
    expect(calls.send).toHaveBeenCalledWith({ draftId: 'd-plain' })
  })
})
