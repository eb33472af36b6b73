import { chinaDayStartMs } from '../clock'
import type { Customer, MediaItem, SandboxState } from '../model'
import { hashParts, randomFor } from '../random'
import { seedMassMessages, seedWelcomeTemplates } from './content'
import { seedCustomers } from './customers'
import { seedGroupChats } from './group-chats'
import { seedDepartments, seedMembers } from './members'
import { seedMoments } from './moments'
import { seedTagGroups } from './tags'

/** Sizes of the demo corp. */
export interface CorpSize {
  seed: number
  members: number
  customers: number
  groups: number
}

const SEEDED_MASS_MESSAGES = 40

/** The WeCom-looking corpid derived from the seed (`ww` + 16 hex digits). */
export function corpidFor(seed: number): string {
  return `ww${hashParts(seed, 'corpid').toString(16).padStart(8, '0')}${hashParts(seed, 'corpid', 2).toString(16).padStart(8, '0')}`
}

/**
 * Builds the whole demo corp from the seed. Each domain draws from its own random stream, so
 * e.g. changing the customer count does not change the members. Seeded times lie before
 * 00:00 China time of `nowMs`'s day, so the same seed on the same day gives identical data.
 */
export function seedCorp(size: CorpSize, nowMs: number): SandboxState {
  const seededDayMs = chinaDayStartMs(nowMs)
  const members = seedMembers(randomFor(size.seed, 'members'), size.members)
  const tagGroups = seedTagGroups(randomFor(size.seed, 'tags'), seededDayMs)
  const customers = seedCustomers(randomFor(size.seed, 'customers'), size.customers, members, tagGroups, seededDayMs)
  const customersByMember = indexByFollower(customers)
  const groupChats = seedGroupChats(
    randomFor(size.seed, 'groups'),
    size.groups,
    members,
    customersByMember,
    customers,
    seededDayMs,
  )
  const media = new Map<string, MediaItem>()
  const audience = { members, customersByMember, groupChats, tagGroups, seededDayMs, media }
  return {
    corpid: corpidFor(size.seed),
    seed: size.seed,
    seededDayMs,
    departments: seedDepartments(),
    members,
    memberById: new Map(members.map((member) => [member.userid, member])),
    customers,
    customerById: new Map(customers.map((customer) => [customer.externalUserid, customer])),
    customersByMember,
    tagGroups,
    groupChats,
    groupChatById: new Map(groupChats.map((chat) => [chat.chatId, chat])),
    massMessages: seedMassMessages(randomFor(size.seed, 'mass-messages'), audience, SEEDED_MASS_MESSAGES),
    moments: seedMoments(randomFor(size.seed, 'moments'), audience),
    momentJobs: new Map(),
    welcomeTemplates: seedWelcomeTemplates(randomFor(size.seed, 'welcome-templates')),
    media,
    hostedImages: new Map(),
  }
}

/** Customers per follower, in seeding order. */
function indexByFollower(customers: readonly Customer[]): Map<string, Customer[]> {
  const index = new Map<string, Customer[]>()
  for (const customer of customers) {
    for (const relation of customer.follows) {
      const list = index.get(relation.userid)
      if (list) list.push(customer)
      else index.set(relation.userid, [customer])
    }
  }
  return index
}
