import { flushPromises, mount } from '@vue/test-utils'
import type { Draft, DraftInput, DraftSummary } from '@shared/massMessages'
import type { Result } from '@shared/result'
import { createPinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { connectApi } from '@/api'
import { i18n } from '@/i18n'
import { createAutosave } from '@/views/massMessages/drafts/autosave'
import { useComposer } from '@/views/massMessages/drafts/useComposer'
import { fakeApi } from '../../renderer/fake-api'

describe('createAutosave: debounce 300 ms, at most 1 s unsaved', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves once typing pauses for 300 ms', async () => {
    const save = vi.fn(async () => undefined)
    const autosave = createAutosave({ save })
    autosave.schedule()
    await vi.advanceTimersByTimeAsync(200)
    autosave.schedule()
    await vi.advanceTimersByTimeAsync(299)
    expect(save).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(save).toHaveBeenCalledTimes(1)
    expect(autosave.pending).toBe(false)
  })

  it('never leaves more than a second of continuous typing unsaved', async () => {
    const savedAt: number[] = []
    const start = Date.now()
    const autosave = createAutosave({
      save: async () => {
        savedAt.push(Date.now() - start)
      },
    })
    // A keystroke every 100 ms for 3.05 s.
    for (let at = 0; at <= 3000; at += 100) {
      autosave.schedule()
      await vi.advanceTimersByTimeAsync(100)
    }
    await vi.advanceTimersByTimeAsync(1000)
    expect(savedAt.slice(0, 3)).toEqual([1000, 2000, 3000])
    // The last keystroke (at 3000 ms) is saved 300 ms after it.
    expect(savedAt.at(-1)).toBe(3300)
    for (let i = 1; i < savedAt.length; i++) expect(savedAt[i]! - savedAt[i - 1]!).toBeLessThanOrEqual(1000)
  })

  it('does not overlap saves: a change during a slow save is saved right after it', async () => {
    let running = 0
    let maxRunning = 0
    const save = vi.fn(async () => {
      running++
      maxRunning = Math.max(maxRunning, running)
      await new Promise((resolve) => setTimeout(resolve, 700))
      running--
    })
    const autosave = createAutosave({ save })
    autosave.schedule()
    await vi.advanceTimersByTimeAsync(300) // first save starts
    autosave.schedule()
    await vi.advanceTimersByTimeAsync(300) // its timer fires while the first save runs
    expect(save).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(400) // first save done → second starts
    expect(save).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(700)
    expect(maxRunning).toBe(1)
    expect(autosave.pending).toBe(false)
  })

  it('flush saves at once; a failed save stays pending and is retried by the next flush', async () => {
    const onError = vi.fn()
    const save = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined)
    const autosave = createAutosave({ save, onError })
    autosave.schedule()
    await autosave.flush()
    expect(save).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(autosave.pending).toBe(true)
    await autosave.flush()
    expect(save).toHaveBeenCalledTimes(2)
    expect(autosave.pending).toBe(false)
    await autosave.flush()
    expect(save).toHaveBeenCalledTimes(2)
  })
})

/** A drafts service in memory, answering like the core (revision per save, draft_conflict). */
function fakeDrafts() {
  const stored = new Map<string, Draft>()
  let clock = 1_700_000_000_000
  const saves: DraftInput[] = []
  const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })
  const summary = (d: Draft): DraftSummary => ({
    id: d.id,
    title: d.title,
    chatType: d.chatType,
    excerpt: d.content.text.slice(0, 40),
    attachmentCount: d.content.attachments.length,
    revision: d.revision,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  })
  const drafts = {
    listDrafts: () => ok([...stored.values()].map(summary)),
    getDraft: ({ id }: { id: string }) => ok(structuredClone(stored.get(id)!)),
    saveDraft: (input: DraftInput): Promise<Result<DraftSummary>> => {
      saves.push(structuredClone(input))
      const existing = input.id ? stored.get(input.id) : undefined
      if (existing && input.baseRevision !== undefined && input.baseRevision !== existing.revision)
        return Promise.resolve({ ok: false, error: { code: 'draft_conflict', message: 'changed elsewhere' } })
      const draft: Draft = {
        id: input.id ?? `d${stored.size + 1}`,
        title: input.title ?? '',
        chatType: input.chatType,
        content: { text: input.content.text ?? '', attachments: input.content.attachments ?? [] },
        targeting: input.targeting ?? {},
        revision: (existing?.revision ?? 0) + 1,
        createdAt: existing?.createdAt ?? clock,
        updatedAt: (clock += 1000),
      }
      stored.set(draft.id, draft)
      return ok(summary(draft))
    },
    mediaDataUrl: () => ok({ dataUrl: 'data:image/png;base64,AAAA' }),
  }
  return { drafts, stored, saves }
}

async function mountComposer(path: string) {
  const fake = fakeDrafts()
  window.api = fakeApi({ massMessages: fake.drafts })
  await connectApi()
  let composer!: ReturnType<typeof useComposer>
  // The page under test: a route component that only runs the composable.
  const Page = {
    setup() {
      composer = useComposer()
      return () => h('div')
    },
  }
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/massMessages', name: 'massMessages-home', component: { render: () => h('div') } },
      { path: '/massMessages/compose/:id?', name: 'massMessages-compose', component: Page },
    ],
  })
  await router.push(path)
  const wrapper = mount(RouterView, {
    global: { plugins: [createPinia(), i18n, router] },
  })
  await flushPromises()
  return { fake, router, wrapper, composer: () => composer }
}

describe('useComposer autosave (offline drafts)', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    vi.useRealTimers()
    delete window.api
  })

  it('creates the draft on the first keystroke, puts its id in the route, then updates it with the revision', async () => {
    const { fake, router, composer } = await mountComposer('/massMessages/compose')
    const c = composer()
    await vi.advanceTimersByTimeAsync(2000)
    expect(fake.saves).toHaveLength(0) // an untouched composer saves nothing

    c.form.text = '你'
    await vi.advanceTimersByTimeAsync(299)
    expect(fake.saves).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    await flushPromises()
    expect(fake.saves).toHaveLength(1)
    expect(fake.saves[0]).toMatchObject({ chatType: 'single', content: { text: '你', attachments: [] } })
    expect(fake.saves[0]).not.toHaveProperty('id')
    expect(router.currentRoute.value.params['id']).toBe('d1')
    expect(c.saveState.value).toBe('saved')

    c.form.text = '你好'
    c.targeting.tagIds = ['tag-1']
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    expect(fake.saves[1]).toMatchObject({
      id: 'd1',
      baseRevision: 1,
      content: { text: '你好' },
      targeting: { mode: 'filter', filter: { tags: { mode: 'or', ids: ['tag-1'] } } },
    })
    expect(fake.stored.size).toBe(1)
  })

  it('saves at least once a second while the user keeps typing', async () => {
    const { fake, composer } = await mountComposer('/massMessages/compose')
    const c = composer()
    for (let i = 0; i < 25; i++) {
      c.form.text += '字'
      await vi.advanceTimersByTimeAsync(100)
    }
    // 2.5 s of typing with no pause of 300 ms: saved at ~1 s and ~2 s already.
    expect(fake.saves.length).toBeGreaterThanOrEqual(2)
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    expect(fake.saves.at(-1)?.content.text).toBe('字'.repeat(25))
  })

  it('loads a stored draft without saving it again, and reloads the newer one on draft_conflict', async () => {
    const { fake, composer } = await mountComposer('/massMessages/compose')
    const c = composer()
    c.form.text = 'first'
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    // Another window saves a newer revision of the same draft.
    await fake.drafts.saveDraft({ id: 'd1', chatType: 'single', title: 'elsewhere', content: { text: 'newer' } })
    const savesBefore = fake.saves.length

    c.form.text = 'mine'
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    expect(fake.saves.length).toBe(savesBefore + 1)
    expect(c.form.text).toBe('newer')
    expect(c.form.title).toBe('elsewhere')
    expect(c.revision.value).toBe(2)
    // Loading the newer draft is not itself an edit.
    await vi.advanceTimersByTimeAsync(2000)
    expect(fake.saves.length).toBe(savesBefore + 1)
  })
})
