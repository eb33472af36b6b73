import { WECOM_ENDPOINTS as E } from '../endpoints'
import type { Paginated } from '../pagination'
import type { WecomTransport } from '../transport'
import { cursorList } from './paged'

/** `groupchat/list` request. */
export interface GroupChatListRequest {
  /** 0 all (default), 1 owner resigned, 2 inheriting, 3 inherited. */
  status_filter?: number
  /** Owners, ≤ 100; omitted with > 1,000 visible members gives 81017. */
  owner_filter?: { userid_list: string[] }
  /** Page size, 1–1000 (required by WeCom). */
  limit: number
  /** Resume from a saved `next_cursor`. */
  cursor?: string
}

/** One group in the list. */
export interface GroupChatSummary {
  chat_id: string
  /** 0 normal, 1 owner resigned, 2 inheriting, 3 inherited. */
  status: number
}

/** One page of `groupchat/list`. */
export interface GroupChatListPage {
  group_chat_list?: GroupChatSummary[]
  next_cursor?: string
}

/** One member of a customer group. */
export interface GroupChatMember {
  userid: string
  /** 1 company member, 2 external contact. */
  type: number
  unionid?: string
  join_time?: number
  /** 1 direct invite, 2 invite link, 3 QR scan. */
  join_scene?: number
  invitor?: { userid: string }
  group_nickname?: string
  /** Only with `needName`. */
  name?: string
}

/** `groupchat/get` answer. */
export interface GroupChatDetail {
  chat_id: string
  name?: string
  owner: string
  create_time?: number
  notice?: string
  member_list?: GroupChatMember[]
  admin_list?: { userid: string }[]
  member_version?: string
}

/** Customer groups (客户群). */
export function createGroupsApi(transport: WecomTransport) {
  return {
    /** Every customer group matching the filter, page by page. */
    list(request: GroupChatListRequest): Paginated<GroupChatSummary, GroupChatListPage> {
      return cursorList(transport, E.listGroupChats, request, (page: GroupChatListPage) => page.group_chat_list)
    },

    /** One group with its members; `needName` adds members' names. */
    async get(chatId: string, needName = false): Promise<GroupChatDetail> {
      const answer = await transport.call<{ group_chat: GroupChatDetail }>(E.getGroupChat, {
        body: { chat_id: chatId, need_name: needName ? 1 : 0 },
      })
      return answer.group_chat
    },
  }
}

/** `client.groups`. */
export type GroupsApi = ReturnType<typeof createGroupsApi>
