import { z } from 'zod'
import {
  momentDraftInputSchema,
  visibleRangeSchema,
  type DraftPublish,
  type MomentDraft,
  type MomentDraftSummary,
  type MomentMedia,
  type PublishJobSummary,
  type RangeEstimate,
  type RangeOptions,
} from '../moments-publish'
import { call, event, shape } from './define'

const none = z.undefined()
const id = z.string().trim().min(1).max(128)

/**
 * moments:* calls of the publish sub-area (mounted with the others in ./moments.ts): offline
 * drafts with local media, the visible-range pickers and estimate, and exactly-once publishing.
 */
export const momentsPublishContract = {
  /** Newest first; works with no network. */
  listDrafts: call(none, shape<MomentDraftSummary[]>()),
  getDraft: call(z.object({ id }).strict(), shape<MomentDraft & { publish?: DraftPublish }>()),
  /** Autosave: creates (no id) or updates a draft; lenient so nothing typed is refused. */
  saveDraft: call(momentDraftInputSchema, shape<MomentDraftSummary>()),
  duplicateDraft: call(z.object({ id }).strict(), shape<MomentDraftSummary>()),
  removeDraft: call(z.object({ id }).strict(), shape<{ id: string }>()),
  /**
   * Keeps a picked image or video locally (uploaded only at publish), after checking the moments
   * rules (type, size, pixels, duration); a file that breaks one is refused, naming the rule.
   */
  addDraftMedia: call(
    z
      .object({
        kind: z.enum(['image', 'video']),
        filename: z.string().trim().min(1).max(255),
        contentType: z.string().max(100),
        dataBase64: z.string().max(16 * 1024 * 1024),
      })
      .strict(),
    shape<MomentMedia>(),
  ),
  /** A kept image as a data: URL, for the composer's preview. */
  draftMediaDataUrl: call(z.object({ localMediaId: id }).strict(), shape<{ dataUrl: string }>()),
  /** Members, departments and corp tags to choose the visible range from (the cache). */
  rangeOptions: call(none, shape<RangeOptions>()),
  /** How many customers will be able to see it, estimated from the cache. */
  estimateRange: call(z.object({ range: visibleRangeSchema }).strict(), shape<RangeEstimate>()),
  /** Publishes a draft now, or at `scheduledAt` (ms); exactly once, resumable after a crash. */
  publish: call(
    z.object({ draftId: id, scheduledAt: z.number().int().positive().optional() }).strict(),
    shape<PublishJobSummary>(),
  ),
  publishJobs: call(none, shape<PublishJobSummary[]>()),
  /** Cancels a scheduled publish that has not started. */
  cancelPublish: call(z.object({ jobId: id }).strict(), shape<PublishJobSummary>()),
  onPublishUpdate: event(shape<PublishJobSummary>()),
} as const
