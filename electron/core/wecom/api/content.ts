/** Message content shapes shared by mass messages and group welcome templates (reference §3, §5). */

/** `media_id` from media/upload (valid 3 days) or `pic_url` from media/uploadimg. */
export interface ImageContent {
  media_id?: string
  pic_url?: string
}

/** title ≤ 128 bytes, desc ≤ 512 bytes, url / picurl ≤ 2,048 bytes. */
export interface LinkContent {
  title: string
  picurl?: string
  desc?: string
  url: string
}

/** title ≤ 64 bytes; the appid must be linked to the corp. */
export interface MiniprogramContent {
  title: string
  pic_media_id: string
  appid: string
  page: string
}

/** A video or file from media/upload. */
export interface MediaContent {
  media_id: string
}

/** One attachment of a mass message (≤ 9 per message). */
export type MessageAttachment =
  | { msgtype: 'image'; image: ImageContent }
  | { msgtype: 'link'; link: LinkContent }
  | { msgtype: 'miniprogram'; miniprogram: MiniprogramContent }
  | { msgtype: 'video'; video: MediaContent }
  | { msgtype: 'file'; file: MediaContent }
