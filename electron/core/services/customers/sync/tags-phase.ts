import type { PhaseScope } from './scope'

/** The corp tag library (get_corp_tag_list), replacing the cached one. */
export async function syncTags(scope: PhaseScope): Promise<void> {
  const { checkpoint } = scope
  const groups = await scope.client.tags.getCorpTagList()
  scope.workspace.transaction(() => {
    checkpoint.counts.tags = scope.cache.replaceTagLibrary(groups, scope.now()).tags
    checkpoint.done += 1
    checkpoint.completed.push('tags')
    scope.store.saveCheckpoint(checkpoint)
  })
  scope.progressed()
}
