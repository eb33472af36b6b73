import { momentsBrowseContract } from './moments-browse'
import { momentsDetailContract } from './moments-detail'
import { momentsPublishContract } from './moments-publish'

/**
 * The moments domain's calls and events: browse (the cached list), detail (one moment's members,
 * viewers and interactions, and acting on them) and publish (drafts, exactly-once publish jobs).
 * Each sub-area keeps its calls in its own file.
 */
export const momentsContract = {
  ...momentsBrowseContract,
  ...momentsDetailContract,
  ...momentsPublishContract,
} as const
