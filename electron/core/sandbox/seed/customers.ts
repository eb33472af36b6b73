import { DAY_MS, toUnixSeconds } from '../clock'
import type { CorpTagGroup, Customer, FollowRelation, Member } from '../model'
import { itemAt, type SeededRandom } from '../random'
import { personName } from './members'
import {
  ADD_WAYS,
  ADD_WAY_WEIGHTS,
  CITIES,
  COMPANY_CORES,
  COMPANY_INDUSTRIES,
  CONTACT_WAY_STATES,
  CUSTOMER_INITIATED_ADD_WAYS,
  CUSTOMER_POSITIONS,
  NICKNAMES,
  RELATION_DESCRIPTIONS,
} from './vocabulary'

const TWO_YEARS_MS = 730 * DAY_MS
/** Share of customers followed by exactly 2 members, and by 3. */
const SECOND_FOLLOWER_RATE = 0.15
const THIRD_FOLLOWER_RATE = 0.03
/** Chance that a relation carries a tag of each group, by group position in TAG_GROUPS. */
const TAG_GROUP_RATES: readonly number[] = [0.6, 0.4, 0.5, 0.35, 0.25, 0.3, 0.2, 0.15, 0.1]

/**
 * Picks followers so that every member gets roughly the same share (weights 0.8–1.2): with
 * 100,000 customers and 500 members each member has ~200–300 customers.
 */
class FollowerPicker {
  private readonly cumulative: number[] = []
  private readonly total: number

  constructor(
    private readonly members: readonly Member[],
    random: SeededRandom,
  ) {
    let sum = 0
    for (let i = 0; i < members.length; i++) {
      sum += 0.8 + random.next() * 0.4
      this.cumulative.push(sum)
    }
    this.total = sum
  }

  pick(random: SeededRandom): Member {
    const target = random.next() * this.total
    let low = 0
    let high = this.cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if ((this.cumulative[middle] ?? 0) > target) high = middle
      else low = middle + 1
    }
    return itemAt(this.members, low)
  }
}

/** Customers with their follow relations, tags and remarks. */
export function seedCustomers(
  random: SeededRandom,
  count: number,
  members: readonly Member[],
  tagGroups: readonly CorpTagGroup[],
  seededDayMs: number,
): Customer[] {
  const picker = new FollowerPicker(members, random)
  const customers: Customer[] = []
  for (let i = 0; i < count; i++) {
    const customer = newCustomer(random)
    const followerCount = followerCountFor(random, members.length)
    const followerIds = new Set<string>()
    while (followerIds.size < followerCount) followerIds.add(picker.pick(random).userid)
    for (const userid of followerIds) {
      customer.follows.push(newRelation(random, customer, userid, members, tagGroups, seededDayMs))
    }
    customers.push(customer)
  }
  return customers
}

function followerCountFor(random: SeededRandom, memberCount: number): number {
  const roll = random.next()
  const wanted = roll < THIRD_FOLLOWER_RATE ? 3 : roll < THIRD_FOLLOWER_RATE + SECOND_FOLLOWER_RATE ? 2 : 1
  return Math.min(wanted, memberCount)
}

/** A customer without relations. Exported for the addCustomer test hook. */
export function newCustomer(random: SeededRandom): Customer {
  const type = random.chance(0.15) ? 2 : 1
  const [realName] = personName(random)
  const name = type === 1 && random.chance(0.1) ? random.pick(NICKNAMES) : realName
  const company = type === 2 ? companyName(random) : undefined
  return {
    externalUserid: `${type === 1 ? 'wm' : 'wo'}${random.token(30)}`,
    name,
    type,
    gender: type === 2 ? 0 : ((random.int(0, 9) < 1 ? 0 : random.int(1, 2)) as 0 | 1 | 2),
    unionid: type === 1 ? `o${random.token(27)}` : '',
    corpName: company?.[0] ?? '',
    corpFullName: company?.[1] ?? '',
    position: type === 2 ? random.pick(CUSTOMER_POSITIONS) : '',
    follows: [],
  }
}

/** [short name, full name], e.g. ['星辰科技', '上海星辰科技有限公司']. */
function companyName(random: SeededRandom): [string, string] {
  const short = random.pick(COMPANY_CORES) + random.pick(COMPANY_INDUSTRIES)
  return [short, `${random.pick(CITIES)}${short}有限公司`]
}

/** One member's relation to the customer, added at some point in the last two years. */
export function newRelation(
  random: SeededRandom,
  customer: Customer,
  userid: string,
  members: readonly Member[],
  tagGroups: readonly CorpTagGroup[],
  seededDayMs: number,
): FollowRelation {
  const addWay = random.pickWeighted(ADD_WAYS, ADD_WAY_WEIGHTS)
  return {
    userid,
    remark: remarkFor(random, customer),
    description: random.chance(0.3) ? random.pick(RELATION_DESCRIPTIONS) : '',
    createTime: toUnixSeconds(seededDayMs - 1 - Math.floor(random.next() * TWO_YEARS_MS)),
    tagIds: pickTags(random, tagGroups),
    remarkCorpName: customer.corpName && random.chance(0.5) ? customer.corpName : '',
    remarkMobiles: random.chance(0.2)
      ? [`1${random.pick(['38', '39', '58', '86', '77'])}${random.int(10_000_000, 99_999_999)}`]
      : [],
    addWay,
    operUserid: operatorFor(random, addWay, customer, userid, members),
    state: addWay === 1 && random.chance(0.5) ? random.pick(CONTACT_WAY_STATES) : '',
  }
}

function remarkFor(random: SeededRandom, customer: Customer): string {
  const roll = random.next()
  if (roll < 0.4) return ''
  if (roll < 0.6) return `${customer.name}-${random.pick(CITIES)}`
  if (roll < 0.75 && customer.corpName) return `${customer.name}(${customer.corpName})`.slice(0, 20)
  return customer.name
}

/** Who performed the add: the customer, the member, or (shared/assigned) a colleague. */
function operatorFor(
  random: SeededRandom,
  addWay: number,
  customer: Customer,
  userid: string,
  members: readonly Member[],
): string {
  if (CUSTOMER_INITIATED_ADD_WAYS.has(addWay)) return customer.externalUserid
  if (addWay === 201 || addWay === 202) return random.pick(members).userid
  return userid
}

function pickTags(random: SeededRandom, tagGroups: readonly CorpTagGroup[]): string[] {
  const tagIds: string[] = []
  tagGroups.forEach((group, index) => {
    if (group.tags.length > 0 && random.chance(TAG_GROUP_RATES[index] ?? 0.1)) tagIds.push(random.pick(group.tags).id)
  })
  return tagIds
}
