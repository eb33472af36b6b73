/**
 * `npm run bench:filter`: the Customers page's query (first window of 100 rows + the total) over
 * 100,000 cached customers, timed in the core function the `customers:query` handler calls.
 *
 * The cache is filled the way a user fills it: the real sync (`customers:startSync` through the core) of a
 * 100,000-customer sandbox corp over real HTTP. The workload is 200 queries mixing one or two tags
 * (and / or) with a text search: a common surname, or 2–3 characters of a name, city or company.
 * The last line is `rows=N p50_ms=X p95_ms=Y`, N being the mean total of matches per query.
 */
import { performance } from 'node:perf_hooks'
import { startSandbox } from '../../electron/core/sandbox'
import { queryCustomers, type CustomerQuery } from '../../electron/core/services/customers/query'
import type { CustomerFilter } from '../../shared/customers'
import { startCoreOn, syncThroughCore } from '../unit/customers/support'

const CUSTOMERS = 100_000
const MEMBERS = 500
const QUERIES = 200
const WARMUP = 20

/** Search terms the way operators type them: surnames, parts of given names, cities, company words. */
const SEARCHES = '王 李 张 刘 陈 杨 黄 王芳 李娜 张伟 上海 北京 杭州 科技 星辰 贸易 amy'.split(' ')

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ customers: CUSTOMERS, members: MEMBERS, groups: 0 })
  const app = await startCoreOn(sandbox)
  const { workspace } = app
  try {
    let started = performance.now()
    const synced = await syncThroughCore(app.core)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(`synced: ${synced.counts.customers} customers, ${synced.counts.follows} follows in ${seconds} s`)

    const tagIds = (
      workspace.db.prepare('SELECT tag_id AS id FROM tags ORDER BY tag_id').all() as Array<{ id: string }>
    ).map((row) => row.id)
    const pick = <T>(list: readonly T[], i: number, salt: number): T => list[(i * 7919 + salt * 104_729) % list.length]!
    const queries: CustomerQuery[] = Array.from({ length: QUERIES + WARMUP }, (_, i) => {
      const tags: CustomerFilter['tags'] =
        i % 3 === 0
          ? { mode: 'or', ids: [pick(tagIds, i, 1)] }
          : { mode: i % 3 === 1 ? 'and' : 'or', ids: [pick(tagIds, i, 1), pick(tagIds, i, 2)] }
      return {
        filter: { tags, search: pick(SEARCHES, i, 3) },
        sort: { field: 'addedAt', order: 'desc' },
        offset: 0,
        limit: 100,
      }
    })

    const timings: number[] = []
    let totalMatches = 0
    queries.forEach((query, i) => {
      started = performance.now()
      const { total } = queryCustomers(workspace, query)
      const elapsed = performance.now() - started
      if (i < WARMUP) return
      timings.push(elapsed)
      totalMatches += total
    })
    timings.sort((a, b) => a - b)
    const meanRows = Math.round(totalMatches / QUERIES)
    console.log(`${QUERIES} queries (tag and/or + search, first 100 rows + total); rows = mean total matches per query`)
    console.log(`max_ms=${timings.at(-1)!.toFixed(2)}`)
    console.log(
      `rows=${meanRows} p50_ms=${percentile(timings, 50).toFixed(2)} p95_ms=${percentile(timings, 95).toFixed(2)}`,
    )
  } finally {
    await app.close()
    await sandbox.close()
  }
}

await main()
