import { runWorkers } from '../../../pool'

/**
 * Runs `work` over `items` with at most `limit` calls in flight (the sync's worker pool) and
 * returns the results in the items' order. After a failure no new call starts; it rejects with the
 * first failure once the calls already started have settled.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  await runWorkers(
    items.map((item, index) => ({ item, index })),
    limit,
    async ({ item, index }) => {
      results[index] = await work(item, index)
    },
    () => false,
  )
  return results
}
