import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { tagLibrary } from '../../services/tags/library'
import { addTags, editTag, removeTags, type TagWriteDeps } from '../../services/tags/writes'

/** tags:* — the corp tag library: read from the cache; writes go to WeCom first, then the cache. */
export function tagsHandlers(ctx: CoreContext): Handlers['tags'] {
  const deps = (): TagWriteDeps => ({ workspace: ctx.workspace(), client: () => ctx.connection.client() })
  return {
    list: async () => tagLibrary(ctx.workspace()),
    add: async (input) => addTags(deps(), input),
    edit: async (input) => editTag(deps(), input),
    remove: async (input) => removeTags(deps(), input),
  }
}
