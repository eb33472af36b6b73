/** What the estimate knows about one batch/get_by_user chain. */
export interface ChainProgress {
  /** Members in the chain's userid_list. */
  members: number
  pages: number
  done: boolean
  /** Members already walked; unknown until this session fetched a page of the chain. */
  covered?: number
}

/**
 * Pages the unfinished chains still need: pages per member observed so far (finished chains and
 * the walked part of running ones) times their members, less the pages they already have; at
 * least one each. No API tells customer counts for free, so this is the only honest guess.
 */
export function remainingChainPages(chains: readonly ChainProgress[]): number {
  let observedPages = 0
  let observedMembers = 0
  for (const chain of chains) {
    const walked = chain.done ? chain.members : chain.covered
    if (!walked) continue
    observedPages += chain.pages
    observedMembers += walked
  }
  const perMember = observedMembers > 0 ? observedPages / observedMembers : 0
  let remaining = 0
  for (const chain of chains) {
    if (!chain.done) remaining += Math.max(1, Math.round(perMember * chain.members - chain.pages))
  }
  return remaining
}

/** Samples older than this no longer count towards the rate: it follows the current phase's pace. */
const RATE_WINDOW_MS = 5_000

/** Calls per ms over the last few seconds, for the ETA. */
export class RateMeter {
  private samples: Array<{ at: number; done: number }> = []

  /** Records that `done` calls were complete at `at` (ms). */
  record(at: number, done: number): void {
    this.samples.push({ at, done })
    while (this.samples.length > 2 && (this.samples[1]?.at ?? at) <= at - RATE_WINDOW_MS) this.samples.shift()
  }

  /** ms until `remaining` more calls are done at the observed pace; undefined before there is a pace. */
  etaMs(remaining: number): number | undefined {
    const first = this.samples[0]
    const last = this.samples[this.samples.length - 1]
    if (!first || !last || last.at <= first.at || last.done <= first.done) return undefined
    return Math.round((remaining * (last.at - first.at)) / (last.done - first.done))
  }
}
