import type { StatisticsCache, SubjectKind } from './cache'
import { planWindows, planWindowsWhere, type Window } from './days'

/**
 * The windows each subject needs at `now`: every day of [first, last] not in the cache, plus the
 * provisional days that are due (see the cache's SKIP rule). A subject's rows usually form one run
 * (a first fill, then daily refreshes): then its count, oldest and newest day (index seeks) and
 * the few due provisional rows (a partial index) are enough; otherwise its days are read.
 */
export function planSubjects(
  cache: StatisticsCache,
  kind: SubjectKind,
  subjects: readonly string[],
  first: number,
  last: number,
  now: number,
): Map<string, Window[]> {
  const due = cache.dueDays(kind, first, last, now)
  const plans = new Map<string, Window[]>()
  for (const subject of subjects) {
    const span = cache.span(kind, subject, first, last)
    const dueDays = due.get(subject)
    if (span.count === 0) plans.set(subject, planWindows(first, last, []))
    else if (span.max - span.min + 1 === span.count)
      plans.set(
        subject,
        planWindowsWhere(first, last, (day) => day >= span.min && day <= span.max && !dueDays?.has(day)),
      )
    else
      plans.set(
        subject,
        planWindows(
          first,
          last,
          kind === 'member'
            ? cache.memberSkipDays(subject, first, last, now)
            : cache.ownerSkipDays(subject, first, last, now),
        ),
      )
  }
  return plans
}
