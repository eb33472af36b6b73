/**
 * Customer moments (客户朋友圈): the types the browse, detail and publish parts share. A moment's
 * content never changes once WeCom lists it, so the workspace keeps these summaries; only a corp
 * moment's publish progress (get_moment_task) changes over time and carries its own check time.
 */

/** 0 created by the corp (企业发表, via add_moment_task or the admin console), 1 by a member (个人发表). */
export type MomentCreateType = 0 | 1

/** 0 visible to some customers (a tag filter), 1 public to all of the member's customers. */
export type MomentVisibleType = 0 | 1

/** What a moment carries besides text: WeCom allows one kind only (≤ 9 images, 1 video or 1 link). */
export type MomentContentKind = 'text' | 'image' | 'video' | 'link'

export const MOMENT_CONTENT_KINDS: readonly MomentContentKind[] = ['text', 'image', 'video', 'link']

/** One image of a moment: the WeCom media_id (media/get downloads it while WeCom keeps it). */
export interface MomentImage {
  mediaId: string
}

export interface MomentVideo {
  mediaId: string
  /** The cover frame, when WeCom gives one. */
  thumbMediaId?: string
}

export interface MomentLink {
  title: string
  url: string
}

export interface MomentLocation {
  latitude: string
  longitude: string
  name: string
}

/**
 * A corp moment's publish progress: how many executing members have published it (get_moment_task),
 * as of `checkedAt` (ms). Personal moments have none.
 */
export interface MomentProgress {
  published: number
  total: number
  checkedAt: number
}

/** One moment as the workspace caches it from get_moment_list (times in ms). */
export interface MomentSummary {
  momentId: string
  /** The creating member's userid; absent for moments created through the API. */
  creatorUserid?: string
  /** The member's name from the customer cache's member list, when known. */
  creatorName?: string
  createTime: number
  createType: MomentCreateType
  visibleType: MomentVisibleType
  /** The text ('' when the moment has only attachments). */
  text: string
  /** The attachment kind, or 'text' for a text-only moment. */
  kind: MomentContentKind
  images: MomentImage[]
  video?: MomentVideo
  link?: MomentLink
  location?: MomentLocation
  /** Corp moments only, once get_moment_task has been read. */
  progress?: MomentProgress
}

/** The content kind of a moment from its parts (one kind only, as WeCom allows). */
export function momentKind(parts: Pick<MomentSummary, 'images' | 'video' | 'link'>): MomentContentKind {
  if (parts.images.length > 0) return 'image'
  if (parts.video) return 'video'
  if (parts.link) return 'link'
  return 'text'
}
