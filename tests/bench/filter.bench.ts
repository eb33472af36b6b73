/**
 * `npm run bench:filter`: the Customers page's query (a window of 100 rows + the total) over
 * 100,000 cached customers, timed in the core function the `customers:query` handler calls.
 *
 * The cache is filled the way a user fills it: the real sync (`customers:startSync` through the core) of a
 * 100,000-customer sandbox corp over real HTTP. Three kinds of query, as users make them:
 * - `tags_search`: 200 queries mixing one or two tags (and / or) with a text search: a common
 *   surname, or 2–3 characters of a name, city or company (newest first);
 * - `by_name`: 50 first windows of everyone, sorted by name (ascending and descending);
 * - `offset_50000`: 50 jumps to row 50,000 of everyone (the scrollbar dragged to the middle), in
 *   each sort order.
 * The last line is `customers=N rows=R p50_ms=X p95_ms=Y` and each kind's `<kind>_p50_ms` and
 * `<kind>_p95_ms`: N is the cache size, R the mean total of matches of a `tags_search` query, and
 * `p50_ms` / `p95_ms` the slowest kind's.
 */
import { performance } from 'node:perf_hooks'
import { startSandbox } from '../../electron/core/sandbox'
import { queryCustomers, type CustomerQuery } from '../../electron/core/services/customers/query'
import type { CustomerFilter, CustomerSort } from '../../shared/customers'
import { startCoreOn, syncThroughCore } from '../unit/customers/support'

const CUSTOMERS = 100_000
const MEMBERS = 500
const WARMUP = 20

/** Search terms the way operators type them: surnames, parts of given names, cities, company words. */
const SEARCHES = '王 李 张 刘 陈 杨 黄 王芳 李娜 张伟 上海 北京 杭州 科技 星辰 贸易 amy'.split(' ')
const SORTS: CustomerSort[] = [
  { field: 'addedAt', order: 'desc' },
  { field: 'name', order: 'asc' },
  { field: 'followCount', order: 'desc' },
  { field: 'name', order: 'desc' },
  { field: 'addedAt', order: 'asc' },
]

interface Kind {
  name: string
  queries: CustomerQuery[]
}

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
    const cached = (
      workspace.db.prepare('SELECT count(*) AS n FROM customers WHERE gone_at IS NULL').get() as {
        n: number
      }
    ).n

    const tagIds = (
      workspace.db.prepare('SELECT tag_id AS id FROM tags ORDER BY tag_id').all() as Array<{ id: string }>
    ).map((row) => row.id)
    const pick = <T>(list: readonly T[], i: number, salt: number): T => list[(i * 7919 + salt * 104_729) % list.length]!
    const kinds: Kind[] = [
      {
        name: 'tags_search',
        queries: Array.from({ length: 200 }, (_, i) => {
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
        }),
      },
      {
        name: 'by_name',
        queries: Array.from({ length: 50 }, (_, i) => ({
          filter: {},
          sort: { field: 'name', order: i % 2 === 0 ? 'asc' : 'desc' },
          offset: 0,
          limit: 100,
        })),
      },
      {
        name: 'offset_50000',
        queries: Array.from({ length: 50 }, (_, i) => ({
          filter: {},
          sort: SORTS[i % SORTS.length]!,
          offset: 50_000,
          limit: 100,
        })),
      },
    ]

    const figures: string[] = []
    let worst = { p50: 0, p95: 0 }
    let meanRows = 0
    for (const kind of kinds) {
      const timings: number[] = []
      let totalMatches = 0
      const runs = [...kind.queries.slice(0, WARMUP), ...kind.queries]
      runs.forEach((query, i) => {
        started = performance.now()
        const { total, rows } = queryCustomers(workspace, query)
        const elapsed = performance.now() - started
        if (rows.length !== Math.max(0, Math.min(query.limit, total - query.offset))) {
          throw new Error(`${kind.name}: ${rows.length} rows in a window of ${total} matches`)
        }
        if (i < WARMUP) return
        timings.push(elapsed)
        totalMatches += total
      })
      timings.sort((a, b) => a - b)
      const p50 = percentile(timings, 50)
      const p95 = percentile(timings, 95)
      const rows = Math.round(totalMatches / kind.queries.length)
      if (kind.name === 'tags_search') meanRows = rows
      worst = { p50: Math.max(worst.p50, p50), p95: Math.max(worst.p95, p95) }
      console.log(
        `${kind.name}: ${kind.queries.length} queries, mean matches ${rows}, ` +
          `p50_ms=${p50.toFixed(2)} p95_ms=${p95.toFixed(2)} max_ms=${timings.at(-1)!.toFixed(2)}`,
      )
      figures.push(`${kind.name}_p50_ms=${p50.toFixed(2)} ${kind.name}_p95_ms=${p95.toFixed(2)}`)
    }
    console.log(
      `customers=${cached} rows=${meanRows} p50_ms=${worst.p50.toFixed(2)} p95_ms=${worst.p95.toFixed(2)} ` +
        figures.join(' '),
    )
  } finally {
    await app.close()
    await sandbox.close()
  }
}

await main()
