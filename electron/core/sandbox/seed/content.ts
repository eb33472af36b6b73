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
  WelcomeTemplate,
} from '../model'
import type { SeededRandom } from '../random'
import { LINK_TITLES, MASS_MESSAGE_TEXTS } from './vocabulary'

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
