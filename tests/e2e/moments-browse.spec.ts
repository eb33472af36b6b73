import { lastNLocalDaysRange } from '../../shared/date'
import { seedCorp } from '../../electron/core/sandbox/seed'
import { call, openFresh, syncThroughApi } from './fixtures/fresh'
import { E2E_SANDBOX, expect, test } from './fixtures/shell'

/*
 * The moments list (客户朋友圈) in the browser shell over the embedded sandbox corp: 90 days
 * fetched window by window into the workspace, filtered by creator and by source and content,
 * a corp moment opened. Screenshots land in the test's output folder.
 */

/** The moments WeCom lists for the last `days` local days, from the same seeded corp as the shell's sandbox. */
function expectedCount(days: number): number {
  const now = Date.now()
  const state = seedCorp({ seed: 1, ...E2E_SANDBOX }, now)
  const [from, to] = lastNLocalDaysRange(days, now)
  return state.moments.filter(
    (moment) =>
      moment.createdAtMs >= from &&
      moment.createdAtMs <= to &&
      (moment.deletedAtMs === undefined || moment.deletedAtMs > now),
  ).length
}

test('browse 90 days, filter by creator and type, open a corp moment', async ({ app }, testInfo) => {
  // Names of members come from the customer cache.
  await syncThroughApi(app)
  await openFresh(app, '/moments')
  const list = app.getByTestId('moments-list')
  await expect(list).toBeVisible()
  await expect(app.getByTestId('moments-row').first()).toBeVisible({ timeout: 30_000 })

  const total = expectedCount(90)
  expect(total).toBeGreaterThan(100)
  await app.getByTestId('moments-range-90').click()
  await expect(app.getByTestId('moments-total')).toContainText(total.toLocaleString('en-US'), { timeout: 30_000 })
  await expect(app.getByTestId('moments-fetching')).toBeHidden()
  await expect(app.getByTestId('moments-missing')).toBeHidden()
  await expect(app.getByTestId('moments-last-refreshed')).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
  await expect(app.getByTestId('moments-thumb').first()).toBeVisible()
  await app.screenshot({ path: testInfo.outputPath('moments-90-days.png'), fullPage: true })

  // Opening the same range again asks WeCom nothing: no new fetch run starts, the list is the cache's.
  const last = await call<{ finishedAt?: number }>(app, 'moments:loadStatus')
  const [from90, to90] = lastNLocalDaysRange(90)
  const again = await call<{ finishedAt?: number }>(app, 'moments:load', { from: from90, to: to90 })
  expect(again).toEqual(last)
  expect(last.finishedAt).toBeGreaterThan(0)

  // By creator: every row is that member's.
  const creators = await call<Array<{ userid: string; name: string; count: number }>>(app, 'moments:creators')
  const creator = creators.find((c) => c.name !== c.userid) ?? creators[0]!
  await app.getByTestId('moments-creator').click()
  await app.getByTestId(`moments-creator-${creator.userid}`).click()
  await expect(app.getByTestId('moments-row-creator').first()).toHaveText(creator.name)
  const creatorCells = app.getByTestId('moments-row-creator')
  for (const userid of await creatorCells.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-userid'))))
    expect(userid).toBe(creator.userid)

  // Clear the creator; corp moments with images only.
  await app.getByTestId('moments-creator').hover()
  await app.getByTestId('moments-creator').locator('.el-select__clear').click()
  await app.getByTestId('moments-create-type').click()
  await app.getByTestId('moments-create-type-0').click()
  await expect(app.getByTestId('moments-row').first()).toHaveAttribute('data-create-type', '0')
  await app.getByTestId('moments-kind').click()
  await app.getByTestId('moments-kind-image').click()
  await expect(async () => {
    const kinds = await app
      .getByTestId('moments-row-kind')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-kind')))
    expect(kinds.length).toBeGreaterThan(0)
    expect(new Set(kinds)).toEqual(new Set(['image']))
  }).toPass()
  const types = await app
    .getByTestId('moments-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-create-type')))
  expect(new Set(types)).toEqual(new Set(['0']))
  // Corp moments show how many members posted them.
  await expect(app.getByTestId('moments-row-progress').first()).toContainText(/\d/)
  await app.screenshot({ path: testInfo.outputPath('moments-corp-images.png'), fullPage: true })

  // Open the first corp moment.
  const first = app.getByTestId('moments-row').first()
  const momentId = await first.getAttribute('data-moment-id')
  await first.click()
  await expect(app).toHaveURL(new RegExp(`#/moments/detail/${momentId}$`))
  const moment = await call<{ momentId: string; createType: number }>(app, 'moments:get', { momentId })
  expect(moment).toMatchObject({ momentId, createType: 0 })
})

test('the list in English, and the keyword search', async ({ app }, testInfo) => {
  await call(app, 'app:setLocale', { locale: 'en' })
  await openFresh(app, '/moments')
  await expect(app.getByTestId('moments-row').first()).toBeVisible({ timeout: 30_000 })
  await expect(app.getByTestId('moments-fetching')).toBeHidden({ timeout: 30_000 })
  await app.locator('input[data-testid="moments-keyword"]').fill('直播')
  await expect(async () => {
    const texts = await app.getByTestId('moments-row-text').allTextContents()
    expect(texts.length).toBeGreaterThan(0)
    for (const text of texts) expect(text).toContain('直播')
  }).toPass()
  await expect(app.getByTestId('moments-total')).toContainText('Moments:')
  await app.locator('input[data-testid="moments-keyword"]').fill('no such words anywhere')
  await expect(app.getByTestId('moments-empty')).toContainText('No moments match')
  await app.screenshot({ path: testInfo.outputPath('moments-en.png'), fullPage: true })
})
