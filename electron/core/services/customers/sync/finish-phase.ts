import type { PhaseScope } from './scope'

/**
 * After a complete pass only, once every write before it is saved: members, follow relations,
 * customers and groups this run did not see are marked gone (kept, not deleted), and the
 * checkpoint is cleared. Returns the completion time.
 */
export async function finishSync(scope: PhaseScope): Promise<number> {
  const { checkpoint, writer } = scope
  const completedAt = scope.now()
  await writer.whenSaved(writer.queue({ kind: 'finish', completedAt }))
  checkpoint.counts.removed = writer.saved.counts.removed
  return completedAt
}
