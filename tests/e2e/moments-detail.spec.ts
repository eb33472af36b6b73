import type { Page } from '@playwright/test'
import type { CustomerQueryResult, TagGroupSummary } from '../../shared/customers'
import type { MomentListResult } from '../../shared/moments'
import { interactingCustomers, type MomentDetail } from '../../shared/moments-detail'
import { call, openFresh, syncThroughApi } from './fixtures/fresh'
import { expect, test } from './fixtures/shell'

const DAY_MS = 86_400_000

/**
 * A corp moment of the demo corp over three days old, with members who posted it and some who did
 * not, and customers who liked it: found through the contract as the list page finds moments.
 */
async function corpMomentWithLikes(app: Page): Promise<{ momentId: string; detail: MomentDetail }> {
  const to = Date.now()
  const from = to - 40 * DAY_MS
  await call(app, 'moments:load', { from, to })
  const list = await call<MomentListResult>(app, 'moments:list', {
    from,
    to: to - 3 * DAY_MS,
    createType: 0,
    limit: 50,
  })
  for (const moment of list.rows) {
    const detail = await call<MomentDetail>(app, 'moments:detail', { momentId: moment.momentId, createType: 0 })
    const likes = interactingCustomers(detail.interactions, ['like'])
    if (likes.length >= 2 && detail.totals.published < detail.totals.members)
      return { momentId: moment.momentId, detail }
  }
  throw new Error('no corp moment with likes and a member who has not posted')
}

/** External ids of the cached customers carrying `tagId` (any member's relation). */
async function customersWithTag(app: Page, tagId: string): Promise<Set<string>> {
  const result = await call<CustomerQueryResult>(app, 'customers:query', {
    filter: { tags: { mode: 'or', ids: [tagId] } },
    limit: 500,
  })
  return new Set(result.rows.map((row) => row.externalUserid))
}

test('a corp moment’s detail: member status, visible customers, interactions; tag who liked; export', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000)
  await app.setViewportSize({ width: 1440, height: 1000 })
  await syncThroughApi(app)
  const { momentId, detail } = await corpMomentWithLikes(app)

  await openFresh(app, `/moments/detail/${momentId}`)
  await expect(app.getByTestId('moment-detail-ready')).toBeVisible({ timeout: 30_000 })
  await expect(app.getByTestId('moment-preview')).toBeVisible()
  await expect(app.getByTestId('kpi-published')).toHaveText(`${detail.totals.published} / ${detail.totals.members}`)
  await expect(app.getByTestId('kpi-likes')).toHaveText(String(detail.totals.likes))

  // Members: posted and not posted, by name.
  const members = app.getByTestId('moment-members-table')
  const first = detail.members[0]!
  await expect(members).toContainText(first.memberName)
  await app.getByTestId('moment-members-waiting').click()
  const waiting = detail.members.filter((member) => !member.published)
  await expect(members.locator('tbody tr')).toHaveCount(Math.min(20, waiting.length))
  await expect(members).toContainText('未发表')
  await expect(members).not.toContainText('已发表')

  // A posting member's customers who can see it, named from the customer cache.
  const poster = detail.members.find((member) => member.published)!
  const customers = app.getByTestId('moment-customers-table')
  await expect(app.getByTestId('moment-member-customers')).toContainText(poster.memberName)
  await expect(customers.locator('tbody tr').first()).toBeVisible()
  expect(await customers.locator('tbody tr').count()).toBeGreaterThan(0)
  await expect(customers).toContainText('能看到')

  // Likes and comments, each naming who.
  const interactions = app.getByTestId('moment-interactions-table')
  const newest = detail.interactions[0]!
  await expect(interactions).toContainText(newest.actor.name)
  await app.screenshot({ path: testInfo.outputPath('zh-CN-moment-detail.png'), fullPage: true })

  // Tag the customers who liked it, with the least-used tag; the tags arrive in the customer cache.
  const liked = interactingCustomers(detail.interactions, ['like'])
  const groups = await call<TagGroupSummary[]>(app, 'customers:listTags')
  const tag = groups.flatMap((group) => group.tags).sort((a, b) => a.customerCount - b.customerCount)[0]!
  const before = await customersWithTag(app, tag.id)
  expect(
    liked.some((id) => !before.has(id)),
    'some customer who liked it lacks the tag before',
  ).toBe(true)

  await app.getByTestId('moment-tag').click()
  await app.getByTestId('moment-tag-like').click()
  const dialog = app.getByTestId('bulk-tags-dialog')
  await expect(dialog.getByTestId('bulk-tags-intro')).toContainText(String(liked.length))
  await dialog.getByTestId('bulk-tags-add').click()
  await app.locator('.el-select-dropdown__item:visible', { hasText: tag.name }).first().click()
  await dialog.getByTestId('bulk-tags-intro').click()
  await dialog.getByTestId('bulk-tags-start').click()
  await expect(dialog.getByTestId('bulk-tags-result')).toBeVisible({ timeout: 60_000 })
  const after = await customersWithTag(app, tag.id)
  for (const id of liked) expect(after.has(id), `${id} carries the tag in the customer cache`).toBe(true)
  await dialog.getByRole('button', { name: '关闭', exact: true }).click()

  // Export: one spreadsheet with members, customers and interactions.
  await app.getByTestId('moment-export').click()
  const downloading = app.waitForEvent('download')
  await app.getByTestId('moment-export-xlsx').click()
  const file = await downloading
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/)

  // Remind: this profile has no AgentId, so the names are offered to copy.
  await app.getByTestId('moment-remind').click()
  const list = app.getByTestId('moment-remind-list')
  await expect(list).toBeVisible()
  await expect(list).toHaveValue(new RegExp(waiting[0]!.memberName))
  await app.screenshot({ path: testInfo.outputPath('zh-CN-moment-remind.png') })
})

test('stop a corp moment still in progress after confirming, in English', async ({ app }) => {
  test.setTimeout(120_000)
  await call(app, 'app:setLocale', { locale: 'en' })
  const { momentId, detail } = await corpMomentWithLikes(app)
  await openFresh(app, `/moments/detail/${momentId}`)
  await expect(app.getByTestId('moment-detail-ready')).toBeVisible({ timeout: 30_000 })
  await app.getByTestId('moment-cancel').click()
  const waiting = detail.members.filter((member) => !member.published).length
  const box = app.locator('.el-message-box')
  await expect(box).toContainText(waiting === 1 ? 'One member' : `${waiting} members`)
  await box.getByRole('button', { name: 'Keep it' }).click()
  await expect(app.getByTestId('moment-detail-stopped')).toHaveCount(0)
  await app.getByTestId('moment-cancel').click()
  await box.getByRole('button', { name: 'Stop posting' }).click()
  await expect(app.getByTestId('moment-detail-stopped')).toBeVisible()
  await expect(app.getByTestId('moment-cancel')).toHaveCount(0)
  const again = await call<MomentDetail>(app, 'moments:detail', { momentId, createType: 0, refresh: true })
  expect(again.cancelledAt).toBeDefined()
})
