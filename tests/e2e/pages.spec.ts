import type { ConsoleMessage, Page, TestInfo } from '@playwright/test'
import { readFileSync } from 'node:fs'
import en from '../../renderer/i18n/en'
import zhCN from '../../renderer/i18n/zh-CN'
import type { DraftSummary } from '../../shared/massMessages'
import type { Locale } from '../../shared/result'
import type { CustomerQueryResult } from '../../shared/customers'
import { call, openFresh, sendAndWait, syncThroughApi } from './fixtures/fresh'
import { expect, test } from './fixtures/shell'

/*
 * Every page of the console, each opened as a fresh document, in zh-CN and en: it shows its
 * heading, logs no error and no Element Plus deprecation warning, and leaves a screenshot
 * (`<locale>-<route name>.png` in the test's folder under test-results/).
 */

interface PageCase {
  /** The route's name in renderer/router.ts. */
  name: string
  route: (ids: { msgid: string; momentId: string; userid: string }) => string
  /** i18n key of the area heading (the page's h2). */
  heading: string
  /** i18n key of the sub-page's own heading (h3), when it has one. */
  subHeading?: string
  /** A part of the page that shows once its data is there. */
  ready: string
}

const PAGES: PageCase[] = [
  { name: 'massMessages-home', route: () => '/massMessages', heading: 'massMessages.title', ready: 'draft-table' },
  {
    name: 'massMessages-compose',
    route: () => '/massMessages/compose',
    heading: 'massMessages.title',
    subHeading: 'massMessages.composer.title',
    ready: 'composer',
  },
  {
    name: 'massMessages-history',
    route: () => '/massMessages/history',
    heading: 'massMessages.title',
    ready: 'history-table',
  },
  {
    name: 'massMessages-history-detail',
    route: ({ msgid }) => `/massMessages/history/${msgid}`,
    heading: 'massMessages.title',
    subHeading: 'massMessages.history.detail.title',
    ready: 'task-table',
  },
  { name: 'moments-home', route: () => '/moments', heading: 'moments.title', ready: 'moments-row' },
  {
    name: 'moments-detail',
    route: ({ momentId }) => `/moments/detail/${momentId}`,
    heading: 'moments.title',
    subHeading: 'moments.detail.title',
    ready: 'moment-detail-ready',
  },
  { name: 'moments-drafts', route: () => '/moments/drafts', heading: 'moments.title', ready: 'status-bar' },
  { name: 'moments-compose', route: () => '/moments/compose', heading: 'moments.title', ready: 'status-bar' },
  {
    name: 'welcomeTemplates',
    route: () => '/welcomeTemplates',
    heading: 'welcomeTemplates.title',
    ready: 'template-table',
  },
  {
    name: 'statistics-contacts',
    route: () => '/statistics',
    heading: 'statistics.title',
    ready: 'stats-members-table',
  },
  {
    name: 'statistics-groups',
    route: () => '/statistics/groups',
    heading: 'statistics.title',
    ready: 'stats-owners-table',
  },
  {
    name: 'statistics-member',
    route: ({ userid }) => `/statistics/members/${userid}`,
    heading: 'statistics.title',
    ready: 'stats-member-trend',
  },
  { name: 'customers', route: () => '/customers', heading: 'nav.customers', ready: 'customer-total' },
  { name: 'customers-tags', route: () => '/customers/tags', heading: 'nav.customers', ready: 'tag-group' },
  { name: 'customers-groups', route: () => '/customers/groups', heading: 'nav.customers', ready: 'group-table' },
  { name: 'settings', route: () => '/settings', heading: 'settings.title', ready: 'log-section' },
]

const MESSAGES: Record<Locale, unknown> = { 'zh-CN': zhCN, en }

/** The text of an i18n key (`massMessages.composer.title`) in `locale`. */
function text(locale: Locale, key: string): string {
  const found = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], MESSAGES[locale])
  if (typeof found !== 'string') throw new Error(`no ${locale} text for ${key}`)
  return found
}

test('every route of the router is opened here', () => {
  const source = readFileSync(new URL('../../renderer/router.ts', import.meta.url), 'utf8')
  const named = [...source.matchAll(/name: '([^']+)'/g)].map((match) => match[1])
  // `massMessages`, `moments` and `statistics` are frames around their children; their homes are the pages.
  const pages = named.filter((name) => name !== 'massMessages' && name !== 'moments' && name !== 'statistics')
  expect(pages.sort()).toEqual(PAGES.map((page) => page.name).sort())
})

/** What the page logs that it should not: errors, uncaught exceptions, Element Plus deprecation warnings. */
function watchConsole(app: Page): string[] {
  const problems: string[] = []
  app.on('console', (message: ConsoleMessage) => {
    const text = message.text()
    if (message.type() === 'error') problems.push(`error: ${text}`)
    else if (message.type() === 'warning' && /Element Plus|deprecated/i.test(text)) problems.push(`warning: ${text}`)
  })
  app.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  return problems
}

/** Customers and groups synced, a draft, a scheduled send and a sent message: every page has something to show. */
async function fillWorkspace(app: Page): Promise<{ msgid: string; momentId: string; userid: string }> {
  await syncThroughApi(app)
  // More recipients than one page of results (20), so the detail shows its pager too.
  const customers = await call<CustomerQueryResult>(app, 'customers:query', { limit: 30 })
  const targeting = { mode: 'customers', externalUserids: customers.rows.map((row) => row.externalUserid) }
  const draft = (title: string) =>
    call<DraftSummary>(app, 'massMessages:saveDraft', {
      title,
      chatType: 'single',
      content: { text: `${title}：本周末全场满 300 减 50，点击链接查看活动详情。`, attachments: [] },
      targeting,
    })
  const scheduled = await draft('周末活动预告')
  await call(app, 'massMessages:send', { draftId: scheduled.id, scheduledAt: Date.now() + 2 * 24 * 3600 * 1000 })
  const sent = await draft('五一活动')
  const msgid = await sendAndWait(app, sent.id)
  await draft('还没写完的草稿')
  await call(app, 'welcomeTemplates:save', {
    content: { text: '欢迎 %NICKNAME% 加入本群！群公告里有会员福利领取方式。', attachment: null },
  })
  // A corp moment of the last weeks for the moment detail (the list's cache filled as the list page does).
  const to = Date.now()
  await call(app, 'moments:load', { from: to - 20 * 86_400_000, to })
  const corp = await call<{ rows: Array<{ momentId: string }> }>(app, 'moments:list', {
    from: to - 20 * 86_400_000,
    to: to - 3 * 86_400_000,
    createType: 0,
    limit: 1,
  })
  // The statistics cache's first fill (180 days of every member and group owner), and a member for their page.
  await call(app, 'statistics:startFill')
  await expect
    .poll(async () => (await call<{ state: string }>(app, 'statistics:getStatus')).state, { timeout: 60_000 })
    .toBe('done')
  const scopes = await call<{ members: Array<{ userid: string }> }>(app, 'statistics:scopes')
  return { msgid, momentId: corp.rows[0]!.momentId, userid: scopes.members[0]!.userid }
}

/** A screenshot kept as `<name>.png` in the test's folder under test-results/. */
async function screenshot(app: Page, testInfo: TestInfo, name: string): Promise<void> {
  await app.screenshot({ path: testInfo.outputPath(`${name}.png`) })
}

for (const locale of ['zh-CN', 'en'] as const) {
  test(`every page on a fresh load in ${locale}: heading, a quiet console, a screenshot`, async ({ app }, testInfo) => {
    test.setTimeout(240_000)
    await app.setViewportSize({ width: 1440, height: 900 })
    const ids = await fillWorkspace(app)
    await call(app, 'app:setLocale', { locale })
    const problems = watchConsole(app)

    for (const page of PAGES) {
      await test.step(page.name, async () => {
        const seen = problems.length
        await openFresh(app, page.route(ids))
        await expect(app.locator('html')).toHaveAttribute('lang', locale)
        await expect(app.locator('main h2').first()).toHaveText(text(locale, page.heading))
        if (page.subHeading) await expect(app.locator('main h3').first()).toHaveText(text(locale, page.subHeading))
        await expect(app.getByTestId(page.ready).first()).toBeVisible({ timeout: 30_000 })
        await expect(app.locator('.el-loading-mask:visible')).toHaveCount(0, { timeout: 30_000 })
        await screenshot(app, testInfo, `${locale}-${page.name}`)
        expect(problems.slice(seen), `${page.name} logged no error or deprecation warning`).toEqual([])
      })
    }
  })
}

test('the favicon is linked, served as SVG and allowed by the page', async ({ app }, testInfo) => {
  const href = await app.locator('link[rel="icon"]').getAttribute('href')
  expect(href).toBe('./favicon.svg')
  const url = new URL(href ?? '', app.url()).href
  const served = await app.request.get(url)
  expect(served.status()).toBe(200)
  expect(served.headers()['content-type']).toBe('image/svg+xml')
  const source = readFileSync(new URL('../../renderer/public/favicon.svg', import.meta.url), 'utf8')
  expect(await served.text()).toBe(source)
  // The page's own CSP (img-src) lets it load; a browser without the session cookie still gets nothing.
  const loaded = await app.evaluate(
    (src) =>
      new Promise<number>((resolve) => {
        const image = new Image()
        image.onload = () => resolve(image.naturalWidth)
        image.onerror = () => resolve(0)
        image.src = src
      }),
    url,
  )
  expect(loaded, 'the favicon loads as an image in the page').toBeGreaterThan(0)
  const stranger = await fetch(url)
  expect(stranger.status).toBe(403)
  await stranger.body?.cancel()

  await app.setViewportSize({ width: 256, height: 256 })
  await app.goto(url)
  await screenshot(app, testInfo, 'favicon')
})
