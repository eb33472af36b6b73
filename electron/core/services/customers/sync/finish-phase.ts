import type { PhaseScope } from './scope'

/**
 * After a complete pass only: members, follow relations, customers and groups this run did not
 * see are marked gone (kept, not deleted), and the checkpoint is cleared. Returns the completion time.
 */
export function finishSync(scope: PhaseScope): number {
  const { checkpoint, cache } = scope
  const completedAt = scope.now()
  scope.workspace.transaction(() => {
    cache.markMembersGone(checkpoint.runStartedAt, completedAt)
    checkpoint.counts.removed = cache.markCustomersGone(checkpoint.runStartedAt, completedAt).customers
    cache.markGroupsGone(checkpoint.runStartedAt, completedAt)
    scope.store.complete(completedAt)
  })
  return completedAt
}
