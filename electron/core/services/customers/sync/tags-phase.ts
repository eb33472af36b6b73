import { liveTagCount } from '../../../store/repositories/customer-cache'
import type { PhaseScope } from './scope'

/** The corp tag library (get_corp_tag_list), replacing the cached one. */
export async function syncTags(scope: PhaseScope): Promise<void> {
  const { checkpoint } = scope
  const groups = await scope.client.tags.getCorpTagList()
  checkpoint.counts.tags = liveTagCount(groups)
  checkpoint.done += 1
  checkpoint.completed.push('tags')
  scope.writer.queue({ kind: 'tags', groups }, checkpoint)
  scope.progressed()
}
