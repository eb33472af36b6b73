import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Result } from '@shared/result'
import type { WorkspaceHealth } from '@shared/workspace-health'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectApi } from '@/api'
import WorkspaceDamagedDialog from '@/components/WorkspaceDamagedDialog.vue'
import { applyLocale, i18n } from '@/i18n'
import { fakeApi } from './fake-api'

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })

const copyAt = new Date()
copyAt.setHours(14, 30, 0, 0)

const DAMAGED: WorkspaceHealth = {
  profileId: 'sandbox',
  state: 'damaged',
  damage: {
    reason: 'integrity',
    file: '/data/workspaces/sandbox.sqlite',
    movedTo: '/data/workspaces/damaged/sandbox-2024-11-05T06-31-00-000Z',
    movedFiles: ['sandbox.sqlite', 'sandbox.sqlite-wal'],
    notMoved: [],
    detectedAt: 1,
    message: 'The workspace database is damaged (SQLite found damaged data in it): /data/workspaces/sandbox.sqlite.',
    hint: 'Choose "Start with an empty cache".',
  },
  backup: { takenAt: copyAt.getTime() },
}

const OK: WorkspaceHealth = {
  profileId: 'sandbox',
  state: 'ok',
  restored: { takenAt: copyAt.getTime(), drafts: 3, localMedia: 1, sendJobs: 2, chunksToCheck: 1 },
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  applyLocale('zh-CN')
})

async function mountDialog(initial: WorkspaceHealth) {
  let push: (health: WorkspaceHealth) => void = () => {}
  const startFresh = vi.fn(() => ok(OK))
  window.api = fakeApi({
    profiles: {
      workspaceHealth: () => ok(initial),
      startFreshWorkspace: startFresh,
      onWorkspaceHealth: (listener) => {
        push = listener
        return () => undefined
      },
    },
  })
  await connectApi()
  wrapper = mount(WorkspaceDamagedDialog, {
    global: { plugins: [createPinia(), i18n, ElementPlus] },
    attachTo: document.body,
  })
  await flushPromises()
  return { startFresh, push: (health: WorkspaceHealth) => push(health) }
}

const dialog = () => document.querySelector<HTMLElement>('[data-testid="workspace-damaged-dialog"]')
const visible = () => {
  const element = dialog()
  return element !== null && element.closest<HTMLElement>('.el-overlay')?.style.display !== 'none'
}
const button = (testid: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`)!

describe('WorkspaceDamagedDialog', () => {
  it('says what happened, where the files went, and restores the drafts only when asked', async () => {
    applyLocale('en')
    const { startFresh } = await mountDialog(DAMAGED)
    expect(visible()).toBe(true)
    const text = dialog()!.textContent ?? ''
    expect(text).toContain('The data file on this computer is damaged')
    expect(text).toContain(DAMAGED.damage!.movedTo)
    expect(text).toContain('restored from the copy of 14:30')
    expect(button('workspace-start-fresh').textContent).toContain(
      'Start with an empty cache (drafts restored from the copy of 14:30)',
    )
    expect(startFresh).not.toHaveBeenCalled()

    button('workspace-start-fresh').click()
    await flushPromises()
    expect(startFresh).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(visible()).toBe(false))
    expect(document.body.textContent).toContain('3 drafts and 2 send records restored from the copy of 14:30')
  })

  it('appears when damage is found in the background; Later leaves a banner that opens it again', async () => {
    const { push } = await mountDialog({ profileId: 'sandbox', state: 'ok' })
    expect(visible()).toBe(false)
    push(DAMAGED)
    await flushPromises()
    expect(visible()).toBe(true)
    expect(dialog()!.textContent).toContain('已原样移到')
    expect(button('workspace-start-fresh').textContent).toContain('用空缓存重新开始（草稿从 14:30 的副本恢复）')
    // The browser shell cannot quit: no Quit button there.
    expect(document.querySelector('[data-testid="workspace-quit"]')).toBeNull()

    button('workspace-later').click()
    await flushPromises()
    await vi.waitFor(() => expect(visible()).toBe(false))
    const banner = wrapper!.find('[data-testid="workspace-damaged-banner"]')
    expect(banner.exists()).toBe(true)
    await banner.find('button').trigger('click')
    await flushPromises()
    expect(visible()).toBe(true)
  })

  it('offers an empty start without a copy, saying the drafts must be made again', async () => {
    const { backup: _dropped, ...withoutCopy } = DAMAGED
    await mountDialog(withoutCopy)
    expect(dialog()!.textContent).toContain('没有草稿的副本')
    expect(button('workspace-start-fresh').textContent?.trim()).toBe('用空缓存重新开始')
  })
})
