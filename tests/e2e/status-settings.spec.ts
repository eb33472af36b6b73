import { test, expect, type Page, type TestInfo } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { launchBrowserShell } from '../../electron/browser/launch'
import type { SandboxFaults } from '../../electron/core/sandbox/types'
import type { AppInfo } from '../../shared/contract'
import type { Locale } from '../../shared/result'
import { call, openFresh } from './fixtures/fresh'
import { E2E_SANDBOX } from './fixtures/shell'

/*
 * Issue 9: the status bar shows a running sync on every page; Settings opens the log folder and
 * copies its path; after 取消同步 the empty customer list names 继续同步. Each in zh-CN and en,
 * with screenshots in the test's folder under test-results/.
 */

/** A browser shell of its own (sandbox faults, a folder opener that records or fails), signed in on `page`. */
async function openShell(page: Page, options: { faults?: SandboxFaults; openFails?: boolean } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-e2e-status-'))
  const opened: string[] = []
  const rendererDir = process.env['E2E_RENDERER_DIR']
  const shell = await launchBrowserShell({
    dataDir,
    sandbox: { ...E2E_SANDBOX, ...(options.faults ? { faults: options.faults } : {}) },
    ...(rendererDir ? { rendererDir } : {}),
    folders: {
      open: async (folder) => {
        if (options.openFails) throw new Error('xdg-open: no method available for opening')
        opened.push(folder)
      },
    },
  })
  await page.goto(shell.url)
  await expect(page.getByTestId('status-bar')).toBeVisible()
  return {
    opened,
    close: async () => {
      await shell.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function useLocale(app: Page, locale: Locale, route: string): Promise<void> {
  await call(app, 'app:setLocale', { locale })
  await openFresh(app, route)
}

async function shoot(app: Page, testInfo: TestInfo, name: string): Promise<void> {
  await app.screenshot({ path: testInfo.outputPath(`${name}.png`) })
}

const TEXT = {
  'zh-CN': { sync: '正在同步客户', resumeHint: '点击上方的「继续同步」', copied: '已复制日志文件的路径。' },
  en: {
    sync: 'Syncing customers',
    resumeHint: 'Click “Resume sync” above',
    copied: 'The path of the log file is copied.',
  },
} as const

test('the status bar shows a running sync on every page, with its progress, until it ends', async ({
  page,
}, testInfo) => {
  // Customer pages and groups answer slowly: the sync runs for several seconds.
  const shell = await openShell(page, {
    faults: {
      latencyByPath: { 'externalcontact/batch/get_by_user': 3_000, 'externalcontact/groupchat/get': 1_000 },
    },
  })
  try {
    for (const locale of ['zh-CN', 'en'] as const) {
      await useLocale(page, locale, '/massMessages')
      await call(page, 'customers:startSync')
      const bar = page.getByTestId('status-sync')
      await expect(bar).toContainText(TEXT[locale].sync)
      await expect(page.getByTestId('status-sync-percent')).toHaveText(/^\d{1,3}%$/)
      await shoot(page, testInfo, `${locale}-status-sync-massMessages`)
      // Another page: still there.
      await page.locator('[data-nav="settings"]').click()
      await expect(bar).toBeVisible()
      // It leads to the customers page and its sync panel.
      await bar.click()
      await expect(page).toHaveURL(/#\/customers$/)
      await expect(page.getByTestId('sync-progress')).toBeVisible()
      await shoot(page, testInfo, `${locale}-status-sync-customers`)
      await expect(bar).toBeHidden({ timeout: 60_000 })
    }
  } finally {
    await shell.close()
  }
})

test('Settings: open the log folder and copy its path', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const shell = await openShell(page)
  try {
    const info = await call<AppInfo>(page, 'app:getInfo')
    for (const locale of ['zh-CN', 'en'] as const) {
      await useLocale(page, locale, '/settings')
      await expect(page.getByTestId('log-file')).toHaveValue(info.logFile)
      await page.getByTestId('open-log-folder').click()
      await expect.poll(() => shell.opened.length).toBe(locale === 'zh-CN' ? 1 : 2)
      expect(shell.opened.at(-1)).toBe(dirname(info.logFile))
      await page.getByTestId('copy-log-path').click()
      await expect(page.locator('.el-message').last()).toHaveText(TEXT[locale].copied)
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(info.logFile)
      await page.getByTestId('log-section').scrollIntoViewIfNeeded()
      await shoot(page, testInfo, `${locale}-settings-log`)
    }
  } finally {
    await shell.close()
  }
})

test('Settings: a folder that cannot be opened says so, with the path', async ({ page }, testInfo) => {
  const shell = await openShell(page, { openFails: true })
  try {
    const info = await call<AppInfo>(page, 'app:getInfo')
    await openFresh(page, '/settings')
    await page.getByTestId('open-log-folder').click()
    const toast = page.locator('.el-message--error')
    await expect(toast).toContainText('没能打开日志文件夹。')
    await expect(toast).toContainText(dirname(info.logFile))
    await shoot(page, testInfo, 'zh-CN-settings-log-open-failed')
  } finally {
    await shell.close()
  }
})

test('after 取消同步 the empty customer list names the 继续同步 button', async ({ page }, testInfo) => {
  // The member directory answers slowly: the sync is cancelled before any customer is fetched.
  const shell = await openShell(page, { faults: { latencyByPath: { 'user/simplelist': 3_000 } } })
  try {
    await openFresh(page, '/customers')
    await expect(page.getByTestId('customers-empty-hint')).toContainText('点击上方的「同步客户」')
    await page.getByTestId('sync-start').click()
    await expect(page.getByTestId('customers-empty-hint')).toHaveText('正在同步，客户同步完成后会显示在这里。')
    await page.getByTestId('sync-cancel').click()
    await expect(page.getByTestId('sync-stopped')).toBeVisible({ timeout: 30_000 })
    for (const locale of ['zh-CN', 'en'] as const) {
      await useLocale(page, locale, '/customers')
      await expect(page.getByTestId('sync-resume')).toBeVisible()
      await expect(page.getByTestId('customers-empty-hint')).toContainText(TEXT[locale].resumeHint)
      await shoot(page, testInfo, `${locale}-customers-cancelled`)
    }
  } finally {
    await shell.close()
  }
})
