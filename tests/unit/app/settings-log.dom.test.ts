import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { AppInfo } from '@shared/contract'
import type { Result } from '@shared/result'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectApi } from '@/api'
import { applyLocale, i18n } from '@/i18n'
import { useAppStore } from '@/stores/app'
import SettingsPage from '@/views/settings/SettingsPage.vue'
import { fakeApi } from '../renderer/fake-api'

const ok = <T>(data: T): Promise<Result<T>> => Promise.resolve({ ok: true, data })
const LOG_FILE = '/home/amy/.config/wecom-contact-console/logs/console.log'
const INFO: AppInfo = {
  version: '1.4.0',
  shell: 'browser',
  locale: 'zh-CN',
  secretProtection: 'local-file',
  logFile: LOG_FILE,
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.api
  vi.unstubAllGlobals()
  applyLocale('zh-CN')
})

/** Settings over a fake contract; `openLogFolder` answers as the test says. */
async function mountSettings(
  openLogFolder: () => Promise<Result<{ folder: string }>>,
  locale: 'zh-CN' | 'en' = 'zh-CN',
) {
  applyLocale(locale)
  const open = vi.fn(openLogFolder)
  window.api = fakeApi({
    app: {
      openLogFolder: open,
      getUpdateState: () =>
        ok({ currentVersion: '1.4.0', status: 'unavailable', unavailableReason: 'browser', autoCheck: false }),
      onUpdateState: () => () => undefined,
    },
    profiles: { list: () => ok([]), onChanged: () => () => undefined },
  })
  await connectApi()
  const pinia = createPinia()
  wrapper = mount(SettingsPage, { global: { plugins: [pinia, i18n, ElementPlus] }, attachTo: document.body })
  useAppStore(pinia).info = { ...INFO, locale }
  await flushPromises()
  return { open }
}

const button = (testid: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`)!
const toasts = () => [...document.querySelectorAll('.el-message')].map((m) => m.textContent?.trim())

describe('Settings → Log: open the folder, copy the path', () => {
  it('shows the path with both buttons, and opens the folder through the contract', async () => {
    const { open } = await mountSettings(() => ok({ folder: '/home/amy/.config/wecom-contact-console/logs' }))
    expect(document.querySelector<HTMLInputElement>('input[data-testid="log-file"]')?.value).toBe(LOG_FILE)
    expect(button('open-log-folder').textContent?.trim()).toBe('打开日志文件夹')
    expect(button('copy-log-path').textContent?.trim()).toBe('复制路径')
    button('open-log-folder').click()
    await flushPromises()
    expect(open).toHaveBeenCalledTimes(1)
    expect(toasts()).toEqual([])
  })

  it('says when the folder cannot be opened here, with what to do', async () => {
    await mountSettings(
      () =>
        Promise.resolve({
          ok: false,
          error: {
            code: 'open_folder_failed',
            message: 'The log folder could not be opened.',
            hint: 'Copy the path and open it in your file manager: /logs',
          },
        }),
      'en',
    )
    expect(button('open-log-folder').textContent?.trim()).toBe('Open the log folder')
    button('open-log-folder').click()
    await flushPromises()
    expect(toasts()).toEqual([
      'The log folder could not be opened. Copy the path and open it in your file manager: /logs',
    ])
  })

  it('copies the path with the Clipboard API and says so', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    await mountSettings(() => ok({ folder: '' }))
    button('copy-log-path').click()
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(LOG_FILE)
    expect(toasts()).toEqual(['已复制日志文件的路径。'])
  })

  it('falls back to the copy command when the Clipboard API is refused', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: () => Promise.reject(new Error('denied')) } })
    let copied = ''
    document.execCommand = vi.fn((command: string) => {
      copied = command === 'copy' ? (document.querySelector('textarea')?.value ?? '') : ''
      return true
    })
    await mountSettings(() => ok({ folder: '' }))
    button('copy-log-path').click()
    await flushPromises()
    expect(document.execCommand).toHaveBeenCalledWith('copy')
    expect(copied).toBe(LOG_FILE)
    expect(toasts()).toEqual(['已复制日志文件的路径。'])
  })

  it('when nothing can copy, selects the path and says to press Ctrl+C', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined })
    document.execCommand = vi.fn(() => false)
    await mountSettings(() => ok({ folder: '' }))
    button('copy-log-path').click()
    await flushPromises()
    expect(toasts()).toEqual(['没能复制。路径已选中，请按 Ctrl+C（Mac 上按 ⌘C）复制。'])
    const input = document.querySelector<HTMLInputElement>('input[data-testid="log-file"]')!
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, LOG_FILE.length])
  })
})
