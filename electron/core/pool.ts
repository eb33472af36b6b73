/**
 * Runs `work` over `items` with at most `concurrency` at once, in order. Once `stopping()` says so
 * or one item fails, no new item starts; items already running finish (each gets a `halted`
 * check to stop between its own calls). Rejects with the first failure after every started item
 * has settled, so nothing is still writing when the caller moves on.
 */
export async function runWorkers<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, halted: () => boolean) => Promise<void>,
  stopping: () => boolean,
): Promise<void> {
  let next = 0
  let failure: { error: unknown } | undefined
  const halted = () => failure !== undefined || stopping()
  const worker = async () => {
    while (!halted() && next < items.length) {
      const item = items[next++] as T
      try {
        await work(item, halted)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  if (failure) throw failure.error
}
