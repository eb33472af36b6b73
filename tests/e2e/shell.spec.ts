import type { Api } from '../../shared/contract'
import { expect, test } from './fixtures/shell'

const pages = [
  { nav: 'massMessages', zh: '群发', en: 'Mass messages' },
  { nav: 'moments', zh: '朋友圈', en: 'Moments' },
  { nav: 'welcomeTemplates', zh: '入群欢迎语', en: 'Group welcome' },
  { nav: 'statistics', zh: '数据统计', en: 'Statistics' },
  { nav: 'customers', zh: '客户', en: 'Customers' },
  { nav: 'settings', zh: '设置', en: 'Settings' },
]

test('the shell loads in zh-CN with the status bar on the sandbox', async ({ app }) => {
  await expect(app.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(app.getByRole('heading', { name: '企微客户联系控制台' })).toBeVisible()
  await expect(app.getByTestId('sandbox-badge')).toHaveText('沙箱')
  await expect(app.getByTestId('status-profile')).toHaveText('演示企业（沙箱）')
  await expect(app.getByTestId('connection-state')).toHaveText('已连接')
})

test('navigation reaches every page', async ({ app }) => {
  for (const page of pages) {
    await app.locator(`[data-nav="${page.nav}"]`).click()
    await expect(app).toHaveURL(new RegExp(`#/${page.nav}$`))
    await expect(app.locator('main h2').first()).toHaveText(page.zh)
  }
})

test('the language switch changes the visible text and is remembered', async ({ app }) => {
  await app.getByTestId('language-switch').click()
  await app.getByRole('option', { name: 'English' }).click()
  await expect(app.locator('html')).toHaveAttribute('lang', 'en')
  for (const page of pages) await expect(app.locator(`[data-nav="${page.nav}"]`)).toHaveText(page.en)
  await expect(app.getByTestId('sandbox-badge')).toHaveText('Sandbox')
  await expect(app.getByTestId('status-profile')).toHaveText('Demo corp (sandbox)')
  await expect(app.getByTestId('connection-state')).toHaveText('Connected')

  await app.reload()
  await expect(app.locator('[data-nav="settings"]')).toHaveText('Settings')
})

test('a contract call with invalid input shows a readable error', async ({ app }) => {
  await app.locator('[data-nav="settings"]').click()
  await app.getByTestId('add-profile').click()
  const dialog = app.getByTestId('profile-dialog')
  await dialog.locator('input[name="name"]').fill('测试企业')
  await dialog.locator('input[name="corpid"]').fill('ww0123456789abcdef')
  await dialog.locator('input[name="secret"]').fill('abcDEF123')
  await dialog.locator('input[name="baseUrl"]').fill('http://example.com')
  await dialog.getByTestId('profile-save').click()
  const alert = dialog.getByTestId('profile-save-error')
  await expect(alert).toContainText('API 地址必须以 https:// 开头')
  await expect(alert).toContainText('请检查标红的内容后再试')
  // Nothing typed is lost.
  await expect(dialog.locator('input[name="name"]')).toHaveValue('测试企业')

  // The same refusal straight through the contract, as any page script would see it.
  const result = await app.evaluate(() =>
    (globalThis as unknown as { api: Api }).api.profiles.save({ name: '', corpid: 'bad id!', baseUrl: 'ftp://x' }),
  )
  expect(result.ok).toBe(false)
  if (!result.ok) {
    expect(result.error.code).toBe('invalid_input')
    expect(result.error.message).toContain('请填写名称')
    expect(result.error.message).not.toMatch(/too_small|invalid_type|Expected/)
  }
})
