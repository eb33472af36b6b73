import { crc32, deflateSync } from 'node:zlib'
import { startSandbox } from '../../electron/core/sandbox'
import { call, openFresh, syncThroughApi } from './fixtures/fresh'
import { expect, test } from './fixtures/shell'

/*
 * Publishing a moment (客户朋友圈) in the browser shell: composed with 3 images while nothing
 * reaches WeCom (the composer and its drafts are local), a file that breaks a rule refused with the
 * rule named, published exactly once (upload_attachment type 1, one add_moment_task), the job
 * followed to its end, and the moment found in the moments list. Screenshots land in the test's
 * output folder.
 */

/** A real (decodable) PNG of `width`×`height` pixels in one colour picked by `seed`. */
function png(width: number, height: number, seed: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'ascii')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
    return Buffer.concat([head, data, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const colour = [
    [230, 120, 90],
    [90, 160, 220],
    [120, 190, 120],
    [200, 200, 90],
  ][seed % 4]!
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => colour).flat())])
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))])
}

test('compose a moment with 3 images offline, publish it, see the job finish, find it in the list', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000)
  const sandbox = await startSandbox({ port: 0, customers: 300, members: 10, groups: 0, seed: 7 })
  try {
    const saved = await call<{ id: string }>(app, 'profiles:save', {
      name: '朋友圈测试',
      corpid: sandbox.corpid,
      secret: sandbox.secret,
      baseUrl: sandbox.url,
    })
    await call(app, 'profiles:activate', { id: saved.id })
    await syncThroughApi(app)

    // Compose: nothing of it reaches WeCom.
    const offlineFrom = sandbox.requestLog.length
    await openFresh(app, '/moments/drafts')
    await app.getByTestId('moment-new').click()
    const composer = app.getByTestId('moment-composer')
    await expect(composer).toBeVisible()
    const text = `春季新品到店，欢迎来试穿 ${Date.now()}`
    await composer.getByTestId('moment-title').fill('春季新品')
    await composer.getByTestId('moment-text').fill(text)
    await expect(composer.getByTestId('moment-text-chars')).toContainText(`${[...text].length} / 2,000`)
    await composer.getByTestId('moment-kind-image').click()
    let chooser = app.waitForEvent('filechooser')
    await composer.getByTestId('moment-add-images').click()
    await (
      await chooser
    ).setFiles(
      [1, 2, 3].map((seed) => ({ name: `new-${seed}.png`, mimeType: 'image/png', buffer: png(1080, 1080, seed) })),
    )
    await expect(composer.getByTestId('moment-image')).toHaveCount(3)

    // A picture over 1440×1080 pixels is refused with the rule named; the 3 images stay.
    chooser = app.waitForEvent('filechooser')
    await composer.getByTestId('moment-add-images').click()
    await (await chooser).setFiles({ name: 'huge.png', mimeType: 'image/png', buffer: png(4000, 3000, 9) })
    await expect(composer.getByTestId('moment-file-refused')).toContainText('「huge.png」有 4,000×3,000 像素')
    await expect(composer.getByTestId('moment-image')).toHaveCount(3)

    await expect(composer.getByTestId('moment-estimate')).toContainText('预计约')
    await expect(composer.getByTestId('moment-preview')).toContainText(text)
    await expect(composer.getByTestId('moment-save-state')).toHaveAttribute('data-state', 'saved')
    await app.screenshot({ path: testInfo.outputPath('moment-composer.png'), fullPage: true })
    const composing = sandbox.requestLog.slice(offlineFrom).map((record) => record.path)
    expect(composing.filter((path) => path !== 'gettoken')).toEqual([])

    // The draft is listed (kept locally) with its 3 images.
    const drafts = await call<Array<{ id: string; attachmentCount: number; kind: string }>>(app, 'moments:listDrafts')
    expect(drafts).toHaveLength(1)
    expect(drafts[0]).toMatchObject({ kind: 'image', attachmentCount: 3 })

    // Publish now: the job is followed until WeCom's task result says it is complete.
    await composer.getByTestId('moment-publish').click()
    const dialog = app.getByTestId('moment-publish-dialog')
    await dialog.getByTestId('moment-publish-confirm').click()
    await expect(app.getByTestId('moment-drafts')).toBeVisible()
    const state = app.getByTestId('moment-job-state').first()
    await expect(state).toHaveAttribute('data-state', 'done', { timeout: 30_000 })
    await expect(app.getByTestId('moment-job-result').first()).toContainText('所有执行成员和客户标签都有效')
    await expect(app.getByTestId('moment-draft-state').first()).toHaveText('已发表')
    await app.screenshot({ path: testInfo.outputPath('moment-published.png'), fullPage: true })

    // Opening the published draft says so: publishing it again would send another moment.
    await app.getByTestId('moment-draft-open').first().click()
    await expect(app.getByTestId('moment-published-banner')).toContainText('已发表')
    await expect(app.getByTestId('moment-image')).toHaveCount(3)

    const uploads = sandbox.requestLog.filter((record) => record.path === 'media/upload_attachment' && record.mutated)
    expect(uploads).toHaveLength(3)
    expect(uploads.every((record) => record.query['attachment_type'] === '1')).toBe(true)
    const created = sandbox.requestLog.filter(
      (record) => record.path === 'externalcontact/add_moment_task' && record.mutated,
    )
    expect(created).toHaveLength(1)
    const jobs = await call<Array<{ momentId?: string; state: string }>>(app, 'moments:publishJobs')
    const momentId = jobs[0]?.momentId
    expect(sandbox.state.moments.find((moment) => moment.momentId === momentId)?.content.imageMediaIds).toHaveLength(3)

    // Found in the moments list after a refresh.
    await openFresh(app, '/moments')
    await expect(app.getByTestId('moments-list')).toBeVisible()
    await app.getByTestId('moments-refresh').click()
    await expect(app.getByTestId('moments-fetching')).toBeHidden({ timeout: 30_000 })
    await app.locator('input[data-testid="moments-keyword"]').fill(text)
    const row = app.getByTestId('moments-row').filter({ hasText: text })
    await expect(row).toHaveCount(1, { timeout: 15_000 })
    await expect(row.getByTestId('moments-row-kind')).toHaveAttribute('data-kind', 'image')
    await app.screenshot({ path: testInfo.outputPath('moment-in-list.png'), fullPage: true })
  } finally {
    await sandbox.close()
  }
})
