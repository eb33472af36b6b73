import { DAY_MS, HOUR_MS, MINUTE_MS } from '../clock'
import type { MediaItem, Member, Moment, MomentContent } from '../model'
import type { SeededRandom } from '../random'
import type { SeededAudience } from './content'
import { LINK_TITLES, MOMENT_TEXTS } from './vocabulary'

/** How far back the seeded moments go: WeCom lists the last 180 days. */
export const MOMENT_HISTORY_DAYS = 180
/** A corp moment (企业发表) every CORP_EVERY_DAYS days, by the admin or through the API. */
const CORP_EVERY_DAYS = 2
/** Personal moments (个人发表) per member over the whole history: uniform in this range. */
const PERSONAL_PER_MEMBER: readonly [number, number] = [6, 18]
/** Share of personal moments the member deleted later (get_moment_list no longer returns them). */
const DELETED_RATE = 0.03
/** Share of corp moments created through the API (WeCom returns no creator for them). */
const API_CREATED_RATE = 0.3
/** Share of member tasks of a corp moment that are never published. */
const NEVER_PUBLISHED_RATE = 0.12

/** What the seeded texts talk about, so the keyword search has something to tell apart. */
const TOPICS: readonly string[] = [
  '会员日',
  '新品',
  '直播',
  '门店活动',
  '积分兑换',
  '护肤小课堂',
  '客户故事',
  '限时秒杀',
  '节日祝福',
  '售后服务',
  '春季上新',
  '粉丝福利',
]
const CITIES: readonly string[] = ['上海', '北京', '广州', '深圳', '杭州', '成都', '南京', '武汉']
const LOCATIONS: ReadonlyArray<{ latitude: string; longitude: string; name: string }> = [
  { latitude: '31.230416', longitude: '121.473701', name: '上海市黄浦区' },
  { latitude: '39.915119', longitude: '116.403963', name: '北京市东城区' },
  { latitude: '23.129110', longitude: '113.264385', name: '广州市越秀区' },
]
/** A 1×1 PNG for every seeded image, and a few bytes standing in for a seeded video. */
const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const PLACEHOLDER_MP4 = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex')

/**
 * About six months of moments for the demo corp: a corp moment every other day (most by the admin
 * member, some through the API without a creator; executed by everyone or one department, a third
 * narrowed to a customer tag) and 6–18 personal moments per member, a few of them deleted since.
 * Text, images (1–9), a video, a link or a location, as WeCom's list returns them. Deterministic for
 * a seed and a day; one random stream, so other domains' data do not move when this changes.
 */
export function seedMoments(random: SeededRandom, audience: SeededAudience): Moment[] {
  const moments: Moment[] = []
  const admin = random.pick(audience.members).userid
  for (let daysAgo = MOMENT_HISTORY_DAYS - 1; daysAgo >= 1; daysAgo -= CORP_EVERY_DAYS) {
    moments.push(corpMoment(random, audience, random.chance(API_CREATED_RATE) ? undefined : admin, daysAgo))
  }
  const [fewest, most] = PERSONAL_PER_MEMBER
  for (const member of audience.members) {
    const count = random.int(fewest, most)
    for (let i = 0; i < count; i++) moments.push(personalMoment(random, audience, member.userid))
  }
  return moments.sort((a, b) => a.createdAtMs - b.createdAtMs)
}

/** A time between 08:00 and 22:00 China time, `daysAgo` days before the seed day (1–179 when omitted). */
function seededTimeMs(random: SeededRandom, seededDayMs: number, daysAgo?: number): number {
  const days = daysAgo ?? random.int(1, MOMENT_HISTORY_DAYS - 1)
  // Whole seconds, as WeCom's create_time is.
  return seededDayMs - days * DAY_MS + random.int(8 * 3600, 22 * 3600) * 1000
}

function corpMoment(random: SeededRandom, audience: SeededAudience, creator: string | undefined, daysAgo: number) {
  const createdAtMs = seededTimeMs(random, audience.seededDayMs, daysAgo)
  const executors = random.chance(0.5) ? audience.members : departmentOf(random, audience.members)
  const tagGroup = random.pick(audience.tagGroups)
  const customerTagIds = random.chance(0.3) && tagGroup.tags.length > 0 ? [random.pick(tagGroup.tags).id] : []
  const moment: Moment = {
    momentId: `mom${random.token(30)}`,
    createType: 0,
    creator,
    createdAtMs,
    listedFromMs: createdAtMs,
    visibleType: customerTagIds.length > 0 ? 0 : 1,
    content: content(random, audience),
    customerTagIds,
    tasks: executors.map((member) => ({
      userid: member.userid,
      publishDelayMs: random.chance(NEVER_PUBLISHED_RATE) ? Infinity : random.int(10 * MINUTE_MS, 48 * HOUR_MS),
    })),
    cancelledAtMs: undefined,
  }
  return moment
}

function personalMoment(random: SeededRandom, audience: SeededAudience, userid: string): Moment {
  const createdAtMs = seededTimeMs(random, audience.seededDayMs)
  const deleted = random.chance(DELETED_RATE)
  return {
    momentId: `mom${random.token(30)}`,
    createType: 1,
    creator: userid,
    createdAtMs,
    listedFromMs: createdAtMs,
    visibleType: random.chance(0.2) ? 0 : 1,
    content: content(random, audience),
    customerTagIds: [],
    tasks: [{ userid, publishDelayMs: 0 }],
    cancelledAtMs: undefined,
    deletedAtMs: deleted ? createdAtMs + random.int(1, 72) * HOUR_MS : undefined,
  }
}

/** Members of one randomly chosen department (everyone when it has none). */
function departmentOf(random: SeededRandom, members: readonly Member[]): readonly Member[] {
  const departmentId = random.pick(members).departmentIds[0]
  const slice = members.filter((member) => member.departmentIds[0] === departmentId)
  return slice.length > 0 ? slice : members
}

function seededText(random: SeededRandom): string {
  const topic = random.pick(TOPICS)
  const roll = random.next()
  if (roll < 0.1) return ''
  if (roll < 0.55) return `【${topic}】${random.pick(MOMENT_TEXTS)}`
  return `${random.pick(CITIES)}${topic}：${random.pick(MOMENT_TEXTS)}`
}

/** ~55% images (1–9), 10% a video, 15% a link, the rest text only; 10% carry a location. */
function content(random: SeededRandom, audience: SeededAudience): MomentContent {
  const roll = random.next()
  let text = seededText(random)
  const images = roll < 0.55 ? Array.from({ length: random.int(1, 9) }, () => seedMedia(random, audience, 'image')) : []
  const video = roll >= 0.55 && roll < 0.65
  const link = roll >= 0.65 && roll < 0.8
  // WeCom refuses a moment with neither text nor attachments.
  if (!text && images.length === 0 && !video && !link) text = random.pick(MOMENT_TEXTS)
  return {
    text,
    imageMediaIds: images,
    videoMediaId: video ? seedMedia(random, audience, 'video') : undefined,
    videoThumbMediaId: video ? seedMedia(random, audience, 'image') : undefined,
    link: link
      ? {
          title: random.pick(LINK_TITLES),
          url: `https://example.com/campaign/${random.token(6)}`,
          mediaId: seedMedia(random, audience, 'image'),
        }
      : undefined,
    location: random.chance(0.1) ? random.pick(LOCATIONS) : undefined,
  }
}

/** Registers a seeded image or video so media/get serves it; seeded media never expire. */
function seedMedia(random: SeededRandom, audience: SeededAudience, kind: 'image' | 'video'): string {
  const mediaId = `3${random.token(63)}`
  const item: MediaItem = {
    mediaId,
    kind,
    source: 'seed',
    attachmentType: undefined,
    filename: `${mediaId.slice(0, 8)}.${kind === 'image' ? 'png' : 'mp4'}`,
    contentType: kind === 'image' ? 'image/png' : 'video/mp4',
    bytes: kind === 'image' ? PLACEHOLDER_PNG : PLACEHOLDER_MP4,
    createdAtMs: audience.seededDayMs,
  }
  audience.media.set(mediaId, item)
  return mediaId
}
