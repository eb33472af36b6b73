import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { MomentDraftSummary, MomentMedia, RangeOptions } from '@shared/moments-publish'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import ComposePage from '@/views/moments/publish/ComposePage.vue'
import { fakeApi } from '../../renderer/fake-api'

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })
const OPTIONS: RangeOptions = {
  members: [{ userid: 'u1', name: '田莉', customerCount: 12, departmentIds: [2] }],
  departments: [{ id: 2, memberCount: 1 }],
  tagGroups: [{ name: '客户等级', tags: [{ id: 't1', name: 'VIP', customerCount: 5 }] }],
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  applyLocale('zh-CN')
})

function summary(over: Partial<MomentDraftSummary> = {}): MomentDraftSummary {
  return {
    id: 'd1',
    title: '',
    excerpt: '',
    kind: 'text',
    attachmentCount: 0,
    revision: 1,
    createdAt: 1,
    updatedAt: 2,
    ...over,
  }
}

async function openComposer() {
  let revision = 0
  const calls = {
    saveDraft: vi.fn((_input: unknown) => ok(summary({ revision: ++revision }))),
    addDraftMedia: vi.fn((input: { filename: string; kind: string }): Promise<Result<MomentMedia>> =>
      input.filename === 'huge.png'
        ? Promise.resolve({
            ok: false,
            error: {
              code: 'moment_file_refused',
              message:
                '“huge.png” is 4,000×3,000 pixels, over the 1,555,200-pixel limit (about 1440×1080); resize it first.',
            },
          })
        : ok({
            localMediaId: input.filename,
            filename: input.filename,
            contentType: 'image/png',
            size: 100,
            width: 10,
            height: 10,
          }),
    ),
    estimateRange: vi.fn(() => ok({ members: 1, customers: 1234, cached: true })),
  }
  window.api = fakeApi({
    moments: {
      rangeOptions: () => ok(OPTIONS),
      estimateRange: calls.estimateRange,
      saveDraft: calls.saveDraft as never,
      addDraftMedia: calls.addDraftMedia as never,
      draftMediaDataUrl: () => ok({ dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }),
    },
  })
  await connectApi()
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/moments/drafts', name: 'moments-drafts', component: { template: '<div />' } },
      { path: '/moments/compose/:id?', name: 'moments-compose', component: ComposePage },
    ],
  })
  await router.push('/moments/compose')
  wrapper = mount(
    { template: '<router-view />' },
    { global: { plugins: [createPinia(), i18n, ElementPlus, router] }, attachTo: document.body },
  )
  await flushPromises()
  // What the draft's loading set is not an edit: typing counts once the composer is ready.
  await new Promise((resolve) => setTimeout(resolve, 20))
  const find = (testid: string) => wrapper!.find(`[data-testid="${testid}"]`)
  return { calls, find, router }
}

function pick(input: HTMLInputElement, files: File[]): void {
  Object.defineProperty(input, 'files', { value: files, configurable: true })
  input.dispatchEvent(new Event('change'))
}

describe('moment composer', () => {
  it('counts characters and bytes as typed and names the rule the text breaks, autosaving it', async () => {
    applyLocale('en')
    const { calls, find } = await openComposer()
    expect(find('moment-estimate').text()).toContain('Customers who will be able to see it: about 1,234')
    await find('moment-text').setValue('中'.repeat(1334))
    expect(find('moment-text-chars').text()).toBe('1,334 / 2,000 characters')
    expect(find('moment-text-bytes').text()).toBe('4,002 / 4,000 bytes')
    expect(find('moment-text-bytes').classes()).toContain('over')
    await vi.waitFor(() => expect(calls.saveDraft).toHaveBeenCalled(), { timeout: 3000 })
    await flushPromises()
    expect(find('moment-issues').text()).toContain('at most 4,000 bytes')
    expect(find('moment-issues').text()).toContain('it has 4,002')
    expect(find('moment-publish').attributes('disabled')).toBeDefined()
    const saved = calls.saveDraft.mock.calls.at(-1)![0] as { content: { text: string } }
    expect(saved.content.text).toBe('中'.repeat(1334))
  }, 15_000)

  it('refuses a file by its rule and keeps the images already added', async () => {
    const { calls, find } = await openComposer()
    await find('moment-kind-image').find('input').setValue(true)
    await flushPromises()
    const input = find('moment-image-input').element as HTMLInputElement
    pick(
      input,
      [1, 2, 3].map((n) => new File([new Uint8Array(100)], `p${n}.png`, { type: 'image/png' })),
    )
    await vi.waitFor(() => expect(wrapper!.findAll('[data-testid="moment-image"]')).toHaveLength(3), { timeout: 3000 })

    // Too large: refused before any byte is sent, with the size rule.
    const big = new File([new Uint8Array(8)], 'big.png', { type: 'image/png' })
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 })
    pick(input, [big])
    await flushPromises()
    expect(find('moment-file-refused').text()).toContain('「big.png」有 11.0 MB，超过 10 MB 的大小上限')
    expect(calls.addDraftMedia).toHaveBeenCalledTimes(3)

    // Too many pixels: the core measured it and refused it, naming the rule.
    pick(input, [new File([new Uint8Array(100)], 'huge.png', { type: 'image/png' })])
    await vi.waitFor(() => expect(find('moment-file-refused').text()).toContain('4,000×3,000 pixels'), {
      timeout: 3000,
    })
    expect(wrapper!.findAll('[data-testid="moment-image"]')).toHaveLength(3)
    // The kind cannot change while images are attached: no mixing.
    expect(find('moment-kind-video').find('input').attributes('disabled')).toBeDefined()
  }, 15_000)
})
