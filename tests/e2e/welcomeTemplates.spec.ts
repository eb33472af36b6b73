import { Buffer } from 'node:buffer'
import type { Page } from '@playwright/test'
import { startSandbox } from '../../electron/core/sandbox'
import type { SandboxHandle } from '../../electron/core/sandbox/types'
import type { CustomerQueryResult } from '../../shared/customers'
import type { WelcomeLibrary, WelcomeTemplate } from '../../shared/welcomeTemplates'
import { call, openFresh, syncThroughApi } from './fixtures/fresh'
import { expect, test } from './fixtures/shell'

/** A 1×1 PNG: a real image WeCom's uploadimg accepts. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

/** The second company (another corp) a template is copied to. */
let branch: SandboxHandle
test.beforeAll(async () => {
  branch = await startSandbox({ port: 0, customers: 40, members: 4, groups: 3, seed: 11 })
})
test.afterAll(async () => branch.close())

async function addProfile(app: Page, values: { name: string; corpid: string; secret: string; baseUrl: string }) {
  await app.locator('[data-nav="settings"]').click()
  await app.getByTestId('add-profile').click()
  const dialog = app.getByTestId('profile-dialog')
  for (const [field, value] of Object.entries(values)) await dialog.locator(`input[name="${field}"]`).fill(value)
  await dialog.getByTestId('profile-save').click()
  await expect(dialog).toBeHidden()
  return app.locator(`[data-profile="${values.name}"]`)
}

async function libraryItems(app: Page): Promise<WelcomeLibrary['items']> {
  return (await call<WelcomeLibrary>(app, 'welcomeTemplates:list')).items
}

test('a welcome template: composed offline with the nickname and an image, previewed with a real customer’s name, pushed, edited and pushed again, copied to another company, an admin-console template imported there and made view-only by its first refused push, then deleted', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000)
  await syncThroughApi(app)
  const [customer] = (await call<CustomerQueryResult>(app, 'customers:query', { limit: 1 })).rows
  await openFresh(app, '/welcomeTemplates')
  await expect(app.getByTestId('template-count')).toContainText('已在企业微信：0 / 100 条')

  // Compose: text with the nickname chip and an image; it is kept here as a draft (nothing sent).
  await app.getByTestId('template-new').click()
  const editor = app.getByTestId('welcome-editor')
  const text = editor.getByTestId('welcome-text')
  await text.click()
  await app.keyboard.type('欢迎 ')
  await editor.getByTestId('insert-nickname').click()
  await app.keyboard.type(' 加入本群！')
  await expect(text.locator('.nick-chip')).toHaveText('客户昵称')
  await expect(editor.getByTestId('text-bytes')).toContainText('已用 33 / 3,000 字节')
  const chooser = app.waitForEvent('filechooser')
  await editor.getByTestId('add-attachment-image').click()
  await (await chooser).setFiles({ name: 'welcome.png', mimeType: 'image/png', buffer: PNG })
  await expect(editor.getByTestId('attachment-thumb')).toBeVisible()
  await expect(editor.getByTestId('attachment-note')).toContainText('永久图片')
  await expect(editor.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  await expect(editor.getByTestId('editor-state')).toHaveAttribute('data-state', 'draft')
  const [draft] = await libraryItems(app)
  const stored = await call<WelcomeTemplate>(app, 'welcomeTemplates:get', { id: draft!.id })
  expect(stored.content.text).toBe('欢迎 %NICKNAME% 加入本群！')
  expect(stored.content.attachment).toMatchObject({ msgtype: 'image', image: { filename: 'welcome.png' } })
  expect(stored.templateId).toBeUndefined()

  // Preview as the new member sees it, with a real customer's name picked from the cache.
  const preview = editor.getByTestId('welcome-preview')
  await preview.getByTestId('preview-customer').click()
  await app.keyboard.type(customer!.name)
  await app.locator('.el-select-dropdown__item', { hasText: customer!.name }).first().click()
  await expect(preview.getByTestId('preview-text')).toContainText(`欢迎 ${customer!.name} 加入本群！`)
  await expect(preview.getByTestId('preview-joined')).toContainText(customer!.name)
  await expect(preview.getByTestId('preview-image')).toBeVisible()
  await app.screenshot({ path: testInfo.outputPath('editor-preview.png') })

  // Push: created in WeCom, with the image as a permanent pic_url; the id and where to use it are shown.
  await editor.getByTestId('push').click()
  await expect(editor.getByTestId('editor-state')).toHaveAttribute('data-state', 'pushed')
  const templateId = (await editor.getByTestId('template-id').textContent())!.trim()
  expect(templateId).toMatch(/^msg/)
  await expect(editor.getByTestId('template-usage')).toContainText('客户联系 → 加入群聊欢迎语')
  const pushed = await call<WelcomeTemplate>(app, 'welcomeTemplates:get', { id: draft!.id })
  expect(pushed.content.attachment).toMatchObject({
    msgtype: 'image',
    picUrl: expect.stringContaining('/sandbox/images/'),
  })

  // Edit and push again: the same template changes (edit, not a second add).
  await text.click()
  await app.keyboard.press('End')
  await app.keyboard.type('群公告里有福利。')
  await expect(editor.getByTestId('editor-state')).toHaveAttribute('data-state', 'changed')
  await expect(editor.getByTestId('push')).toHaveText('推送修改')
  await editor.getByTestId('push').click()
  await expect(editor.getByTestId('editor-state')).toHaveAttribute('data-state', 'pushed')
  await expect(editor.getByTestId('template-id')).toHaveText(templateId)
  const refreshed = await call<WelcomeTemplate>(app, 'welcomeTemplates:refresh', { id: draft!.id })
  expect(refreshed).toMatchObject({
    syncState: 'pushed',
    content: { text: '欢迎 %NICKNAME% 加入本群！群公告里有福利。' },
  })

  // Copy it to another company (a second connection profile on another corp).
  await app.keyboard.press('Escape')
  await expect(editor).toBeHidden()
  await addProfile(app, { name: '华南分公司', corpid: branch.corpid, secret: branch.secret, baseUrl: branch.url })
  await openFresh(app, '/welcomeTemplates')
  await expect(app.getByTestId('template-count')).toContainText('1 / 100')
  await app.getByTestId(`template-row-${draft!.id}`).click()
  await app.getByTestId('copy-to-profile').click()
  const copyDialog = app.getByTestId('copy-dialog')
  await copyDialog.getByText('华南分公司').click()
  await copyDialog.getByTestId('copy-confirm').click()
  await expect(app.locator('.el-message--success', { hasText: '已在「华南分公司」中创建这条欢迎语' })).toBeVisible()
  const copied = branch.state.welcomeTemplates.find(
    (each) => each.text === '欢迎 %NICKNAME% 加入本群！群公告里有福利。',
  )
  expect(copied?.attachment?.fields['pic_url']).toEqual(expect.stringContaining(branch.url))
  await app.keyboard.press('Escape')

  // In the other company: the copy is in its library; an admin-console template is imported by id.
  const card = app.locator('[data-profile="华南分公司"]')
  await app.locator('[data-nav="settings"]').click()
  await card.getByTestId('use-profile').click()
  await expect(app.getByTestId('status-profile')).toHaveText('华南分公司')
  await openFresh(app, '/welcomeTemplates')
  const [copy] = await libraryItems(app)
  expect(copy).toMatchObject({ origin: 'copied', syncState: 'pushed', templateId: copied!.templateId })
  await expect(app.getByTestId(`template-state-${copy!.id}`)).toHaveText('已推送')

  const foreign = branch.state.welcomeTemplates.find((each) => !each.createdByApi)!
  await app.getByTestId('import-open').click()
  await app.getByTestId('import-id').fill(foreign.templateId)
  await app.getByTestId('import-confirm').click()
  const imported = app.getByTestId('welcome-editor')
  await expect(imported.getByTestId('template-id')).toHaveText(foreign.templateId)
  // Import writes nothing to WeCom; the first push is refused (41058) and explained in words.
  await expect(imported.getByTestId('other-app')).toHaveCount(0)
  await imported.getByTestId('welcome-text').click()
  await app.keyboard.press('End')
  await app.keyboard.type('（分公司）')
  await expect(imported.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  await imported.getByTestId('push').click()
  await expect(imported.getByTestId('other-app')).toContainText('管理后台或其他应用中创建')
  await expect(imported.getByTestId('other-app')).toContainText('仍保留在这里')
  expect(branch.state.welcomeTemplates.find((each) => each.templateId === foreign.templateId)!.text).toBe(foreign.text)
  await expect(imported.getByTestId('welcome-text')).toContainText('（分公司）')
  await expect(imported.getByTestId('welcome-text')).toHaveAttribute('contenteditable', 'false')
  await expect(imported.getByTestId('insert-nickname')).toBeDisabled()
  await expect(imported.getByTestId('push')).toHaveCount(0)
  await expect(imported.getByTestId('template-id')).toHaveText(foreign.templateId)
  await app.screenshot({ path: testInfo.outputPath('other-app.png') })
  await app.keyboard.press('Escape')
  await expect(imported).toBeHidden()
  // The same id again opens that entry instead of making a second one.
  await app.getByTestId('import-open').click()
  await app.getByTestId('import-id').fill(foreign.templateId)
  await app.getByTestId('import-confirm').click()
  await expect(app.locator('.el-message', { hasText: '已在模板库中' })).toBeVisible()
  await expect(app.getByTestId('welcome-editor').getByTestId('template-id')).toHaveText(foreign.templateId)
  expect(await libraryItems(app)).toHaveLength(2)
  await app.keyboard.press('Escape')
  await expect(app.getByTestId('welcome-editor')).toBeHidden()

  // Delete the copy: asked first, deleted in WeCom, kept in the deleted view.
  await app.getByTestId(`template-row-${copy!.id}`).click()
  await app.getByTestId('welcome-editor').getByTestId('delete').click()
  await app
    .locator('.el-message-box')
    .getByRole('button', { name: /确定|OK/ })
    .click()
  await expect(app.getByTestId('welcome-editor')).toBeHidden()
  expect(branch.state.welcomeTemplates.some((each) => each.templateId === copied!.templateId)).toBe(false)
  await expect(app.getByTestId(`template-row-${copy!.id}`)).toHaveCount(0)
  await app.getByTestId('view-deleted').click()
  await expect(app.getByTestId(`template-row-${copy!.id}`)).toBeVisible()
  await expect(app.getByTestId(`template-state-${copy!.id}`)).toHaveText('企业微信中已删除')
})

test('a push whose answer is lost is never repeated by itself: "may have been created", then linked by the id found in the admin console', async ({
  app,
}, testInfo) => {
  test.setTimeout(120_000)
  const corp = await startSandbox({ port: 0, customers: 20, members: 3, groups: 2, seed: 12 })
  try {
    const card = await addProfile(app, {
      name: '华北分公司',
      corpid: corp.corpid,
      secret: corp.secret,
      baseUrl: corp.url,
    })
    await card.getByTestId('use-profile').click()
    await expect(app.getByTestId('status-profile')).toHaveText('华北分公司')
    await openFresh(app, '/welcomeTemplates')
    await app.getByTestId('template-new').click()
    const editor = app.getByTestId('welcome-editor')
    await editor.getByTestId('welcome-text').click()
    await app.keyboard.type('新朋友你好，')
    await editor.getByTestId('insert-nickname').click()
    await expect(editor.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')

    // WeCom creates it, but the answer never arrives.
    const before = corp.state.welcomeTemplates.length
    corp.setFaults({ dropResponse: { 'externalcontact/group_welcome_template/add': { count: 1 } } })
    await editor.getByTestId('push').click()
    const banner = editor.getByTestId('maybe-created')
    await expect(banner).toContainText('可能已经在企业微信中创建了')
    await expect(banner).toContainText('客户联系 → 加入群聊欢迎语')
    await expect(editor.getByTestId('push')).toHaveCount(0)
    expect(corp.state.welcomeTemplates.length).toBe(before + 1)
    const created = corp.state.welcomeTemplates.at(-1)!
    expect(created.text).toBe('新朋友你好，%NICKNAME%')
    await app.screenshot({ path: testInfo.outputPath('maybe-created.png') })

    // The admin console shows it: link this draft to its id instead of creating a second one.
    await banner.getByTestId('link-by-id').click()
    await app.getByTestId('import-id').fill(created.templateId)
    await app.getByTestId('import-confirm').click()
    await expect(editor.getByTestId('editor-state')).toHaveAttribute('data-state', 'pushed')
    await expect(editor.getByTestId('template-id')).toHaveText(created.templateId)
    await expect(banner).toHaveCount(0)
    expect(corp.state.welcomeTemplates.length).toBe(before + 1)
    const items = (await call<WelcomeLibrary>(app, 'welcomeTemplates:list')).items
    expect(items).toHaveLength(1)
  } finally {
    await corp.close()
  }
})
