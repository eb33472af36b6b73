import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startSandbox } from '../../electron/core/sandbox'
import type { SandboxHandle } from '../../electron/core/sandbox/types'
import { expect, test } from './fixtures/shell'

let sandbox: SandboxHandle
test.beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, customers: 300, members: 12, groups: 10, seed: 7 })
})
test.afterAll(async () => sandbox.close())

async function addProfile(app: Page, values: { name: string; corpid: string; secret: string; baseUrl: string }) {
  await app.locator('[data-nav="settings"]').click()
  await app.getByTestId('add-profile').click()
  const dialog = app.getByTestId('profile-dialog')
  for (const [field, value] of Object.entries(values)) await dialog.locator(`input[name="${field}"]`).fill(value)
  await dialog.getByTestId('profile-save').click()
  await expect(dialog).toBeHidden()
  return app.locator(`[data-profile="${values.name}"]`)
}

/** Every file under a folder, as text (the data folder: settings, workspaces, logs). */
function filesUnder(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path).toString('latin1') }))
}

test('a profile on a standalone sandbox connects; a wrong secret shows the mapped message', async ({ app }) => {
  const card = await addProfile(app, {
    name: '华东分公司',
    corpid: sandbox.corpid,
    secret: sandbox.secret,
    baseUrl: sandbox.url,
  })
  await expect(card).toContainText('已保存')

  await card.getByTestId('test-connection').click()
  await expect(card.getByTestId('test-result')).toContainText('连接成功：找到 12 位配置了客户联系的成员')

  await card.getByRole('button', { name: '编辑' }).click()
  const dialog = app.getByTestId('profile-dialog')
  await dialog.locator('input[name="secret"]').fill('WrongSecret_000111')
  await dialog.getByTestId('profile-save').click()
  await expect(dialog).toBeHidden()
  await card.getByTestId('test-connection').click()
  const result = card.getByTestId('test-result')
  await expect(result).toContainText('企业微信拒绝了应用 Secret')
  await expect(result).not.toContainText('40001:')

  // Switching to the profile moves the status bar off the sandbox.
  await card.getByTestId('use-profile').click()
  await expect(app.getByTestId('status-profile')).toHaveText('华东分公司')
  await expect(app.getByTestId('sandbox-badge')).toHaveCount(0)
  await expect(app.getByTestId('connection-state')).toHaveText('连接出错')
})

test('the secret never reaches the page, its storage, contract responses or the logs', async ({ app, shell }) => {
  const secret = sandbox.secret
  const framesFromCore: string[] = []
  app.on('websocket', (socket) => socket.on('framereceived', (frame) => framesFromCore.push(String(frame.payload))))
  await app.reload()
  await expect(app.getByTestId('status-bar')).toBeVisible()

  const card = await addProfile(app, { name: '总部', corpid: sandbox.corpid, secret, baseUrl: sandbox.url })
  await card.getByTestId('test-connection').click()
  await expect(card.getByTestId('test-result')).toContainText('连接成功')
  await card.getByTestId('use-profile').click()
  await expect(app.getByTestId('connection-state')).toHaveText('已连接')
  await card.getByRole('button', { name: '编辑' }).click()
  await expect(app.getByTestId('profile-dialog').locator('input[name="secret"]')).toHaveValue('')
  await app.keyboard.press('Escape')

  expect(framesFromCore.length).toBeGreaterThan(5)
  for (const frame of framesFromCore) expect(frame).not.toContain(secret)
  expect(await app.content()).not.toContain(secret)
  const storage = await app.evaluate(async () => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookies: document.cookie,
    databases: JSON.stringify(await indexedDB.databases()),
  }))
  expect(JSON.stringify(storage)).not.toContain(secret)

  // Settings shows where the log is, so the user can send it to support.
  await expect(app.getByTestId('log-file')).toHaveValue(/logs\/console\.log$/)

  const files = filesUnder(shell.dataDir)
  const logs = files.filter((f) => f.path.includes('logs'))
  expect(logs.length).toBeGreaterThan(0)
  for (const file of files.filter((f) => !f.path.endsWith('local-only-secrets.json'))) {
    expect(file.text, file.path).not.toContain(secret)
  }
  // The only place it rests is the clearly named local-only vault.
  expect(files.find((f) => f.path.endsWith('local-only-secrets.json'))?.text).toContain(secret)
})
