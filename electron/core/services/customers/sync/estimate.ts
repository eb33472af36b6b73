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

/**
 * How fast the rate forgets: an interval this old weighs half as much as the latest one. Long enough
 * that the waves of answers (8 calls in flight land together, the limiter now and then pauses a
 * path) average out; short enough that a new phase's pace takes over within seconds.
 */
const RATE_HALF_LIFE_MS = 8_000
/** Answers closer together than this are folded into one interval: a wave of 8 is one step, not 8. */
const MIN_INTERVAL_MS = 250

/**
 * Calls per ms over an exponentially fading window, for the ETA. A fixed window's rate jumps
 * whenever a wave of answers enters or leaves it (27 → 11 → 17 → 6 s); here every interval's calls
 * and time fade by half every `RATE_HALF_LIFE_MS`, so one wave moves the rate a little, a lasting
 * change of pace moves it all the way, and the first seconds are an honest calls / time.
 */
export class RateMeter {
  private last: { at: number; done: number } | undefined
  /** Faded calls and faded ms; their ratio is the rate. */
  private calls = 0
  private ms = 0

  /** Records that `done` calls were complete at `at` (ms). */
  record(at: number, done: number): void {
    const last = this.last
    if (!last || done < last.done) {
      this.last = { at, done }
      return
    }
    const interval = at - last.at
    if (interval < MIN_INTERVAL_MS) return
    const fade = 2 ** (-interval / RATE_HALF_LIFE_MS)
    this.calls = this.calls * fade + (done - last.done)
    this.ms = this.ms * fade + interval
    this.last = { at, done }
  }

  /** ms until `remaining` more calls are done at the observed pace; undefined before there is a pace. */
  etaMs(remaining: number): number | undefined {
    if (this.calls <= 0 || this.ms <= 0) return undefined
    return Math.round((remaining * this.ms) / this.calls)
  }
}
