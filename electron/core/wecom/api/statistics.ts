import { WECOM_ENDPOINTS as E } from '../endpoints'
import type { Paginated } from '../pagination'
import { offsetPaginated } from '../pagination'
import type { WecomTransport } from '../transport'

/**
 * `get_user_behavior_data` request: [start, end] ≤ 30 days within the last 180. Several ids give
 * one aggregated series (ask per member for per-member numbers).
 */
export interface UserBehaviorRequest {
  /** ≤ 100. Not both empty with partyid. */
  userid?: string[]
  /** ≤ 100. */
  partyid?: number[]
  start_time: number
  end_time: number
}

/** One day of 1:1 contact statistics. */
export interface UserBehaviorDay {
  stat_time: number
  new_apply_cnt?: number
  new_contact_cnt?: number
  chat_cnt?: number
  message_cnt?: number
  /** Only when there were customer-initiated chats. */
  reply_percentage?: number
  /** Minutes; only when there were customer-initiated chats. */
  avg_reply_time?: number
  negative_feedback_cnt?: number
}

/** Group statistics, summed over the window (per owner) or over the owners (per day). */
export interface GroupChatStatData {
  new_chat_cnt?: number
  chat_total?: number
  chat_has_msg?: number
  new_member_cnt?: number
  member_total?: number
  member_has_msg?: number
  msg_total?: number
  migrate_trainee_chat_cnt?: number
}

/** Window and owners shared by both group statistics calls: 00:00 timestamps, ≤ 30 days. */
export interface GroupChatStatWindow {
  day_begin_time: number
  /** Defaults to day_begin_time. */
  day_end_time?: number
  /** ≤ 100 owners; omitted with > 1,000 visible members gives 81017. */
  owner_filter?: { userid_list: string[] }
}

/** `groupchat/statistic` request (by owner, offset-paged). */
export interface GroupChatByOwnerRequest extends GroupChatStatWindow {
  /** 1 new groups (default), 2 total groups, 3 new members, 4 total members. */
  order_by?: number
  /** 0 descending (default), 1 ascending. */
  order_asc?: 0 | 1
  /** 1–1000, default 500. */
  limit?: number
  /** Resume from a saved `next_offset`. */
  offset?: number
}

/** One owner's group statistics over the window. */
export interface GroupChatOwnerStat {
  owner: string
  data: GroupChatStatData
}

/** One page of `groupchat/statistic`; done when `next_offset` reaches `total`. */
export interface GroupChatByOwnerPage {
  total?: number
  next_offset?: number
  items?: GroupChatOwnerStat[]
}

/** One day of group statistics, summed over the owners. */
export interface GroupChatDayStat {
  stat_time: number
  data: GroupChatStatData
}

/** Contact and group statistics (联系客户统计, 群聊数据统计). */
export function createStatisticsApi(transport: WecomTransport) {
  return {
    /** One aggregated row per day for the given members / departments. */
    async getUserBehaviorData(request: UserBehaviorRequest): Promise<UserBehaviorDay[]> {
      const answer = await transport.call<{ behavior_data?: UserBehaviorDay[] }>(E.getUserBehaviorData, {
        body: request,
      })
      return answer.behavior_data ?? []
    },

    /** Group statistics per owner over the window, page by page (offset paging). */
    groupChatStatistic(request: GroupChatByOwnerRequest): Paginated<GroupChatOwnerStat, GroupChatByOwnerPage> {
      const { offset: startOffset, ...body } = request
      return offsetPaginated(
        (offset) => transport.call<GroupChatByOwnerPage>(E.getGroupChatStatistic, { body: { ...body, offset } }),
        (page) => page.items,
        startOffset,
      )
    },

    /** Group statistics per day, summed over the filtered owners. */
    async groupChatStatisticGroupByDay(request: GroupChatStatWindow): Promise<GroupChatDayStat[]> {
      const answer = await transport.call<{ items?: GroupChatDayStat[] }>(E.getGroupChatStatisticByDay, {
        body: request,
      })
      return answer.items ?? []
    },
  }
}

/** `client.statistics`. */
export type StatisticsApi = ReturnType<typeof createStatisticsApi>
