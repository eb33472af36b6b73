/**
 * The demo corp's data model: what the sandbox stores. Handlers turn these records into WeCom's
 * snake_case wire format; values that can be derived (avatars, task progress, statistics) are
 * derived at request time instead of being stored.
 */

/** A node of the department tree (department/list). */
export interface Department {
  id: number
  name: string
  nameEn: string
  parentId: number
  order: number
}

/** A member with 客户联系 enabled (a follow user). */
export interface Member {
  userid: string
  name: string
  departmentIds: number[]
  position: string
  gender: 1 | 2
}

/** One member's relation to one customer: remark, tags and how the customer was added. */
export interface FollowRelation {
  userid: string
  remark: string
  description: string
  /** Unix seconds. */
  createTime: number
  tagIds: string[]
  remarkCorpName: string
  remarkMobiles: string[]
  addWay: number
  operUserid: string
  state: string
}

/** An external contact (客户) and every member who follows them. */
export interface Customer {
  externalUserid: string
  name: string
  /** 1 WeChat user, 2 WeCom user. */
  type: 1 | 2
  gender: 0 | 1 | 2
  /** Empty for WeCom users. */
  unionid: string
  corpName: string
  corpFullName: string
  position: string
  follows: FollowRelation[]
}

/** A corp tag (企业标签). */
export interface CorpTag {
  id: string
  name: string
  /** Unix seconds. */
  createTime: number
  order: number
}

/** A corp tag group; only groups created through the API may be edited or deleted by the API. */
export interface CorpTagGroup {
  groupId: string
  groupName: string
  createTime: number
  order: number
  createdByApi: boolean
  tags: CorpTag[]
}

/** A member or customer in a customer group. */
export interface GroupChatMember {
  userid: string
  /** 1 member, 2 external contact. */
  type: 1 | 2
  unionid: string
  /** Unix seconds. */
  joinTime: number
  /** 1 direct invite, 2 invite link, 3 QR scan. */
  joinScene: 1 | 2 | 3
  invitor: string
  groupNickname: string
  name: string
}

/** A customer group (客户群). `version` counts membership changes; the wire member_version derives from it. */
export interface GroupChat {
  chatId: string
  name: string
  owner: string
  createTime: number
  notice: string
  /** 0 normal, 1 owner resigned, 2 inheriting, 3 inherited. */
  status: 0 | 1 | 2 | 3
  members: GroupChatMember[]
  admins: string[]
  version: number
}

/** A validated attachment kept exactly as WeCom returns it (`{ msgtype, image: {...} }` …). */
export type MessageAttachment = { msgtype: string } & Record<string, unknown>

/** One member's share of a mass message: the recipients (external_userids or chat_ids) and when the member sends. */
export interface MassMessageTask {
  userid: string
  /** Delay after creation at task speed 1; Infinity when the member never sends. */
  sendDelayMs: number
  recipients: string[]
}

/** A mass message (企业群发). Per-recipient outcomes derive from a hash, see progress.ts. */
export interface MassMessage {
  msgid: string
  chatType: 'single' | 'group'
  /** 0 corp, 1 personal. */
  createType: 0 | 1
  /** Absent for API-created messages. */
  creator: string | undefined
  createdAtMs: number
  text: string
  attachments: MessageAttachment[]
  tasks: MassMessageTask[]
  cancelledAtMs: number | undefined
  reminderTimesMs: number[]
}

/** One executor of a moment: publishes after a delay, or never. */
export interface MomentTask {
  userid: string
  /** Delay after creation at task speed 1; Infinity when the member never publishes. */
  publishDelayMs: number
}

/** What a moment shows: text plus ≤ 9 images, or 1 video, or 1 link. */
export interface MomentContent {
  text: string
  imageMediaIds: string[]
  videoMediaId: string | undefined
  /** The video's cover frame (get_moment_list's video.thumb_media_id), when there is one. */
  videoThumbMediaId?: string | undefined
  link: { title: string; url: string; mediaId: string } | undefined
  location: { latitude: string; longitude: string; name: string } | undefined
}

/**
 * A moment (客户朋友圈 post). The customers who see it derive from the executors' current follow
 * relations narrowed by `customerTagIds`, so nothing per customer is stored.
 */
export interface Moment {
  momentId: string
  createType: 0 | 1
  creator: string | undefined
  createdAtMs: number
  /** When the creation job completes and the moment shows in get_moment_list. */
  listedFromMs: number
  /** 0 partial (tag filtered), 1 public. */
  visibleType: 0 | 1
  content: MomentContent
  customerTagIds: string[]
  tasks: MomentTask[]
  cancelledAtMs: number | undefined
  /** When the member deleted it: from then on get_moment_list no longer returns it. */
  deletedAtMs?: number | undefined
}

/** The asynchronous job behind add_moment_task. */
export interface MomentJob {
  jobid: string
  createdAtMs: number
  momentId: string
  invalidUserids: string[]
  invalidDepartmentIds: number[]
  invalidTagIds: string[]
}

/** Attachment kinds of mass messages and group welcome templates. */
export type AttachmentKind = 'image' | 'link' | 'miniprogram' | 'file' | 'video'

/** A group welcome template: optional text plus at most one non-text part. */
export interface WelcomeTemplate {
  templateId: string
  createdByApi: boolean
  text: string | undefined
  attachment: { kind: AttachmentKind; fields: Record<string, unknown> } | undefined
  notify: 0 | 1
}

/** The `type` of temporary media. */
export type MediaKind = 'image' | 'voice' | 'video' | 'file'

/**
 * Uploaded or seeded media. `source` records which upload API produced it: moments accept only
 * `attachment` media with attachment_type 1, messages only `upload` media. Seeded media never expire.
 */
export interface MediaItem {
  mediaId: string
  kind: MediaKind
  source: 'upload' | 'attachment' | 'seed'
  attachmentType: 1 | 2 | undefined
  filename: string
  contentType: string
  bytes: Uint8Array
  createdAtMs: number
}

/** A permanent image from media/uploadimg, served by the sandbox under /sandbox/images/. */
export interface HostedImage {
  id: string
  filename: string
  contentType: string
  bytes: Uint8Array
}

/** The whole demo corp. Indexes (`…ById`, `customersByMember`) are kept in step with the lists. */
export interface SandboxState {
  readonly corpid: string
  readonly seed: number
  /** 00:00 China time of the day the corp was seeded; seeded times are before it. */
  readonly seededDayMs: number
  departments: Department[]
  members: Member[]
  memberById: Map<string, Member>
  customers: Customer[]
  customerById: Map<string, Customer>
  /** Customers per follower, in the order they were added. */
  customersByMember: Map<string, Customer[]>
  tagGroups: CorpTagGroup[]
  groupChats: GroupChat[]
  groupChatById: Map<string, GroupChat>
  massMessages: MassMessage[]
  moments: Moment[]
  momentJobs: Map<string, MomentJob>
  welcomeTemplates: WelcomeTemplate[]
  media: Map<string, MediaItem>
  hostedImages: Map<string, HostedImage>
}
