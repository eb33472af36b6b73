import { z } from 'zod'
import {
  momentLoadSchema,
  momentQuerySchema,
  type MomentCreator,
  type MomentListResult,
  type MomentLoadStatus,
  type MomentProgress,
  type MomentSummary,
} from '../moments'
import { call, event, shape } from './define'

const none = z.undefined()
const momentId = z.string().trim().min(1).max(128)

/**
 * moments:* calls of the browse sub-area (mounted with the others in ./moments.ts): the moments
 * cached in the workspace, filled from get_moment_list window by window.
 */
export const momentsBrowseContract = {
  /**
   * One page of the cached moments of a range (newest first) with the filters applied, and what the
   * cache holds of the range (loaded / loading / missing / failed days, last refreshed). No WeCom call.
   * @example await api.moments.list({ from, to, createType: 0, keyword: '新品', offset: 0, limit: 50 })
   */
  list: call(momentQuerySchema, shape<MomentListResult>()),
  /**
   * Fetches the days of a range the cache lacks (plus, with `refresh`, the days that can still
   * change; with `all`, every day) and resolves when they are in (or failed after retries).
   */
  load: call(momentLoadSchema, shape<MomentLoadStatus>()),
  /** The current (or last) fetch run. */
  loadStatus: call(none, shape<MomentLoadStatus>()),
  /** Each step of a fetch run: a window finished or failed. */
  onLoadProgress: event(shape<MomentLoadStatus>()),
  /** One cached moment (`moment_not_cached` when the list never showed it). */
  get: call(z.object({ momentId }).strict(), shape<MomentSummary>()),
  /** Members who created cached moments, most first, for the creator filter. */
  creators: call(none, shape<MomentCreator[]>()),
  /** Corp moments' publish progress (members published / total), read again only when it can have changed. */
  publishProgress: call(
    z.object({ momentIds: z.array(momentId).max(200) }).strict(),
    shape<Array<{ momentId: string; progress: MomentProgress }>>(),
  ),
  /** A moment image as a data URL, kept in the workspace; null when WeCom no longer has it. */
  thumbnail: call(z.object({ mediaId: z.string().trim().min(1).max(256) }).strict(), shape<string | null>()),
} as const
