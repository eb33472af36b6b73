import { createHash } from 'node:crypto'
import type { GroupChat, GroupChatMember, SandboxState } from '../model'
import { pageOf, pageSize } from '../pagination'
import { readRoute, type RouteTable } from '../routing'
import {
  optionalInteger,
  optionalObject,
  optionalString,
  requiredString,
  stringList,
  type Fields,
} from '../request-fields'
import { invalidParameter, WeComError } from '../wecom-error'

const OWNER_FILTER_MAX = 100
/** Without an owner filter, corps with more visible members than this get 81017. */
const UNFILTERED_MEMBER_MAX = 1000

/** WeCom's member_version: an opaque string that changes whenever membership changes. */
export function memberVersion(chat: GroupChat): string {
  return createHash('md5').update(`${chat.chatId}:${chat.version}`).digest('hex').toUpperCase()
}

/** The owner_filter.userid_list of list/statistic requests; undefined when absent (81017 on large corps). */
export function ownerFilter(state: SandboxState, body: Fields): Set<string> | undefined {
  const filter = optionalObject(body, 'owner_filter')
  const userids = filter ? stringList(filter, 'userid_list', OWNER_FILTER_MAX) : []
  if (userids.length > 0) return new Set(userids)
  if (state.members.length > UNFILTERED_MEMBER_MAX) throw new WeComError(81017, 'too many owners, use owner_filter')
  return undefined
}

function chatMemberView(member: GroupChatMember, withName: boolean) {
  const view: Record<string, unknown> = {
    userid: member.userid,
    type: member.type,
    join_time: member.joinTime,
    join_scene: member.joinScene,
    group_nickname: member.groupNickname,
  }
  if (member.unionid) view.unionid = member.unionid
  if (member.invitor) view.invitor = { userid: member.invitor }
  if (withName) view.name = member.name
  return view
}

/** Customer group list and details [8.7]. */
export const groupChatRoutes: RouteTable = {
  'externalcontact/groupchat/list': readRoute('POST', ({ state }, { body }) => {
    const limit = pageSize(optionalInteger(body, 'limit'), { default: 0, max: 1000, overMax: 'reject', required: true })
    const statusFilter = optionalInteger(body, 'status_filter') ?? 0
    if (statusFilter < 0 || statusFilter > 3) throw invalidParameter('status_filter must be 0..3')
    const owners = ownerFilter(state, body)
    const chats = state.groupChats.filter(
      (chat) => (!owners || owners.has(chat.owner)) && (statusFilter === 0 || chat.status === statusFilter),
    )
    const { page, nextCursor } = pageOf(chats, optionalString(body, 'cursor'), limit)
    return {
      group_chat_list: page.map((chat) => ({ chat_id: chat.chatId, status: chat.status })),
      next_cursor: nextCursor,
    }
  }),

  'externalcontact/groupchat/get': readRoute('POST', ({ state }, { body }) => {
    const chatId = requiredString(body, 'chat_id')
    const chat = state.groupChatById.get(chatId)
    if (!chat) throw invalidParameter(`unknown chat_id ${chatId}`)
    const withName = optionalInteger(body, 'need_name') === 1
    return {
      group_chat: {
        chat_id: chat.chatId,
        name: chat.name,
        owner: chat.owner,
        create_time: chat.createTime,
        notice: chat.notice,
        member_list: chat.members.map((member) => chatMemberView(member, withName)),
        admin_list: chat.admins.map((userid) => ({ userid })),
        member_version: memberVersion(chat),
      },
    }
  }),
}
