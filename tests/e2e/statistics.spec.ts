import { readFileSync } from 'node:fs'
import { startSandbox } from '../../electron/core/sandbox'
import { addDays, corpToday } from '../../shared/date'
import { openFresh } from './fixtures/fresh'
import { expect, test } from './fixtures/shell'

/*
 * 数据统计 in the browser shell, against a sandbox corp whose behaviour data answers slowly enough
 * to watch: the first fill of 180 days with its progress (cancelled and resumed), then 联系客户统计
 * for 近 30 天 compared with the 30 days before, a member's own page, 群聊数据统计, and exports.
 */

test('first fill with progress, cancel and resume; 联系客户统计 for 近 30 天 against the previous period; a member; 群聊; exports', async ({
  app,
}) => {
  test.setTimeout(240_000)
  await app.setViewportSize({ width: 1440, height: 900 })
  const sandbox = await startSandbox({
    port: 0,
    customers: 300,
    members: 12,
    groups: 30,
    seed: 11,
    faults: { latencyByPath: { 'externalcontact/get_user_behavior_data': 250 } },
  })
  try {
    // A connection to that corp, used from now on.
    await app.locator('[data-nav="settings"]').click()
    await app.getByTestId('add-profile').click()
    const dialog = app.getByTestId('profile-dialog')
    const fields = { name: '华南分公司', corpid: sandbox.corpid, secret: sandbox.secret, baseUrl: sandbox.url }
    for (const [field, value] of Object.entries(fields)) await dialog.locator(`input[name="${field}"]`).fill(value)
    await dialog.getByTestId('profile-save').click()
    await app.locator('[data-profile="华南分公司"]').getByTestId('use-profile').click()
    await expect(app.getByTestId('status-profile')).toHaveText('华南分公司')

    // ── First fill: progress, time left, cancel, resume ─────────────────────────────────────
    await openFresh(app, '/statistics')
    const panel = app.getByTestId('stats-fill-panel')
    await expect(panel).toContainText('先把近 180 天的数据取到本机')
    await panel.getByTestId('stats-fill-start').click()
    await expect(panel.getByTestId('stats-fill-progress')).toBeVisible()
    await expect(panel.getByTestId('stats-fill-counts')).toHaveText(/^已完成 [1-9][\d,]* \/ [1-9][\d,]*$/, {
      timeout: 30_000,
    })
    await expect(panel.getByTestId('stats-fill-eta')).toHaveText(/预计还需|正在估算/)
    await panel.getByTestId('stats-fill-cancel').click()
    const stopped = panel.getByTestId('stats-fill-stopped')
    await expect(stopped).toContainText('已取消获取', { timeout: 30_000 })
    await expect(stopped).toContainText('不会重复获取')
    await stopped.getByTestId('stats-fill-resume').click()

    // ── 联系客户统计, 近 30 天 (the default) against the 30 days before ──────────────────────
    const contacts = app.getByTestId('stats-contacts')
    await expect(contacts).toBeVisible({ timeout: 120_000 })
    const yesterday = addDays(corpToday(), -1)
    await expect(app.getByTestId('stats-data-up-to')).toHaveText(`数据截至 ${yesterday}`)
    await expect(app.getByTestId('stats-preset-last30')).toHaveClass(/is-active/)
    const from = addDays(yesterday, -29)
    await expect(app.getByTestId('stats-compare-text')).toContainText(
      `对比上一周期：${addDays(from, -30)} 至 ${addDays(from, -1)}`,
    )
    const kpi = contacts.getByTestId('kpi-new_contact_cnt')
    await expect(kpi.getByTestId('kpi-value')).toHaveText(/^[\d,]+$/)
    await expect(kpi.getByTestId('kpi-change')).toHaveText(/较上一周期(增加|减少|持平)|与上一周期持平/)
    await expect(contacts.getByTestId('kpi-reply_percentage').getByTestId('kpi-value')).toHaveText(/%$|—/)
    await expect(contacts.getByTestId('kpi-avg_reply_time').getByTestId('kpi-value')).toHaveText(/分钟|—/)
    // The trend with the previous period as a second line, and its numbers as a table.
    const trend = contacts.getByTestId('stats-trend')
    await expect(trend.locator('canvas').first()).toBeVisible()
    await trend.getByTestId('stats-trend-view-table').click()
    const trendRows = trend.getByTestId('stats-trend-table').locator('tbody tr')
    await expect(trendRows).toHaveCount(30)
    await expect(trendRows.first()).toContainText(from)
    await expect(trend.getByTestId('stats-trend-table').locator('thead')).toContainText('上一周期')
    // The member table: every member, sortable, a sparkline each.
    const members = contacts.getByTestId('stats-members-table')
    await expect(members.locator('tbody tr')).toHaveCount(12)
    await expect(members.getByTestId('sparkline')).toHaveCount(12)
    await members.locator('th', { hasText: '发送消息数' }).click()
    const sent = async () =>
      (await members.locator('tbody tr td:nth-child(5)').allInnerTexts()).map((text) => Number(text.replace(/,/g, '')))
    const descending = await sent()
    expect(descending).toEqual([...descending].sort((a, b) => b - a))
    await expect(contacts.getByTestId('stats-ranking-top').locator('li').first()).toBeVisible()
    await expect(app.getByTestId('stats-notable')).toBeVisible()
    await app.screenshot({ path: test.info().outputPath('zh-CN-contacts.png') })

    // ── Export what is on screen ────────────────────────────────────────────────────────────
    const xlsxDownload = app.waitForEvent('download')
    await contacts.getByTestId('stats-export').click()
    await app.getByTestId('stats-export-xlsx').click()
    const xlsx = await xlsxDownload
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)
    expect(
      readFileSync(await xlsx.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')
    const csvDownload = app.waitForEvent('download')
    await contacts.getByTestId('stats-export').click()
    await app.getByTestId('stats-export-csv').click()
    const csv = await csvDownload
    expect(csv.suggestedFilename()).toMatch(/\.csv$/)
    const firstName = (await members.getByTestId('stats-member-link').first().innerText()).trim()
    expect(readFileSync(await csv.path(), 'utf8')).toContain(firstName)

    // ── A member's own page ─────────────────────────────────────────────────────────────────
    await members.getByTestId('stats-member-link').first().click()
    await expect(app).toHaveURL(/#\/statistics\/members\//)
    const member = app.getByTestId('stats-member')
    await expect(member.locator('h3')).toHaveText(`${firstName} 的联系客户数据`)
    await expect(member.getByTestId('kpi-message_cnt').getByTestId('kpi-change')).toBeVisible()
    await expect(member.getByTestId('stats-member-trend').locator('canvas').first()).toBeVisible()
    await member.getByTestId('stats-preset-last7').click()
    await expect(member.getByTestId('stats-compare-text')).toContainText(
      `对比上一周期：${addDays(yesterday, -13)} 至 ${addDays(yesterday, -7)}`,
    )
    await member.getByTestId('stats-member-back').click()
    await expect(app.getByTestId('stats-preset-last7')).toHaveClass(/is-active/) // the range is kept

    // ── 刷新数据: only the missing and provisional days; the dashboard stays and reads the cache again ──
    const lastRefreshed = app.getByText(/^上次刷新 /)
    await expect(lastRefreshed).toBeVisible()
    await app.getByTestId('stats-refresh').click()
    await expect(app.getByTestId('stats-refresh')).toBeVisible({ timeout: 60_000 })
    await expect(app.getByTestId('stats-data-up-to')).toHaveText(`数据截至 ${yesterday}`)
    await expect(members.locator('tbody tr')).toHaveCount(12)

    // ── 群聊数据统计 ────────────────────────────────────────────────────────────────────────
    await app.getByTestId('tab-statistics-groups').click()
    const groups = app.getByTestId('stats-groups')
    await expect(groups.getByTestId('kpi-new_chat_cnt').getByTestId('kpi-value')).toHaveText(/^[\d,]+$/)
    await expect(groups.getByTestId('kpi-chat_total').getByTestId('kpi-value')).toHaveText(/^[\d,]+$/)
    const owners = groups.getByTestId('stats-owners-table').locator('tbody tr')
    await expect(owners.first()).toBeVisible()
    await groups.getByTestId('stats-preset-last30').click()
    await expect(groups.getByTestId('stats-trend').locator('canvas').first()).toBeVisible()
    const groupDownload = app.waitForEvent('download')
    await groups.getByTestId('stats-export').click()
    await app.getByTestId('stats-export-xlsx').click()
    expect((await groupDownload).suggestedFilename()).toMatch(/\.xlsx$/)
    await app.screenshot({ path: test.info().outputPath('zh-CN-groups.png') })
  } finally {
    await sandbox.close()
  }
})
