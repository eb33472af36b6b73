import type { Page } from '@playwright/test'
import { startSandbox } from '../../electron/core/sandbox'
import { call, openFresh, syncThroughApi } from './fixtures/fresh'
import { E2E_SANDBOX, expect, test } from './fixtures/shell'

/** The number in "共 2,000 位客户" / "2,000 customers". */
async function totalOf(app: Page): Promise<number> {
  const text = await app.getByTestId('customer-total').innerText()
  return Number(text.replace(/[^\d]/g, ''))
}

async function syncCustomers(app: Page): Promise<void> {
  await app.locator('[data-nav="customers"]').click()
  await expect(app.locator('main h2').first()).toHaveText('客户')
  await expect(app.getByTestId('customers-empty')).toContainText('还没有客户数据')
  // The bar may be up for a fraction of a second on a small corp, shorter than Playwright's polling:
  // the page itself records whether it appeared, with the percentage it showed.
  await app.evaluate(() => {
    const seen: string[] = []
    ;(globalThis as unknown as { syncBarSeen: string[] }).syncBarSeen = seen
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="sync-progress"]')
      if (bar) seen.push(bar.textContent ?? '')
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
  })
  await app.getByTestId('sync-start').click()
  await expect(app.getByTestId('sync-done')).toBeVisible({ timeout: 60_000 })
  await expect(app.getByTestId('sync-progress')).toBeHidden()
  const seen = await app.evaluate(() => (globalThis as unknown as { syncBarSeen: string[] }).syncBarSeen)
  expect(seen.length, 'the progress bar was shown during the sync').toBeGreaterThan(0)
  await expect(app.getByTestId('sync-done')).toContainText('同步完成')
  await expect(app.getByTestId('sync-last')).toContainText('上次同步')
  await expect(app.getByTestId('customer-total')).toHaveText(
    `共 ${E2E_SANDBOX.customers.toLocaleString('zh-CN')} 位客户`,
  )
}

test('sync from the UI, search, filter by tag, open a customer and edit the remark', async ({ app }) => {
  await syncCustomers(app)
  const rows = app.getByTestId('customer-row')
  await expect(rows.first().getByTestId('customer-name')).toBeVisible()

  // Search by the first customer's name: fewer matches, and that customer among them.
  const name = (await rows.first().getByTestId('customer-name').innerText()).trim()
  await app.getByTestId('customer-search').fill(name)
  await expect.poll(() => totalOf(app)).toBeLessThan(E2E_SANDBOX.customers)
  expect(await totalOf(app)).toBeGreaterThan(0)
  await expect(app.getByTestId('customer-name').filter({ hasText: name }).first()).toBeVisible()
  await app.getByTestId('customer-search').fill('')
  await expect.poll(() => totalOf(app)).toBe(E2E_SANDBOX.customers)

  // Filter by one tag: fewer matches, each row shown carries it.
  const tagSelect = app.getByTestId('filter-tags')
  await tagSelect.click()
  const firstTag = app.locator('.el-select-dropdown__item:visible').first()
  const tagName = (await firstTag.innerText()).trim()
  await firstTag.click()
  await app.keyboard.press('Escape')
  await expect.poll(() => totalOf(app)).toBeLessThan(E2E_SANDBOX.customers)
  const tagged = await totalOf(app)
  expect(tagged).toBeGreaterThan(0)
  await expect(rows.first().getByTestId('customer-tags')).toContainText(tagName)

  // Open the first tagged customer.
  const customerName = (await rows.first().getByTestId('customer-name').innerText()).trim()
  await rows.first().getByTestId('customer-name').click()
  const drawer = app.getByTestId('customer-drawer')
  await expect(drawer.getByTestId('detail-name')).toHaveText(customerName)

  // Edit the remark: the limit is checked as the user types, then it is saved.
  await drawer.getByTestId('follow-edit').first().click()
  const remark = drawer.getByTestId('follow-remark').first()
  await remark.fill('备'.repeat(21))
  await expect(drawer.getByTestId('follow-remark-counter').first()).toHaveText('超出 1 字')
  await expect(drawer.getByText('备注最多 20 个字符。')).toBeVisible()
  await expect(drawer.getByTestId('follow-save').first()).toBeDisabled()
  const newRemark = `E2E备注${Date.now() % 10_000}`
  await remark.fill(newRemark)
  await expect(drawer.getByTestId('follow-remark-counter').first()).toHaveText(`还可输入 ${20 - newRemark.length} 字`)
  await drawer.getByTestId('follow-save').first().click()
  await expect(app.getByText('已保存，客户列表已更新。')).toBeVisible()
  await expect(drawer.getByTestId('follow-remark-value').first()).toHaveText(newRemark)
  // The table row shows it too (the visible window was re-read).
  await expect(rows.filter({ hasText: newRemark }).first()).toBeVisible()

  // Still there after closing and reopening.
  await app.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await rows.filter({ hasText: newRemark }).first().getByTestId('customer-name').click()
  await expect(drawer.getByTestId('detail-name')).toHaveText(customerName)
  await expect(drawer.getByTestId('follow-remark-value').first()).toHaveText(newRemark)
  expect(await totalOf(app)).toBe(tagged)

  // Add one more tag with the picker: WeCom first, then the drawer and the table show it.
  await drawer.getByTestId('follow-edit').first().click()
  await drawer.getByTestId('follow-tags').first().click()
  const option = app.locator('.el-select-dropdown__item:visible:not(.is-selected)').first()
  const added = (await option.innerText()).trim()
  await option.click()
  await app.keyboard.press('Escape')
  await drawer.getByTestId('follow-save').first().click()
  await expect(drawer.getByTestId('follow-tags-value').first()).toContainText(added)
  await expect(drawer.getByTestId('follow-remark-value').first()).toHaveText(newRemark)
})

test('the tag library and customer groups tabs show the synced data', async ({ app }) => {
  await syncCustomers(app)

  await app.getByTestId('tab-tags').click()
  await expect(app).toHaveURL(/#\/customers\/tags$/)
  await expect(app.locator('main h2').first()).toHaveText('客户')
  await expect(app.getByTestId('tag-usage')).toContainText('/ 3,000 个企业标签')
  await expect(app.getByTestId('tag-group').first()).toBeVisible()

  // A new group with one tag; a too-long name is refused as the user types.
  await app.getByTestId('add-tag-group').click()
  const dialog = app.getByTestId('add-tags-dialog')
  await dialog.getByTestId('tag-group-name').fill('组'.repeat(31))
  await expect(dialog.getByText('标签组名称最多 30 个字符。')).toBeVisible()
  await dialog.getByTestId('tag-group-name').fill('E2E 测试组')
  await dialog.getByTestId('tag-name-input').first().fill('E2E 标签')
  await dialog.getByTestId('add-tags-save').click()
  await expect(dialog).toBeHidden()
  const group = app.locator('[data-group="E2E 测试组"]')
  await expect(group.locator('[data-tag="E2E 标签"]')).toBeVisible()

  // Delete it again, after confirming.
  await group.getByTestId('delete-group').click()
  await app.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
  await expect(group).toHaveCount(0)

  await app.getByTestId('tab-groups').click()
  await expect(app).toHaveURL(/#\/customers\/groups$/)
  await expect(app.getByTestId('group-total')).toHaveText(`共 ${E2E_SANDBOX.groups} 个客户群`)
  await app.getByTestId('group-table').locator('.el-table__row').first().click()
  const groupDrawer = app.getByTestId('group-drawer')
  await expect(groupDrawer.getByTestId('group-members').locator('.el-table__row').first()).toBeVisible()
})

test('a refused remark keeps what was typed and says what to do; saving again works', async ({ app }) => {
  const sandbox = await startSandbox({ port: 0, customers: 200, members: 8, groups: 5, seed: 3 })
  try {
    sandbox.setFaults({ forcedErrcodes: { 'externalcontact/remark': { errcode: 60020, count: 1 } } })
    await app.locator('[data-nav="settings"]').click()
    await app.getByTestId('add-profile').click()
    const dialog = app.getByTestId('profile-dialog')
    const fields = { name: '华东分公司', corpid: sandbox.corpid, secret: sandbox.secret, baseUrl: sandbox.url }
    for (const [field, value] of Object.entries(fields)) await dialog.locator(`input[name="${field}"]`).fill(value)
    await dialog.getByTestId('profile-save').click()
    await app.locator('[data-profile="华东分公司"]').getByTestId('use-profile').click()
    await expect(app.getByTestId('status-profile')).toHaveText('华东分公司')

    await app.locator('[data-nav="customers"]').click()
    await app.getByTestId('sync-start').click()
    await expect(app.getByTestId('customer-total')).toHaveText('共 200 位客户', { timeout: 60_000 })
    await app.getByTestId('customer-row').first().getByTestId('customer-name').click()
    const drawer = app.getByTestId('customer-drawer')
    await drawer.getByTestId('follow-edit').first().click()
    await drawer.getByTestId('follow-remark').first().fill('重要客户')
    await drawer.getByTestId('follow-save').first().click()
    const error = drawer.getByTestId('follow-error')
    await expect(error).toContainText('企业可信IP')
    await expect(error).toContainText('约 1 分钟后生效')
    await expect(drawer.getByTestId('follow-remark').first()).toHaveValue('重要客户')

    await drawer.getByTestId('follow-save').first().click()
    await expect(drawer.getByTestId('follow-remark-value').first()).toHaveText('重要客户')
  } finally {
    await sandbox.close()
  }
})

test('groups: tick two and mass-message them; a member who is a customer opens that customer with their groups', async ({
  app,
}) => {
  await syncCustomers(app)
  await app.getByTestId('tab-groups').click()
  const rows = app.getByTestId('group-table').locator('.el-table__body .el-table__row')
  await expect(rows.first()).toBeVisible()

  // A member who is a customer opens that customer, whose detail lists the groups they are in.
  await rows.first().locator('td').nth(1).click()
  const customerLink = app.getByTestId('group-member-customer').first()
  await expect(customerLink).toBeVisible()
  const name = (await customerLink.innerText()).trim()
  await customerLink.click()
  const drawer = app.getByTestId('customer-drawer')
  await expect(drawer.getByTestId('detail-name')).toHaveText(name)
  await expect(drawer.getByTestId('customer-groups').locator('li').first()).toBeVisible()
  await app.keyboard.press('Escape')
  await app.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await expect(app.getByTestId('group-drawer')).toBeHidden()

  // Tick two groups and message them: the composer opens on a group draft with both picked.
  await rows.nth(0).locator('.el-checkbox__inner').click()
  await rows.nth(1).locator('.el-checkbox__inner').click()
  await expect(app.getByTestId('group-selected')).toHaveText('已选 2 个群')
  const groupNames = [
    (await rows.nth(0).locator('.group-name').innerText()).trim(),
    (await rows.nth(1).locator('.group-name').innerText()).trim(),
  ]
  await app.getByTestId('group-mass-message').click()
  await expect(app.getByTestId('targeting')).toBeVisible()
  await expect(app.getByTestId('audience-count')).toHaveText('2 个客户群')
  // Reloaded, the draft names its picked groups (looked up by id), not their ids.
  await openFresh(app, new URL(app.url()).hash.slice(1))
  await expect(app.getByTestId('audience-count')).toHaveText('2 个客户群')
  await expect(app.getByTestId('targeting').locator('.picked__list .el-tag')).toHaveText(groupNames)
})

test('customers: tick customers by hand, tag the selected and message the selected; the reopened draft names them', async ({
  app,
}, testInfo) => {
  await syncThroughApi(app)
  await openFresh(app, '/customers')
  const rows = app.getByTestId('customer-row')
  await expect(rows.nth(2).getByTestId('customer-name')).toBeVisible()
  const names = [
    (await rows.nth(0).getByTestId('customer-name').innerText()).trim(),
    (await rows.nth(2).getByTestId('customer-name').innerText()).trim(),
  ]

  // Ticking selects without opening the customer.
  await rows.nth(0).getByTestId('customer-select').click()
  await rows.nth(2).getByTestId('customer-select').click()
  await expect(app.getByTestId('customer-drawer')).toBeHidden()
  await expect(app.getByTestId('customer-selected-count')).toHaveText('已选 2 位客户')
  await app.screenshot({ path: testInfo.outputPath('zh-CN-customers-selected.png') })

  // Tags on the selected two only, WeCom first then the list.
  await app.getByTestId('selection-bulk-tags').click()
  const dialog = app.getByTestId('bulk-tags-dialog')
  await expect(dialog.getByTestId('bulk-tags-intro')).toContainText('将对选中的 2 位客户修改标签')
  await dialog.getByTestId('bulk-tags-add').click()
  const option = app.locator('.el-select-dropdown__item:visible').last()
  const tagName = (await option.innerText()).trim()
  await option.click()
  await app.keyboard.press('Escape')
  await dialog.getByTestId('bulk-tags-start').click()
  await expect(dialog.getByTestId('bulk-tags-result')).toContainText('2 位客户')
  await dialog.getByRole('button', { name: '关闭', exact: true }).click()
  // The cell's title lists every tag (the cell shows the first three).
  await expect(rows.nth(0).getByTestId('customer-tags')).toHaveAttribute('title', new RegExp(tagName))
  await expect(rows.nth(2).getByTestId('customer-tags')).toHaveAttribute('title', new RegExp(tagName))
  await expect(app.getByTestId('customer-selected-count')).toHaveText('已选 2 位客户')

  // The header box clears a selection, and with none ticks the customers loaded in the list.
  await app.getByTestId('customer-select-all').click()
  await expect(app.getByTestId('customer-selection')).toBeHidden()
  await app.getByTestId('customer-select-all').click()
  await expect(app.getByTestId('customer-selected-count')).toHaveText(/^已选 \d{2,} 位客户$/)
  await expect(rows.nth(1).getByTestId('customer-select').locator('input')).toBeChecked()
  await app.getByTestId('selection-clear').click()
  await expect(app.getByTestId('customer-selection')).toBeHidden()

  // In English, then message the selected: a customer draft with the two picked, by name.
  await call(app, 'app:setLocale', { locale: 'en' })
  await openFresh(app, '/customers')
  await expect(rows.nth(2).getByTestId('customer-name')).toHaveText(names[1]!)
  await rows.nth(0).getByTestId('customer-select').click()
  await expect(app.getByTestId('customer-selected-count')).toHaveText('1 customer selected')
  await rows.nth(2).getByTestId('customer-select').click()
  await expect(app.getByTestId('customer-selected-count')).toHaveText('2 customers selected')
  await app.screenshot({ path: testInfo.outputPath('en-customers-selected.png') })
  await app.getByTestId('selection-mass-message').click()
  await expect(app.getByTestId('targeting')).toBeVisible()
  await expect(app.getByTestId('audience-count')).toHaveText('Customers: 2')
  const picked = app.getByTestId('targeting').locator('.picked__list .el-tag')
  await expect(picked).toHaveText(names)

  // Reloaded (F5 or opened later), the draft still names them, not their ids.
  await openFresh(app, new URL(app.url()).hash.slice(1))
  await expect(app.getByTestId('audience-count')).toHaveText('Customers: 2')
  await expect(picked).toHaveText(names)
  await app.screenshot({ path: testInfo.outputPath('en-composer-picked-customers.png') })
  await call(app, 'app:setLocale', { locale: 'zh-CN' })
})
