import { expect, test } from './fixtures/shell'

/**
 * Settings → 关于与更新 in the browser shell: the version, and that this shell cannot update itself
 * and why, in both languages; no update button to press. The desktop states (checking, progress,
 * notes, restart to install, a tampered download) are unit-tested with the updater mocked.
 */
test('Settings says which version runs and that the browser shell does not update itself, and why', async ({ app }) => {
  await app.locator('[data-nav="settings"]').click()
  const section = app.getByTestId('updates-section')
  await expect(section.getByRole('heading', { name: '关于与更新' })).toBeVisible()
  await expect(app.getByTestId('app-version')).toHaveText(/^版本 \d+\.\d+\.\d+/)
  await expect(app.getByTestId('updates-unavailable')).toContainText('浏览器模式下不能自动更新')
  await expect(section.getByRole('button')).toHaveCount(0)

  await app.getByTestId('language-switch').click()
  await app.getByRole('option', { name: 'English' }).click()
  await expect(section.getByRole('heading', { name: 'About and updates' })).toBeVisible()
  await expect(app.getByTestId('app-version')).toHaveText(/^Version \d+\.\d+\.\d+/)
  await expect(app.getByTestId('updates-unavailable')).toContainText('Updates are not available in browser mode')
})
