import { DAY_MS, toUnixSeconds } from '../clock'
import type { Customer, GroupChat, GroupChatMember, Member } from '../model'
import type { SeededRandom } from '../random'
import { CITIES, GROUP_NAME_PATTERNS, GROUP_NOTICES, GROUP_TOPICS } from './vocabulary'

const TWO_YEARS_DAYS = 730

/**
 * Customer groups owned by members, mostly filled with the owner's own customers plus a few
 * colleagues; a handful are in owner-resigned / inheritance states.
 */
export function seedGroupChats(
  random: SeededRandom,
  count: number,
  members: readonly Member[],
  customersByMember: ReadonlyMap<string, readonly Customer[]>,
  allCustomers: readonly Customer[],
  seededDayMs: number,
): GroupChat[] {
  const chats: GroupChat[] = []
  for (let i = 0; i < count; i++) {
    const owner = random.pick(members)
    const createTime = toUnixSeconds(seededDayMs - random.int(1, TWO_YEARS_DAYS) * DAY_MS + random.int(0, DAY_MS - 1))
    const ownCustomers = customersByMember.get(owner.userid) ?? []
    const chatMembers = [memberEntry(owner, createTime, '', 1)]
    addColleagues(random, chatMembers, members, owner, createTime, seededDayMs)
    addCustomers(random, chatMembers, ownCustomers, allCustomers, owner.userid, createTime, seededDayMs)
    chats.push({
      chatId: `wr${random.token(30)}`,
      name: groupName(random, i),
      owner: owner.userid,
      createTime,
      notice: random.pick(GROUP_NOTICES),
      status: statusFor(random),
      members: chatMembers,
      admins: chatMembers
        .filter((entry) => entry.type === 1 && entry.userid !== owner.userid)
        .slice(0, random.int(0, 2))
        .map((entry) => entry.userid),
      version: 1,
    })
  }
  return chats
}

function statusFor(random: SeededRandom): GroupChat['status'] {
  const roll = random.next()
  if (roll < 0.97) return 0
  if (roll < 0.98) return 1
  return roll < 0.99 ? 2 : 3
}

function groupName(random: SeededRandom, index: number): string {
  return random
    .pick(GROUP_NAME_PATTERNS)
    .replace('{city}', random.pick(CITIES))
    .replace('{topic}', random.pick(GROUP_TOPICS))
    .replace('{n}', String((index % 9) + 1))
}

function memberEntry(member: Member, joinTime: number, invitor: string, joinScene: 1 | 2 | 3): GroupChatMember {
  return {
    userid: member.userid,
    type: 1,
    unionid: '',
    joinTime,
    joinScene,
    invitor,
    groupNickname: '',
    name: member.name,
  }
}

function joinTimeAfter(random: SeededRandom, createTime: number, seededDayMs: number): number {
  return random.int(createTime, Math.max(createTime, toUnixSeconds(seededDayMs) - 1))
}

function addColleagues(
  random: SeededRandom,
  chatMembers: GroupChatMember[],
  members: readonly Member[],
  owner: Member,
  createTime: number,
  seededDayMs: number,
): void {
  const wanted = Math.min(random.int(0, 3), members.length - 1)
  const seen = new Set([owner.userid])
  while (seen.size < wanted + 1) {
    const colleague = random.pick(members)
    if (seen.has(colleague.userid)) continue
    seen.add(colleague.userid)
    chatMembers.push(memberEntry(colleague, joinTimeAfter(random, createTime, seededDayMs), owner.userid, 1))
  }
}

/** Customer members: ~85% from the owner's own customers, the rest from anywhere in the corp. */
function addCustomers(
  random: SeededRandom,
  chatMembers: GroupChatMember[],
  ownCustomers: readonly Customer[],
  allCustomers: readonly Customer[],
  ownerUserid: string,
  createTime: number,
  seededDayMs: number,
): void {
  const wanted = Math.min(random.int(8, 160), allCustomers.length)
  const seen = new Set<string>()
  for (let attempt = 0; seen.size < wanted && attempt < wanted * 3; attempt++) {
    const pool = ownCustomers.length > 0 && random.chance(0.85) ? ownCustomers : allCustomers
    const customer = random.pick(pool)
    if (seen.has(customer.externalUserid)) continue
    seen.add(customer.externalUserid)
    chatMembers.push(customerEntry(random, customer, ownerUserid, joinTimeAfter(random, createTime, seededDayMs)))
  }
}

/** A customer joining a group. Exported for the touchGroup test hook. */
export function customerEntry(
  random: SeededRandom,
  customer: Customer,
  invitor: string,
  joinTime: number,
): GroupChatMember {
  const joinScene = random.pick([1, 2, 3] as const)
  return {
    userid: customer.externalUserid,
    type: 2,
    unionid: customer.unionid,
    joinTime,
    joinScene,
    invitor: joinScene === 1 ? invitor : '',
    groupNickname: random.chance(0.1) ? `${random.pick(CITIES)}-${customer.name}` : '',
    name: customer.name,
  }
}
