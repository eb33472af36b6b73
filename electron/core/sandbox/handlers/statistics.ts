import { chinaDayStartMs, DAY_MS, HOUR_MS, SECOND_MS, toUnixSeconds } from '../clock'
import type { GroupChat, SandboxState } from '../model'
import { randomFor } from '../random'
import { readRoute, type RouteTable, type SandboxContext } from '../routing'
import { integerList, optionalInteger, requiredInteger, stringList, type Fields } from '../request-fields'
import { invalidParameter, WeComError } from '../wecom-error'
import { ownerFilter } from './group-chats'
import { membersOfDepartments } from './members'

const IDS_MAX = 100
/** A window covers at most 30 days, both ends included. */
const WINDOW_MAX_DAYS = 30
const HISTORY_DAYS = 180
/** WeCom settles a day by 08:00 China time the next day; before that it answers the day with zeros. */
const SETTLE_MS = 8 * HOUR_MS

/**
 * Statistics [7] are computed on request from a hash of (seed, member, day), so 180 days × all
 * members never have to be stored; the same day always gives the same figures. Only complete
 * days (before today, China time) within the last 180 days have data, and yesterday reads as
 * zeros until 08:00 China time today (WeCom has not settled it yet), then as its settled figures.
 */

interface BehaviorDay {
  new_apply_cnt: number
  new_contact_cnt: number
  chat_cnt: number
  message_cnt: number
  negative_feedback_cnt: number
  /** Sums weighted by chat_cnt, turned into averages when the series is built. */
  replyPercentageSum: number
  replyTimeSum: number
}

interface GroupDay {
  new_chat_cnt: number
  chat_total: number
  chat_has_msg: number
  new_member_cnt: number
  member_total: number
  member_has_msg: number
  msg_total: number
  migrate_trainee_chat_cnt: number
}

/** The complete days in [start, end] (floored to 00:00), after the window checks. */
function statDays(context: SandboxContext, startSeconds: number, endSeconds: number): number[] {
  const startDay = chinaDayStartMs(startSeconds * SECOND_MS)
  const endDay = chinaDayStartMs(endSeconds * SECOND_MS)
  const today = chinaDayStartMs(context.now())
  if (endDay < startDay || endDay - startDay > (WINDOW_MAX_DAYS - 1) * DAY_MS)
    throw invalidParameter('time range must be within 30 days')
  if (startDay < today - HISTORY_DAYS * DAY_MS) throw invalidParameter('only the last 180 days are available')
  const days: number[] = []
  for (let day = startDay; day <= endDay && day < today; day += DAY_MS) days.push(day)
  return days
}

/** True while `dayMs` (yesterday) is not settled yet: before 08:00 China time of the next day. */
function unsettled(context: SandboxContext, dayMs: number): boolean {
  return context.now() < dayMs + DAY_MS + SETTLE_MS
}

function memberBehavior(seed: number, userid: string, dayMs: number): BehaviorDay {
  const random = randomFor(seed, 'behavior', userid, dayMs)
  const weekday = new Date(dayMs + 8 * HOUR_MS).getUTCDay()
  const activity = weekday === 0 || weekday === 6 ? 0.4 : 1
  const chats = Math.round(random.int(0, 30) * activity)
  return {
    new_apply_cnt: Math.round(random.int(0, 4) * activity),
    new_contact_cnt: Math.round(random.int(0, 6) * activity),
    chat_cnt: chats,
    message_cnt: chats * random.int(2, 6),
    negative_feedback_cnt: random.chance(0.08) ? 1 : 0,
    replyPercentageSum: chats * (70 + random.next() * 30),
    replyTimeSum: chats * random.int(1, 45),
  }
}

function behaviorSeries(context: SandboxContext, userids: readonly string[], days: readonly number[]) {
  const seed = context.state.seed
  return days.map((day) => {
    const zero = unsettled(context, day)
    const total = userids.reduce<BehaviorDay>(
      (sum, userid) => {
        if (zero) return sum
        const one = memberBehavior(seed, userid, day)
        for (const key of Object.keys(sum) as Array<keyof BehaviorDay>) sum[key] += one[key]
        return sum
      },
      {
        new_apply_cnt: 0,
        new_contact_cnt: 0,
        chat_cnt: 0,
        message_cnt: 0,
        negative_feedback_cnt: 0,
        replyPercentageSum: 0,
        replyTimeSum: 0,
      },
    )
    const { replyPercentageSum, replyTimeSum, ...counts } = total
    const entry: Record<string, number> = { stat_time: toUnixSeconds(day), ...counts }
    if (total.chat_cnt > 0) {
      entry.reply_percentage = Math.round((replyPercentageSum / total.chat_cnt) * 100) / 100
      entry.avg_reply_time = Math.round(replyTimeSum / total.chat_cnt)
    }
    return entry
  })
}

/** userid/partyid of get_user_behavior_data → members; 81013 when none is valid. */
function behaviorMembers(state: SandboxState, body: Fields): string[] {
  const userids = stringList(body, 'userid', IDS_MAX)
  const partyIds = integerList(body, 'partyid', IDS_MAX)
  if (userids.length === 0 && partyIds.length === 0) throw invalidParameter('userid and partyid are both empty')
  const chosen = new Set(userids.filter((userid) => state.memberById.has(userid)))
  for (const member of membersOfDepartments(state, partyIds, true)) chosen.add(member.userid)
  if (chosen.size === 0) throw new WeComError(81013, 'all userid and partyid are invalid')
  return [...chosen]
}

/** One owner's groups on one day: totals from the real groups, message activity from a hash. */
function ownerGroupDay(seed: number, owner: string, chats: readonly GroupChat[], dayMs: number): GroupDay {
  const dayStart = toUnixSeconds(dayMs)
  const dayEnd = dayStart + DAY_MS / SECOND_MS
  const existing = chats.filter((chat) => chat.createTime < dayEnd)
  let memberTotal = 0
  let newMembers = 0
  for (const chat of existing) {
    for (const member of chat.members) {
      if (member.joinTime >= dayEnd) continue
      memberTotal++
      if (member.joinTime >= dayStart) newMembers++
    }
  }
  const random = randomFor(seed, 'group-stat', owner, dayMs)
  const activeMembers = Math.round(memberTotal * random.next() * 0.3)
  return {
    new_chat_cnt: existing.filter((chat) => chat.createTime >= dayStart).length,
    chat_total: existing.length,
    chat_has_msg: Math.round(existing.length * random.next()),
    new_member_cnt: newMembers,
    member_total: memberTotal,
    member_has_msg: activeMembers,
    msg_total: activeMembers * random.int(1, 8),
    migrate_trainee_chat_cnt: 0,
  }
}

function emptyGroupDay(): GroupDay {
  return {
    new_chat_cnt: 0,
    chat_total: 0,
    chat_has_msg: 0,
    new_member_cnt: 0,
    member_total: 0,
    member_has_msg: 0,
    msg_total: 0,
    migrate_trainee_chat_cnt: 0,
  }
}

/** Sums every field of `add` into `sum`. */
function addGroupDay(sum: GroupDay, add: GroupDay): GroupDay {
  for (const key of Object.keys(sum) as Array<keyof GroupDay>) sum[key] += add[key]
  return sum
}

/** A window for one owner: new_* and msg_total summed, totals as of the last day, *_has_msg the daily maximum. */
function ownerWindow(days: readonly GroupDay[]): GroupDay {
  const window = emptyGroupDay()
  for (const day of days) {
    window.new_chat_cnt += day.new_chat_cnt
    window.new_member_cnt += day.new_member_cnt
    window.msg_total += day.msg_total
    window.chat_has_msg = Math.max(window.chat_has_msg, day.chat_has_msg)
    window.member_has_msg = Math.max(window.member_has_msg, day.member_has_msg)
    window.chat_total = day.chat_total
    window.member_total = day.member_total
  }
  return window
}

/** The owners in scope and their groups: the filter's members, or every member owning a group. */
function ownersInScope(state: SandboxState, body: Fields): Map<string, GroupChat[]> {
  const filter = ownerFilter(state, body)
  const owners = new Map<string, GroupChat[]>()
  for (const userid of filter ?? []) if (state.memberById.has(userid)) owners.set(userid, [])
  for (const chat of state.groupChats) {
    const list = owners.get(chat.owner)
    if (list) list.push(chat)
    else if (!filter) owners.set(chat.owner, [chat])
  }
  return owners
}

function groupWindowDays(context: SandboxContext, body: Fields): number[] {
  const begin = requiredInteger(body, 'day_begin_time')
  return statDays(context, begin, optionalInteger(body, 'day_end_time') ?? begin)
}

const ORDER_FIELDS: ReadonlyArray<keyof GroupDay> = ['new_chat_cnt', 'chat_total', 'new_member_cnt', 'member_total']

function statisticByOwner(context: SandboxContext, body: Fields) {
  const days = groupWindowDays(context, body)
  const orderBy = optionalInteger(body, 'order_by') ?? 1
  const orderField = ORDER_FIELDS[orderBy - 1]
  if (!orderField) throw invalidParameter('order_by must be 1..4')
  const ascending = optionalInteger(body, 'order_asc') === 1
  const offset = optionalInteger(body, 'offset') ?? 0
  const limit = optionalInteger(body, 'limit') ?? 500
  if (offset < 0 || limit < 1 || limit > 1000) throw invalidParameter('offset must be ≥ 0 and limit 1..1000')
  const seed = context.state.seed
  const owners = days.length > 0 ? [...ownersInScope(context.state, body)] : []
  const items = owners
    .map(([owner, chats]) => ({
      owner,
      data: ownerWindow(
        days.map((day) => (unsettled(context, day) ? emptyGroupDay() : ownerGroupDay(seed, owner, chats, day))),
      ),
    }))
    .sort((a, b) => (ascending ? 1 : -1) * (a.data[orderField] - b.data[orderField]) || a.owner.localeCompare(b.owner))
  const page = items.slice(offset, offset + limit)
  return { total: items.length, next_offset: offset + page.length, items: page }
}

function statisticByDay(context: SandboxContext, body: Fields) {
  const days = groupWindowDays(context, body)
  const owners = [...ownersInScope(context.state, body)]
  const seed = context.state.seed
  return {
    items: days.map((day) => ({
      stat_time: toUnixSeconds(day),
      data: unsettled(context, day)
        ? emptyGroupDay()
        : owners.reduce(
            (sum, [owner, chats]) => addGroupDay(sum, ownerGroupDay(seed, owner, chats, day)),
            emptyGroupDay(),
          ),
    })),
  }
}

/** One statistics call the sandbox answered: who, which days (00:00 China time, ms). */
export interface ServedStatistic {
  path: 'behavior' | 'group_by_day' | 'group_by_owner'
  userids: string[]
  partyids: number[]
  days: number[]
}

const ledgers = new WeakMap<SandboxState, ServedStatistic[]>()

/** Every statistics call this corp answered (with errcode 0), oldest first: the tests' and bench's ground truth. */
export function servedStatistics(state: SandboxState): ServedStatistic[] {
  let ledger = ledgers.get(state)
  if (!ledger) ledgers.set(state, (ledger = []))
  return ledger
}

/**
 * The fewest data calls a per-member, per-owner and team cache of `days` days needs on this corp:
 * one call per ≤ 30-day window for every member with customer contact, every group owner, and the
 * team (one partyid call).
 */
export function statisticsGroundTruth(state: SandboxState, days = HISTORY_DAYS) {
  const owners = new Set(state.groupChats.map((chat) => chat.owner))
  const windows = Math.ceil(days / WINDOW_MAX_DAYS)
  return {
    members: state.members.length,
    owners: owners.size,
    windows,
    minCalls: windows * (state.members.length + owners.size + 1),
  }
}

function serve(state: SandboxState, entry: ServedStatistic): void {
  servedStatistics(state).push(entry)
}

function ownerIds(body: Fields): string[] {
  const filter = body.owner_filter
  const list = filter && typeof filter === 'object' ? (filter as Record<string, unknown>).userid_list : undefined
  return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : []
}

/** Contact and group-chat statistics [7.1–7.3]. */
export const statisticsRoutes: RouteTable = {
  'externalcontact/get_user_behavior_data': readRoute('POST', (context, { body }) => {
    const userids = behaviorMembers(context.state, body)
    const days = statDays(context, requiredInteger(body, 'start_time'), requiredInteger(body, 'end_time'))
    const answer = { behavior_data: behaviorSeries(context, userids, days) }
    serve(context.state, {
      path: 'behavior',
      userids: stringList(body, 'userid', IDS_MAX),
      partyids: integerList(body, 'partyid', IDS_MAX),
      days,
    })
    return answer
  }),
  'externalcontact/groupchat/statistic': readRoute('POST', (context, { body }) => {
    const answer = statisticByOwner(context, body)
    serve(context.state, {
      path: 'group_by_owner',
      userids: ownerIds(body),
      partyids: [],
      days: groupWindowDays(context, body),
    })
    return answer
  }),
  'externalcontact/groupchat/statistic_group_by_day': readRoute('POST', (context, { body }) => {
    const answer = statisticByDay(context, body)
    serve(context.state, {
      path: 'group_by_day',
      userids: ownerIds(body),
      partyids: [],
      days: groupWindowDays(context, body),
    })
    return answer
  }),
}
