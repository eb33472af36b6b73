import { DAY_MS, HOUR_MS, MINUTE_MS } from '../clock'
import type {
  CorpTagGroup,
  Customer,
  GroupChat,
  MassMessage,
  MassMessageTask,
  MediaItem,
  Member,
  MessageAttachment,
  Moment,
  MomentContent,
  WelcomeTemplate,
} from '../model'
import type { SeededRandom } from '../random'
import { LINK_TITLES, MASS_MESSAGE_TEXTS, MOMENT_TEXTS } from './vocabulary'

/** A 1×1 PNG served for every seeded image media_id. */
const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const HISTORY_DAYS = 90
/** Share of member tasks (mass messages, corp moments) that are never completed. */
const NEVER_DONE_RATE = 0.12

/** What the content seeders read from the already-seeded corp. */
export interface SeededAudience {
  members: readonly Member[]
  customersByMember: ReadonlyMap<string, readonly Customer[]>
  groupChats: readonly GroupChat[]
  tagGroups: readonly CorpTagGroup[]
  seededDayMs: number
  media: Map<string, MediaItem>
}

/** A time during working hours `daysAgo` days before the seed day (a random one of the last 90 when omitted). */
function historicTimeMs(random: SeededRandom, seededDayMs: number, daysAgo = random.int(1, HISTORY_DAYS)): number {
  return seededDayMs - daysAgo * DAY_MS + random.int(9 * HOUR_MS, 21 * HOUR_MS)
}

/** Registers a seeded image so media/get can serve it; seeded media never expire. */
function seedImage(random: SeededRandom, audience: SeededAudience): string {
  const mediaId = `3${random.token(63)}`
  audience.media.set(mediaId, {
    mediaId,
    kind: 'image',
    source: 'seed',
    attachmentType: undefined,
    filename: `${mediaId.slice(0, 8)}.png`,
    contentType: 'image/png',
    bytes: PLACEHOLDER_PNG,
    createdAtMs: audience.seededDayMs,
  })
  return mediaId
}

function taskDelayMs(random: SeededRandom, minMs: number, maxMs: number): number {
  return random.chance(NEVER_DONE_RATE) ? Infinity : random.int(minMs, maxMs)
}

/** 90 days of corp-created (every ~3 days) and personal (0–5 per member) moments. */
export function seedMoments(random: SeededRandom, audience: SeededAudience): Moment[] {
  const moments: Moment[] = []
  const corpCreator = random.pick(audience.members).userid
  for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo -= 3) {
    moments.push(corpMoment(random, audience, corpCreator, daysAgo))
  }
  for (const member of audience.members) {
    const count = random.int(0, 5)
    for (let i = 0; i < count; i++) moments.push(personalMoment(random, audience, member.userid))
  }
  return moments.sort((a, b) => a.createdAtMs - b.createdAtMs)
}

function corpMoment(random: SeededRandom, audience: SeededAudience, creator: string, daysAgo: number): Moment {
  const createdAtMs = historicTimeMs(random, audience.seededDayMs, daysAgo)
  const executors = random.chance(0.5) ? audience.members : departmentSlice(random, audience.members)
  const tagGroup = random.pick(audience.tagGroups)
  const customerTagIds = random.chance(0.3) && tagGroup.tags.length > 0 ? [random.pick(tagGroup.tags).id] : []
  return {
    momentId: `mom${random.token(30)}`,
    createType: 0,
    creator,
    createdAtMs,
    listedFromMs: createdAtMs,
    visibleType: customerTagIds.length > 0 ? 0 : 1,
    content: momentContent(random, audience),
    customerTagIds,
    tasks: executors.map((member) => ({
      userid: member.userid,
      publishDelayMs: taskDelayMs(random, 10 * MINUTE_MS, 48 * HOUR_MS),
    })),
    cancelledAtMs: undefined,
  }
}

/** Members of one randomly chosen department (or everyone if it is empty). */
function departmentSlice(random: SeededRandom, members: readonly Member[]): readonly Member[] {
  const departmentId = random.pick(members).departmentIds[0]
  const slice = members.filter((member) => member.departmentIds[0] === departmentId)
  return slice.length > 0 ? slice : members
}

function personalMoment(random: SeededRandom, audience: SeededAudience, userid: string): Moment {
  const createdAtMs = historicTimeMs(random, audience.seededDayMs)
  return {
    momentId: `mom${random.token(30)}`,
    createType: 1,
    creator: userid,
    createdAtMs,
    listedFromMs: createdAtMs,
    visibleType: 1,
    content: momentContent(random, audience),
    customerTagIds: [],
    tasks: [{ userid, publishDelayMs: 0 }],
    cancelledAtMs: undefined,
  }
}

function momentContent(random: SeededRandom, audience: SeededAudience): MomentContent {
  const roll = random.next()
  const imageCount = roll < 0.6 ? random.int(1, 9) : 0
  return {
    text: random.pick(MOMENT_TEXTS),
    imageMediaIds: Array.from({ length: imageCount }, () => seedImage(random, audience)),
    videoMediaId: undefined,
    link:
      roll >= 0.6 && roll < 0.8
        ? { title: random.pick(LINK_TITLES), url: 'https://example.com/campaign', mediaId: seedImage(random, audience) }
        : undefined,
    location: random.chance(0.1) ? { latitude: '31.230416', longitude: '121.473701', name: '上海市黄浦区' } : undefined,
  }
}

/** ~40 mass messages over the last 90 days: single and group, corp- and member-created. */
export function seedMassMessages(random: SeededRandom, audience: SeededAudience, count: number): MassMessage[] {
  const corpCreator = random.pick(audience.members).userid
  const messages: MassMessage[] = []
  for (let i = 0; i < count; i++) {
    const chatType = random.chance(0.7) ? 'single' : 'group'
    const personal = random.chance(0.5)
    const senders = personal
      ? [random.pick(audience.members)]
      : pickMembers(random, audience.members, random.int(3, 30))
    messages.push({
      msgid: `msg${random.token(27)}`,
      chatType,
      createType: personal ? 1 : 0,
      creator: personal ? senders[0]?.userid : corpCreator,
      createdAtMs: historicTimeMs(random, audience.seededDayMs),
      text: random.pick(MASS_MESSAGE_TEXTS),
      attachments: seededAttachments(random, audience),
      tasks: senders
        .map((sender) => massTask(random, audience, sender.userid, chatType, personal))
        .filter((task) => task.recipients.length > 0),
      cancelledAtMs: undefined,
      reminderTimesMs: [],
    })
  }
  return messages.sort((a, b) => a.createdAtMs - b.createdAtMs)
}

function pickMembers(random: SeededRandom, members: readonly Member[], wanted: number): Member[] {
  const picked = new Map<string, Member>()
  const target = Math.min(wanted, members.length)
  while (picked.size < target) {
    const member = random.pick(members)
    picked.set(member.userid, member)
  }
  return [...picked.values()]
}

function massTask(
  random: SeededRandom,
  audience: SeededAudience,
  userid: string,
  chatType: 'single' | 'group',
  personal: boolean,
): MassMessageTask {
  const recipients =
    chatType === 'group'
      ? audience.groupChats.filter((chat) => chat.owner === userid).map((chat) => chat.chatId)
      : (audience.customersByMember.get(userid) ?? [])
          .filter(() => random.chance(personal ? 0.5 : 0.8))
          .map((customer) => customer.externalUserid)
  return { userid, sendDelayMs: personal ? 0 : taskDelayMs(random, 5 * MINUTE_MS, 36 * HOUR_MS), recipients }
}

function seededAttachments(random: SeededRandom, audience: SeededAudience): MessageAttachment[] {
  const roll = random.next()
  if (roll < 0.3) return [{ msgtype: 'image', image: { media_id: seedImage(random, audience) } }]
  if (roll < 0.5) {
    return [{ msgtype: 'link', link: { title: random.pick(LINK_TITLES), url: 'https://example.com/campaign' } }]
  }
  return []
}

/** A few group welcome templates made in the admin console (not editable by the API) and two made by the app. */
export function seedWelcomeTemplates(random: SeededRandom): WelcomeTemplate[] {
  const texts = [
    '欢迎 %NICKNAME% 加入本群！群公告里有会员福利领取方式。',
    '你好 %NICKNAME%，欢迎加入，有问题随时@群主。',
    '欢迎新朋友！本群每周三有专属优惠。',
    '欢迎加入售后服务群，请描述您的问题，我们会尽快回复。',
    '欢迎 %NICKNAME%！点击下方链接查看入群指南。',
    '欢迎加入新品体验官群～',
  ]
  return texts.map((text, index) => ({
    templateId: `msg${random.token(20)}`,
    createdByApi: index >= 4,
    text,
    attachment:
      index === 4
        ? { kind: 'link', fields: { title: '入群指南', url: 'https://example.com/guide', desc: '三分钟了解本群' } }
        : undefined,
    notify: 1,
  }))
}
