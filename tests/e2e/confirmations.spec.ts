import type { Locator, Page } from '@playwright/test'
import type { CustomerQueryResult, TagGroupSummary } from '../../shared/customers'
import type { DraftSummary, SendJobSummary } from '../../shared/massMessages'
import type { ProfileSummary } from '../../shared/profiles'
import { call, openFresh, sendAndWait, syncThroughApi } from './fixtures/fresh'
import { expect, test } from './fixtures/shell'

/*
 * Every confirmation the app asks (ElMessageBox through confirmWarning), each opened as the first
 * thing after a fresh load of its page: the message box is a service, so nothing on that page has
 * loaded its styles or its overlay's. The confirm button must be the element at its own centre (the
 * box is on top, not drawn under the table) and a mouse click on it must do what it says.
 */

/** What `document.elementFromPoint` finds at the centre of `target`, and whether that is inside it. */
async function hitAtCentre(target: Locator): Promise<{ inside: boolean; found: string }> {
  return target.evaluate((element) => {
    const box = element.getBoundingClientRect()
    const found = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    const name = found ? `<${found.tagName.toLowerCase()} class="${found.getAttribute('class') ?? ''}">` : 'nothing'
    return { inside: found !== null && element.contains(found), found: name }
  })
}

/**
 * The open confirmation: on top of the page (its text and its confirm button are what the mouse
 * reaches), over a backdrop that covers the page beside it. Confirms it with a mouse click.
 */
async function confirmWithMouse(app: Page, confirmText: string | RegExp, message: string): Promise<void> {
  const box = app.locator('.el-message-box')
  await expect(box).toBeVisible()
  const text = box.locator('.el-message-box__message')
  await expect(text).toContainText(message)
  const confirm = box.locator('.el-message-box__btns .el-button--primary')
  await expect(confirm).toHaveText(confirmText)

  // Drawn with its own styles: a box centred in the window, not a full-width strip of unstyled text.
  const placed = await box.boundingBox()
  const viewport = app.viewportSize()
  if (!placed || !viewport) throw new Error('the message box has no box')
  expect(placed.width, 'the box is narrower than the window').toBeLessThan(viewport.width * 0.6)
  expect(Math.abs(placed.x + placed.width / 2 - viewport.width / 2), 'the box is centred').toBeLessThan(4)

  const atButton = await hitAtCentre(confirm)
  expect(atButton.inside, `at the confirm button's centre: ${atButton.found}`).toBe(true)
  const atText = await hitAtCentre(text)
  expect(atText.inside, `at the message's centre: ${atText.found}`).toBe(true)
  // Beside the box, the mouse meets the backdrop (a shaded overlay), not the page under it.
  const beside = await box.evaluate((element) => {
    const rect = element.getBoundingClientRect()
    const found = document.elementFromPoint(Math.max(1, rect.left - 24), rect.top + rect.height / 2)
    const overlay = found?.closest('.el-overlay')
    return overlay ? getComputedStyle(overlay).backgroundColor : `no backdrop: <${found?.tagName ?? 'nothing'}>`
  })
  expect(beside, 'the backdrop beside the box').toMatch(/^rgba?\(/)
  expect(beside, 'the backdrop beside the box is shaded').not.toBe('rgba(0, 0, 0, 0)')

  const centre = await confirm.boundingBox()
  if (!centre) throw new Error('the confirm button has no box')
  await app.mouse.click(centre.x + centre.width / 2, centre.y + centre.height / 2)
  await expect(box).toBeHidden()
}

/** A draft to the first `count` synced customers, ready to send. */
async function readyDraft(app: Page, title: string, count = 20): Promise<string> {
  const customers = await call<CustomerQueryResult>(app, 'customers:query', { limit: count })
  const draft = await call<DraftSummary>(app, 'massMessages:saveDraft', {
    title,
    chatType: 'single',
    content: { text: `${title}：本周末全场满 300 减 50。`, attachments: [] },
    targeting: { mode: 'customers', externalUserids: customers.rows.map((row) => row.externalUserid) },
  })
  return draft.id
}

test.describe('confirmations on a fresh load', () => {
  test.beforeEach(async ({ app }) => {
    await app.setViewportSize({ width: 1280, height: 800 })
  })

  test('delete a draft', async ({ app }) => {
    await call(app, 'massMessages:saveDraft', {
      title: '待删除的草稿',
      chatType: 'single',
      content: { text: '草稿内容', attachments: [] },
    })
    await openFresh(app, '/massMessages')
    const rows = app.getByTestId('draft-table').locator('.el-table__row')
    await expect(rows).toHaveCount(1)
    await rows.first().getByTestId('draft-delete').click()
    await confirmWithMouse(app, '删除', '待删除的草稿')
    await expect(app.getByTestId('drafts-empty')).toBeVisible()
  })

  test('cancel a scheduled send', async ({ app }) => {
    await syncThroughApi(app)
    const draftId = await readyDraft(app, '定时群发')
    const job = await call<SendJobSummary>(app, 'massMessages:send', {
      draftId,
      scheduledAt: Date.now() + 2 * 24 * 3600 * 1000,
    })
    expect(job.state).toBe('scheduled')
    await openFresh(app, '/massMessages')
    const row = app.getByTestId('job-table').locator('.el-table__row').first()
    await expect(row.getByTestId('job-state')).toHaveAttribute('data-state', 'scheduled')
    await row.getByTestId('job-cancel').click()
    await confirmWithMouse(app, '取消定时', '定时群发')
    await expect(row.getByTestId('job-state')).toHaveAttribute('data-state', 'cancelled')
  })

  test('stop a sent message', async ({ app }) => {
    test.setTimeout(120_000)
    await syncThroughApi(app)
    const draftId = await readyDraft(app, '马上发送')
    const msgid = await sendAndWait(app, draftId)
    await openFresh(app, `/massMessages/history/${msgid}`)
    await app.getByTestId('cancel-message').click()
    await confirmWithMouse(app, '停止群发', '停止这条群发')
    await expect(app.getByText('群发已停止，还没发送的成员不会再发送。')).toBeVisible()
  })

  test('cancel a draft’s scheduled send, from the drafts list and from the composer', async ({ app }) => {
    await syncThroughApi(app)
    const schedule = async (title: string) => {
      const draftId = await readyDraft(app, title)
      await call(app, 'massMessages:send', { draftId, scheduledAt: Date.now() + 2 * 24 * 3600 * 1000 })
      return draftId
    }
    await schedule('列表里取消定时')
    await openFresh(app, '/massMessages')
    const row = app.getByTestId('draft-table').locator('.el-table__row', { hasText: '列表里取消定时' })
    await row.getByTestId('draft-cancel-schedule').click()
    await confirmWithMouse(app, '取消定时', '取消定时发送「列表里取消定时」')
    await expect(row.getByTestId('draft-cancel-schedule')).toHaveCount(0)

    const draftId = await schedule('编辑器里取消定时')
    await openFresh(app, `/massMessages/compose/${draftId}`)
    await app.getByTestId('draft-cancel-schedule').click()
    await confirmWithMouse(app, '取消定时', '取消定时发送「编辑器里取消定时」')
    await expect(app.getByTestId('draft-sent-banner')).toHaveCount(0)
  })

  test('send the same content again (the send dialog asks first)', async ({ app }) => {
    test.setTimeout(120_000)
    await syncThroughApi(app)
    const first = await readyDraft(app, '重复内容')
    await sendAndWait(app, first)
    const again = await call<DraftSummary>(app, 'massMessages:duplicateDraft', { id: first })
    await openFresh(app, `/massMessages/compose/${again.id}`)
    await app.getByTestId('open-send').click()
    const dialog = app.getByTestId('send-dialog')
    await expect(dialog.getByTestId('send-repeat')).toBeVisible()
    await dialog.getByTestId('send-submit').click()
    await confirmWithMouse(app, '仍要发送', '确定要再发一次吗？')
    await expect(dialog).toBeHidden()
    const jobs = await call<SendJobSummary[]>(app, 'massMessages:jobs')
    expect(jobs.filter((job) => job.draftId === again.id)).toHaveLength(1)
  })

  test('delete selected tags, then a tag group', async ({ app }) => {
    await call<TagGroupSummary>(app, 'customers:addTags', { groupName: '确认测试组', tags: ['标签甲', '标签乙'] })
    await openFresh(app, '/customers/tags')
    const group = app.locator('[data-group="确认测试组"]')
    await group.locator('[data-tag="标签甲"]').click()
    await group.getByTestId('delete-selected-tags').click()
    await confirmWithMouse(app, '删除', '删除所选的 1 个标签')
    await expect(group.locator('[data-tag="标签甲"]')).toHaveCount(0)

    await openFresh(app, '/customers/tags')
    await group.getByTestId('delete-group').click()
    await confirmWithMouse(app, '删除', '确认测试组')
    await expect(group).toHaveCount(0)
  })

  test('delete a connection profile', async ({ app }) => {
    await call<ProfileSummary>(app, 'profiles:save', {
      name: '待删除的企业',
      corpid: 'ww0123456789abcdef',
      secret: 'abcDEF123',
    })
    await openFresh(app, '/settings')
    const row = app.locator('[data-profile="待删除的企业"]')
    await row.getByRole('button', { name: '删除' }).click()
    // Settings does not name the action on its button yet (Element Plus's 确定).
    await confirmWithMouse(app, /^(删除|确定)$/, '待删除的企业')
    await expect(row).toHaveCount(0)
  })

  test('leave the composer when its last changes could not be saved', async ({ app }) => {
    const draft = await call<DraftSummary>(app, 'massMessages:saveDraft', {
      title: '没保存的草稿',
      chatType: 'single',
      content: { text: '原来的内容', attachments: [] },
    })
    await openFresh(app, `/massMessages/compose/${draft.id}`)
    await expect(app.getByTestId('message-text')).toHaveValue('原来的内容')
    // The workspace refuses every save from here on (as on a full disk).
    await app.evaluate(() => {
      const api = (globalThis as unknown as { api: { massMessages: { saveDraft: unknown } } }).api
      api.massMessages.saveDraft = async () => ({
        ok: false,
        error: { code: 'disk_full', message: '磁盘已满，没有保存。' },
      })
    })
    await app.getByTestId('message-text').fill('改过但存不下的内容')
    await app.locator('[data-nav="customers"]').click()
    await confirmWithMouse(app, '仍要离开', '磁盘已满，没有保存。')
    await expect(app).toHaveURL(/#\/customers$/)
  })

  test('delete a welcome template from its editor', async ({ app }) => {
    await call(app, 'welcomeTemplates:save', { content: { text: '待删除的欢迎语 %NICKNAME%' } })
    await openFresh(app, '/welcomeTemplates')
    const rows = app.getByTestId('template-table').locator('.el-table__row')
    await expect(rows).toHaveCount(1)
    await rows.first().click()
    await app.getByTestId('delete').click()
    await confirmWithMouse(app, /^(删除|确定)$/, '删除这条欢迎语')
    await expect(rows).toHaveCount(0)
  })
})
