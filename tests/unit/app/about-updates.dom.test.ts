import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { UpdateState } from '@shared/contract'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import AboutUpdates from '@/views/settings/AboutUpdates.vue'
import { fakeApi } from '../renderer/fake-api'

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })
const base: UpdateState = { currentVersion: '1.4.0', status: 'idle', autoCheck: true }

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  applyLocale('zh-CN')
})

/** Settings → About and updates over a fake contract whose update calls the test scripts. */
async function mountSection(initial: UpdateState, locale: 'zh-CN' | 'en' = 'zh-CN') {
  applyLocale(locale)
  let push: (state: UpdateState) => void = () => {}
  let finishDownload = () => {}
  const calls = {
    check: vi.fn(() => ok<UpdateState>({ ...initial, status: 'available', update: { version: '1.5.0' } })),
    /** Settles when the test calls `finishDownload`, as a real download outlives its progress events. */
    download: vi.fn(
      () =>
        new Promise<Result<UpdateState>>(
          (resolve) =>
            (finishDownload = () =>
              resolve({ ok: true, data: { ...initial, status: 'downloaded', update: { version: '1.5.0' } } })),
        ),
    ),
    install: vi.fn(() => ok<UpdateState>({ ...initial, status: 'installing' })),
  }
  window.api = fakeApi({
    app: {
      getUpdateState: () => ok(initial),
      checkForUpdates: calls.check,
      downloadUpdate: calls.download,
      installUpdate: calls.install,
      onUpdateState: (listener) => {
        push = listener
        return () => undefined
      },
    },
  })
  await connectApi()
  wrapper = mount(AboutUpdates, { global: { plugins: [createPinia(), i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return {
    calls,
    finishDownload: async () => {
      finishDownload()
      await flushPromises()
    },
    push: async (state: UpdateState) => {
      push(state)
      await flushPromises()
    },
  }
}

const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const text = (testid: string) => $(testid)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

describe('Settings → About and updates', () => {
  it('shows the version, and in the browser shell why there are no updates, with no buttons', async () => {
    await mountSection({ ...base, status: 'unavailable', unavailableReason: 'browser', autoCheck: false })
    expect(text('app-version')).toBe('版本 1.4.0')
    expect(text('updates-unavailable')).toContain('浏览器模式下不能自动更新')
    expect($('check-updates')).toBeNull()
    expect($('download-update')).toBeNull()
    expect($('install-update')).toBeNull()
  })

  it('says the same in English, and why a build without a feed has none', async () => {
    await mountSection({ ...base, status: 'unavailable', unavailableReason: 'no-feed', autoCheck: false }, 'en')
    expect(text('app-version')).toBe('Version 1.4.0')
    expect(text('updates-unavailable')).toContain('built without an update address')
  })

  it('checks, shows the notes, downloads with progress, and installs only after the user confirms', async () => {
    const { calls, push, finishDownload } = await mountSection(base)
    expect(text('update-status')).toContain('还没有检查过更新')
    $('check-updates')!.click()
    await flushPromises()
    expect(calls.check).toHaveBeenCalledOnce()
    await push({
      ...base,
      status: 'available',
      update: { version: '1.5.0', releaseNotes: '• 同步更快\n<b>不是标记</b>' },
      lastCheckedAt: Date.now(),
    })
    expect(text('update-status')).toContain('有新版本 1.5.0 可以下载')
    // Notes are text, never markup.
    expect($('release-notes')!.querySelector('pre')!.textContent).toBe('• 同步更快\n<b>不是标记</b>')
    expect($('release-notes')!.querySelector('b')).toBeNull()
    expect(calls.download).not.toHaveBeenCalled()

    $('download-update')!.click()
    await push({
      ...base,
      status: 'downloading',
      update: { version: '1.5.0' },
      progress: { percent: 42.7, transferred: 42 * 1024 * 1024, total: 100 * 1024 * 1024, bytesPerSecond: 1 },
    })
    expect(text('update-progress')).toContain('正在下载新版本 1.5.0：42%')
    expect(text('update-progress')).toContain('42 MB / 100 MB')
    expect(calls.download).toHaveBeenCalledOnce()
    await finishDownload()
    expect(text('update-status')).toContain('新版本 1.5.0 已下载')

    expect(calls.install).not.toHaveBeenCalled()
    $('install-update')!.click()
    await flushPromises()
    // A confirmation first; cancelling installs nothing.
    const cancel = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find((b) =>
      b.textContent?.includes('取消'),
    )
    cancel!.click()
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 350))
    expect(calls.install).not.toHaveBeenCalled()
    $('install-update')!.click()
    await flushPromises()
    // The cancelled box may still be fading out: press the newest one.
    const confirm = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')]
      .filter((b) => b.textContent?.includes('重启并安装'))
      .at(-1)
    confirm!.click()
    await vi.waitFor(() => expect(calls.install).toHaveBeenCalledOnce())
  })

  it('reports a tampered download in plain words and offers to download again, not to install', async () => {
    await mountSection({
      ...base,
      status: 'error',
      update: { version: '1.5.0' },
      error: { kind: 'checksum', during: 'download' },
    })
    expect(text('update-error')).toContain('文件已删除，没有安装任何东西')
    expect(text('download-update')).toBe('重新下载')
    expect($('install-update')).toBeNull()
  })

  it('says when the server cannot be reached', async () => {
    await mountSection({ ...base, status: 'error', error: { kind: 'offline', during: 'check' } }, 'en')
    expect(text('update-error')).toContain('The update server could not be reached')
    expect($('check-updates')).not.toBeNull()
    expect($('download-update')).toBeNull()
  })
})
