import type { Moment, WecomClient } from '../../../wecom'
import { listedFingerprint } from './fingerprint'
import type { PublishJob, PublishJournal } from './journal'

const MINUTE_MS = 60_000
/** get_moment_list accepts windows of at most 30 days. */
const LIST_WINDOW_MS = 30 * 24 * 60 * MINUTE_MS

/** Timing of a publish run; the defaults live with the service options. */
export interface PublishTiming {
  /**
   * An attempt younger than this may still be on its way, or WeCom may still be creating the moment
   * (add_moment_task creates it asynchronously): its absence from the list proves nothing yet.
   */
  settleMs: number
  /** First pause between get_moment_task_result polls; doubled each time up to `pollMaxMs`. */
  pollBaseMs: number
  pollMaxMs: number
  now: () => number
  sleep: (ms: number) => Promise<void>
}

/** The pause before poll number `polls + 1`. */
export function pollDelayMs(polls: number, timing: Pick<PublishTiming, 'pollBaseMs' | 'pollMaxMs'>): number {
  return Math.min(timing.pollMaxMs, timing.pollBaseMs * 2 ** Math.min(polls, 20))
}

/**
 * Finds the moment an `in_flight` or `unknown` job created, if its call was carried out (the
 * journal's step 5): corp moments of get_moment_list over [attempt − 5 min, now + 1 min] without a
 * creator (API-created), with the job's fingerprint, not recorded by any job; the oldest wins.
 * Returns its moment_id, or undefined when the call never happened. Errors propagate: nothing may
 * be concluded then.
 */
export async function findPublishedMoment(
  client: WecomClient,
  journal: PublishJournal,
  job: PublishJob,
  timing: PublishTiming,
): Promise<string | undefined> {
  const attemptAt = job.attemptStartedAt ?? job.jobidAt ?? job.createdAt
  const settleFor = attemptAt + timing.settleMs - timing.now()
  if (settleFor > 0) await timing.sleep(settleFor)
  const found: Moment[] = []
  const end = timing.now() + MINUTE_MS
  for (let start = attemptAt - 5 * MINUTE_MS; start < end; start += LIST_WINDOW_MS) {
    const list = client.moments.getMomentList({
      start_time: Math.floor(start / 1000),
      end_time: Math.ceil(Math.min(end, start + LIST_WINDOW_MS) / 1000),
      filter_type: 0,
      limit: 20,
    })
    for await (const moment of list) {
      if (moment.creator || Number(moment.create_type) !== 0) continue
      if (listedFingerprint(moment) !== job.fingerprint) continue
      if (journal.isRecordedMoment(moment.moment_id)) continue
      found.push(moment)
    }
  }
  found.sort((a, b) => Number(a.create_time) - Number(b.create_time))
  return found[0]?.moment_id
}
