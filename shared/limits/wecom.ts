/**
 * The documented WeCom limits the console enforces before calling the API (reference §0). One
 * table, used by the renderer as the user types and by the main process authoritatively. Features
 * add their section when they land.
 */
export const WECOM_LIMITS = {
  massMessage: {
    textBytes: 4000,
    attachments: 9,
    externalUseridsPerCall: 10_000,
    chatIdsPerCall: 2000,
    link: { titleBytes: 128, descBytes: 512, urlBytes: 2048, picurlBytes: 2048 },
    miniprogram: { titleBytes: 64 },
    remindsPer24h: 3,
    /** get_groupmsg_list_v2 allows "one month"; 30 days is within it whatever the month. */
    listWindowDays: 30,
    listPageSize: 100,
    taskPageSize: 1000,
  },
  /** add_moment_task (reference §0.3, §4.1): EITHER ≤ 9 images OR 1 video OR 1 link, no mixing. */
  moment: {
    textChars: 2000,
    textBytes: 4000,
    images: 9,
    image: { maxBytes: 10 * 1024 * 1024, maxPixels: 1_555_200, types: ['image/jpeg', 'image/png'] },
    video: { maxBytes: 10 * 1024 * 1024, maxSeconds: 30, types: ['video/mp4'] },
    link: { titleBytes: 64, urlBytes: 2048 },
    /** get_moment_task_result answers for a jobid for 24 h. */
    jobidValidMs: 24 * 3600 * 1000,
    /** visible_range.sender_list.user_list. */
    senders: 100_000,
  },
  /** Group welcome templates (入群欢迎语素材, reference §0.4, §5). */
  welcomeTemplate: {
    /** add says 3,000; the edit section's 4,000 is a doc inconsistency: 3,000 everywhere. */
    textBytes: 3000,
    perCorp: 100,
    /** The library warns from this many templates on. */
    warnAt: 90,
    link: { titleBytes: 128, descBytes: 512, urlBytes: 2048, picurlBytes: 2048 },
    miniprogram: { titleBytes: 64 },
    /** media/uploadimg (the permanent pic_url a template keeps): 2 MB, JPG / PNG. */
    hostedImageMaxBytes: 2 * 1024 * 1024,
    /** Deleted templates stay in the "deleted" view this long. */
    deletedKeepDays: 30,
  },
  customer: {
    remarkChars: 20,
    descriptionChars: 150,
    remarkCompanyChars: 20,
    batchUserids: 100,
    batchPageSize: 100,
  },
  tag: { nameChars: 30, perCorp: 3000 },
  groupchat: { listPageSize: 1000, ownerFilter: 100 },
  media: {
    minBytes: 6,
    image: { maxBytes: 10 * 1024 * 1024, types: ['image/jpeg', 'image/png'] },
    video: { maxBytes: 10 * 1024 * 1024, types: ['video/mp4'] },
    file: { maxBytes: 20 * 1024 * 1024, types: [] as string[] },
    /** media_id lives 3 days; re-upload after 2.5 days to keep a safety margin. */
    mediaIdMaxAgeMs: 2.5 * 24 * 3600 * 1000,
  },
} as const

/** The media/upload kinds with a size and type rule. */
type MediaKind = 'image' | 'video' | 'file'

/** The file types a media kind accepts, as users know them: `JPG / PNG`, `MP4`; '' when any type goes. */
export function mediaTypeNames(kind: MediaKind): string {
  return WECOM_LIMITS.media[kind].types
    .map((type) => (type === 'image/jpeg' ? 'JPG' : (type.split('/')[1] ?? type).toUpperCase()))
    .join(' / ')
}

/** The `accept` list of a file input for a media kind: `image/jpeg,image/png`; '' when any type goes. */
export function mediaAccept(kind: MediaKind): string {
  return WECOM_LIMITS.media[kind].types.join(',')
}
