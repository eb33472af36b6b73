import type { Day } from '../../../../../shared/date'
import type { MomentCoverage, MomentListResult, MomentQuery, MomentWindowState } from '../../../../../shared/moments'
import type { Workspace } from '../../../store/workspace'
import { MomentCache } from './cache'
import type { MomentsLoader } from './loader'
import { daysOfRange } from './windows'

type DayState = MomentWindowState['state']

/**
 * What the cache holds of a range: its days grouped into runs of one state (loaded, loading,
 * missing, failed with why), how many are not in the cache yet, and when it was last fetched.
 */
export function coverageOf(
  workspace: Workspace,
  loader: Pick<MomentsLoader, 'loadingDays' | 'failures'>,
  from: number,
  to: number,
  now: number = Date.now(),
): MomentCoverage {
  const days = daysOfRange(from, to, now)
  const fetched = workspace.repository(MomentCache).fetchedDays(days)
  const loading = loader.loadingDays()
  const failures = loader.failures()
  const stateOf = (day: Day): { state: DayState; message?: string } => {
    if (loading.has(day)) return { state: 'loading' }
    if (fetched.has(day)) return { state: 'loaded' }
    const message = failures.get(day)
    return message === undefined ? { state: 'missing' } : { state: 'failed', message }
  }
  // The days are consecutive: a run goes on while the state (and reason) stays the same.
  const windows: MomentWindowState[] = []
  let missingDays = 0
  for (const day of days) {
    const { state, message } = stateOf(day)
    if (state !== 'loaded') missingDays++
    const last = windows[windows.length - 1]
    if (last && last.state === state && last.message === message) {
      last.lastDay = day
      continue
    }
    windows.push({ firstDay: day, lastDay: day, state, ...(message === undefined ? {} : { message }) })
  }
  const coverage: MomentCoverage = { windows, missingDays }
  const latest = Math.max(0, ...fetched.values())
  if (latest > 0) coverage.lastRefreshedAt = latest
  return coverage
}

/** One page of the cached moments of a range with the filters applied, and the range's coverage. */
export function listCachedMoments(
  workspace: Workspace,
  loader: Pick<MomentsLoader, 'loadingDays' | 'failures'>,
  query: Required<Pick<MomentQuery, 'from' | 'to' | 'offset' | 'limit'>> & MomentQuery,
  now: number = Date.now(),
): MomentListResult {
  const { rows, total } = workspace.repository(MomentCache).query(query, query.offset, query.limit)
  return { rows, total, coverage: coverageOf(workspace, loader, query.from, query.to, now) }
}
