import { flushPromises, mount } from '@vue/test-utils'
import { draftInputSchema, type Draft, type DraftInput, type DraftSummary } from '@shared/massMessages'
import type { ApiError, Result } from '@shared/result'
import { createPinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { h, nextTick } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { connectApi } from '@/api'
import { i18n } from '@/i18n'
import { createAutosave, flushWhenHidden } from '@/views/massMessages/drafts/autosave'
import { useComposer } from '@/views/massMessages/drafts/useComposer'
import { fakeApi } from '../../renderer/fake-api'

const confirmLeave = vi.hoisted(() => vi.fn(async () => true))
vi.mock('@/composables/confirmWarning', () => ({ confirmWarning: confirmLeave }))

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

/**
 * A drafts service in memory, answering like the core (revision per save, draft_conflict). While
 * `hold()` is on, each save waits for `release()`; `failNext(error)` makes the next save fail.
 */
function fakeDrafts() {
  const stored = new Map<string, Draft>()
  let clock = 1_700_000_000_000
  const saves: DraftInput[] = []
  let holding = false
  const held: Array<() => void> = []
  let nextFailure: ApiError | undefined
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
  function write(input: DraftInput): Result<DraftSummary> {
    const existing = input.id ? stored.get(input.id) : undefined
    if (existing && input.baseRevision !== undefined && input.baseRevision !== existing.revision)
      return { ok: false, error: { code: 'draft_conflict', message: 'changed elsewhere' } }
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
    return { ok: true, data: summary(draft) }
  }
  const drafts = {
    listDrafts: () => ok([...stored.values()].map(summary)),
    getDraft: ({ id }: { id: string }) => ok(structuredClone(stored.get(id)!)),
    saveDraft: (input: DraftInput): Promise<Result<DraftSummary>> => {
      saves.push(structuredClone(input))
      const failure = nextFailure
      nextFailure = undefined
      const answer = (): Result<DraftSummary> => (failure ? { ok: false, error: failure } : write(input))
      if (!holding) return Promise.resolve(answer())
      return new Promise((resolve) => held.push(() => resolve(answer())))
    },
    mediaDataUrl: () => ok({ dataUrl: 'data:image/png;base64,AAAA' }),
  }
  return {
    drafts,
    stored,
    saves,
    hold: () => {
      holding = true
    },
    /** Answers every held save, oldest first, and stops holding. */
    release: () => {
      holding = false
      held.splice(0).forEach((answer) => answer())
    },
    held: () => held.length,
    failNext: (error: ApiError) => {
      nextFailure = error
    },
  }
}

const mounted: Array<{ unmount(): void }> = []

/** Mounts the composer at `path`; `prepare` runs on the fake store before the page opens. */
async function mountComposer(path: string, prepare?: (fake: ReturnType<typeof fakeDrafts>) => void) {
  const fake = fakeDrafts()
  prepare?.(fake)
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
  mounted.push(wrapper)
  await flushPromises()
  return { fake, router, wrapper, composer: () => composer }
}

/** What `document.visibilityState` says, as a browser sets it when the window is hidden or shown. */
function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
}

/** The page going away the three ways a browser or Electron tells it. */
const goAway = {
  hidden: () => {
    setVisibility('hidden')
    document.dispatchEvent(new Event('visibilitychange'))
  },
  pagehide: () => window.dispatchEvent(new Event('pagehide')),
  beforeunload: () => window.dispatchEvent(new Event('beforeunload')),
}

describe('useComposer autosave (offline drafts)', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    mounted.splice(0).forEach((wrapper) => wrapper.unmount())
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

describe('flushWhenHidden', () => {
  afterEach(() => setVisibility('visible'))

  it('flushes when the page is hidden, unloaded or closed, and no more once stopped', () => {
    const flush = vi.fn(async () => undefined)
    const stop = flushWhenHidden({ flush })
    setVisibility('visible')
    document.dispatchEvent(new Event('visibilitychange'))
    expect(flush).not.toHaveBeenCalled()
    goAway.hidden()
    goAway.pagehide()
    goAway.beforeunload()
    expect(flush).toHaveBeenCalledTimes(3)
    stop()
    goAway.hidden()
    goAway.pagehide()
    goAway.beforeunload()
    expect(flush).toHaveBeenCalledTimes(3)
  })
})

describe('the save indicator: unsaved → saving… → saved at HH:mm / failed', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    confirmLeave.mockClear()
    confirmLeave.mockResolvedValue(true)
  })
  afterEach(() => {
    mounted.splice(0).forEach((wrapper) => wrapper.unmount())
    setVisibility('visible')
    vi.useRealTimers()
    delete window.api
  })

  it('says "saving" while the write is pending and "saved" only once it is confirmed', async () => {
    const { fake, composer } = await mountComposer('/massMessages/compose')
    const c = composer()
    expect(c.saveState.value).toBe('idle')
    fake.hold()

    c.form.text = '周末 8 折'
    await nextTick()
    expect(c.saveState.value).toBe('unsaved')
    await vi.advanceTimersByTimeAsync(300)
    expect(fake.saves).toHaveLength(1)
    expect(c.saveState.value).toBe('saving')
    // However long the write takes, it is not called saved before the answer.
    await vi.advanceTimersByTimeAsync(10_000)
    expect(c.saveState.value).toBe('saving')
    expect(c.savedAt.value).toBeUndefined()

    fake.release()
    await flushPromises()
    expect(c.saveState.value).toBe('saved')
    expect(c.savedAt.value).toBe(fake.stored.get('d1')!.updatedAt)
  })

  it('a change typed during a write keeps it from saying "saved" until that change is written too', async () => {
    const { fake, composer } = await mountComposer('/massMessages/compose')
    const c = composer()
    fake.hold()
    c.form.text = 'first'
    await vi.advanceTimersByTimeAsync(300)
    expect(c.saveState.value).toBe('saving')

    c.form.text = 'first, then more'
    await nextTick()
    fake.release() // the first write is confirmed; the newer text is not written yet
    await flushPromises()
    expect(c.saveState.value).toBe('unsaved')

    fake.hold()
    await vi.advanceTimersByTimeAsync(300)
    expect(c.saveState.value).toBe('saving')
    expect(fake.saves.at(-1)?.content.text).toBe('first, then more')
    fake.release()
    await flushPromises()
    expect(c.saveState.value).toBe('saved')
    expect(fake.stored.get('d1')!.content.text).toBe('first, then more')
  })

  it.each(Object.keys(goAway) as Array<keyof typeof goAway>)(
    'writes a pending change at once when the page goes away (%s), without waiting for the debounce',
    async (how) => {
      const { fake, composer } = await mountComposer('/massMessages/compose')
      const c = composer()
      c.form.text = '刚输入的字'
      await nextTick()
      expect(fake.saves).toHaveLength(0)

      goAway[how]()
      // The call left inside the event handler: a closing window still gets it to the core.
      expect(fake.saves).toHaveLength(1)
      expect(fake.saves[0]).toMatchObject({ content: { text: '刚输入的字' } })
      expect(c.saveState.value).toBe('saving')
      await flushPromises()
      expect(c.saveState.value).toBe('saved')
      // The debounce it replaced does not save the same text again.
      await vi.advanceTimersByTimeAsync(2000)
      expect(fake.saves).toHaveLength(1)
    },
  )

  it('hiding a page with nothing unsaved writes nothing', async () => {
    const { fake, composer } = await mountComposer('/massMessages/compose')
    composer().form.text = 'x'
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    expect(fake.saves).toHaveLength(1)
    goAway.hidden()
    goAway.beforeunload()
    await flushPromises()
    expect(fake.saves).toHaveLength(1)
  })

  it('leaving the page writes a pending change before the route changes', async () => {
    const { fake, router, composer } = await mountComposer('/massMessages/compose')
    composer().form.text = '离开前'
    await nextTick()
    await router.push({ name: 'massMessages-home' })
    expect(fake.saves).toHaveLength(1)
    expect(fake.stored.get('d1')!.content.text).toBe('离开前')
    expect(router.currentRoute.value.name).toBe('massMessages-home')
    expect(confirmLeave).not.toHaveBeenCalled()
  })

  it('a failed write says so and keeps the change; retry saves it; leaving after a failure asks first', async () => {
    const { fake, router, composer } = await mountComposer('/massMessages/compose')
    const c = composer()
    fake.failNext({ code: 'disk_full', message: '磁盘已满，没有保存。' })
    c.form.text = '重要的字'
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    expect(c.saveState.value).toBe('failed')
    expect(c.saveError.value?.message).toBe('磁盘已满，没有保存。')
    expect(c.form.text).toBe('重要的字')

    await c.retrySave()
    expect(c.saveState.value).toBe('saved')
    expect(c.saveError.value).toBeUndefined()
    expect(fake.stored.get('d1')!.content.text).toBe('重要的字')

    fake.failNext({ code: 'disk_full', message: '磁盘已满，没有保存。' })
    c.form.text = '又改了'
    await nextTick()
    confirmLeave.mockResolvedValueOnce(false) // "Stay"
    await router.push({ name: 'massMessages-home' })
    expect(confirmLeave).toHaveBeenCalledTimes(1)
    expect(String(confirmLeave.mock.calls[0]![0 as never])).toContain('磁盘已满，没有保存。')
    expect(router.currentRoute.value.name).toBe('massMessages-compose')
    expect(c.saveState.value).toBe('failed')

    await router.push({ name: 'massMessages-home' }) // this time the write goes through
    expect(router.currentRoute.value.name).toBe('massMessages-home')
    expect(fake.stored.get('d1')!.content.text).toBe('又改了')
    expect(confirmLeave).toHaveBeenCalledTimes(1)
  })

  it('opens a draft stored with free-form targeting and saves it back in a shape the core accepts', async () => {
    const { fake, composer } = await mountComposer('/massMessages/compose/old', (f) => {
      f.stored.set('old', {
        id: 'old',
        title: '旧草稿',
        chatType: 'single',
        content: { text: '旧', attachments: [{ msgtype: 'music' }, { msgtype: 'link', link: { title: 't', x: 1 } }] },
        targeting: { mode: 'customers', externalUserids: ['wmA', 7], legacy: { deep: { deeper: true } } },
        revision: 3,
        createdAt: 1,
        updatedAt: 2,
      })
    })
    const c = composer()
    expect(c.saveState.value).toBe('saved')
    c.form.text = '旧，改过'
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    expect(c.saveState.value).toBe('saved')
    const saved = fake.saves.at(-1)!
    expect(draftInputSchema.safeParse(saved).success).toBe(true)
    expect(saved).toMatchObject({
      id: 'old',
      baseRevision: 3,
      targeting: { mode: 'customers', externalUserids: ['wmA'] },
      content: { attachments: [{ msgtype: 'link', link: { title: 't' } }] },
    })
  })
})
