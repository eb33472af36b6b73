/**
 * The documented WeCom limits the console enforces before calling the API (reference §0). One
 * table, used by the renderer as the user types and by the main process authoritatively.
 */
export const WECOM_LIMITS = {
  massMessage: {
    textBytes: 4000,
    attachments: 9,
    externalUseridsPerCall: 10_000,
    chatIdsPerCall: 2000,
    tagsPerFilterGroup: 100,
    link: { titleBytes: 128, descBytes: 512, urlBytes: 2048, picurlBytes: 2048 },
    miniprogram: { titleBytes: 64 },
    remindsPer24h: 3,
    listWindowDays: 31,
    listPageSize: 100,
    taskPageSize: 1000,
  },
  moment: {
    textChars: 2000,
    textBytes: 4000,
    images: 9,
    linkTitleBytes: 64,
    imageBytes: 10 * 1024 * 1024,
    imagePixels: 1_555_200,
    videoBytes: 10 * 1024 * 1024,
    videoSeconds: 30,
    listWindowDays: 30,
    listPageSize: 20,
  },
  welcomeTemplate: {
    perCorp: 100,
    textBytes: 3000,
    link: { titleBytes: 128, descBytes: 512 },
    miniprogram: { titleBytes: 64 },
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
  statistics: { windowDays: 30, historyDays: 180, userids: 100 },
  media: {
    minBytes: 6,
    image: { maxBytes: 10 * 1024 * 1024, types: ['image/jpeg', 'image/png'] },
    voice: { maxBytes: 2 * 1024 * 1024, types: ['audio/amr'] },
    video: { maxBytes: 10 * 1024 * 1024, types: ['video/mp4'] },
    file: { maxBytes: 20 * 1024 * 1024, types: [] as string[] },
    uploadimg: { maxBytes: 2 * 1024 * 1024, types: ['image/jpeg', 'image/png'] },
    /** media_id lives 3 days; re-upload after 2.5 days to keep a safety margin. */
    mediaIdMaxAgeMs: 2.5 * 24 * 3600 * 1000,
  },
} as const
