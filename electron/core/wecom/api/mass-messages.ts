import { WECOM_ENDPOINTS as E } from '../endpoints'
import type { Paginated } from '../pagination'
import type { WecomTransport } from '../transport'
import { cursorList } from './paged'
import type { MessageAttachment } from './content'

/** `add_msg_template` request: a mass-message task members confirm in the WeCom client. */
export interface AddMsgTemplateRequest {
  /** `single` (customers, default) or `group` (customer groups). */
  chat_type?: 'single' | 'group'
  /** single only, ≤ 10,000. */
  external_userid?: string[]
  /** group only, ≤ 2,000. */
  chat_id_list?: string[]
  /** OR within a group, AND across groups, ≤ 100 tags per group; ignored with external_userid. */
  tag_filter?: { group_list: { tag_list: string[] }[] }
  /** The sending member; required for `group`. */
  sender?: string
  allow_select?: boolean
  /** ≤ 4,000 bytes. Text and attachments may not both be empty. */
  text?: { content: string }
  attachments?: MessageAttachment[]
}

/** `add_msg_template` answer: the msgid to track, and who could not be reached. */
export interface AddMsgTemplateResponse {
  msgid: string
  /** Recipients WeCom could not deliver to. */
  fail_list?: string[]
}

/** `get_groupmsg_list_v2` request; the window is at most one month. */
export interface GroupMsgListRequest {
  chat_type: 'single' | 'group'
  start_time: number
  end_time: number
  creator?: string
  /** 0 corp, 1 personal, 2 all (default). */
  filter_type?: number
  /** ≤ 100, default 50. */
  limit?: number
  cursor?: string
}

/** One mass message in the list. */
export interface GroupMsg {
  msgid: string
  /** Absent for API-created tasks. */
  creator?: string
  create_time: string | number
  /** 0 corp, 1 personal. */
  create_type: number
  text?: { content: string }
  attachments?: MessageAttachment[]
}

/** One page of `get_groupmsg_list_v2`. */
export interface GroupMsgListPage {
  group_msg_list?: GroupMsg[]
  next_cursor?: string
}

/** `get_groupmsg_task` request. */
export interface GroupMsgTaskRequest {
  msgid: string
  /** ≤ 1,000, default 500. */
  limit?: number
  cursor?: string
}

/** One member's task: status 0 not sent, 2 sent. */
export interface GroupMsgTask {
  userid: string
  status: number
  send_time?: number
}

/** One page of `get_groupmsg_task`. */
export interface GroupMsgTaskPage {
  task_list?: GroupMsgTask[]
  next_cursor?: string
}

/** `get_groupmsg_send_result` request: one sending member's recipients. */
export interface GroupMsgSendResultRequest {
  msgid: string
  userid: string
  /** ≤ 1,000, default 500. */
  limit?: number
  cursor?: string
}

/** status 0 not sent, 1 sent, 2 not a friend, 3 receive cap reached. */
export interface GroupMsgSendResult {
  external_userid?: string
  chat_id?: string
  userid: string
  status: number
  send_time?: number
}

/** One page of `get_groupmsg_send_result`. */
export interface GroupMsgSendResultPage {
  send_list?: GroupMsgSendResult[]
  next_cursor?: string
}

/** Corp mass messages (企业群发): create, track, remind, cancel. */
export function createMassMessagesApi(transport: WecomTransport) {
  return {
    /** Creates the task. A write: a dropped answer gives `wecom_outcome_unknown`, never a resend. */
    addMsgTemplate(request: AddMsgTemplateRequest): Promise<AddMsgTemplateResponse> {
      return transport.call<AddMsgTemplateResponse>(E.addMsgTemplate, { body: request })
    },

    /** Mass messages created in a time window. */
    getGroupMsgListV2(request: GroupMsgListRequest): Paginated<GroupMsg, GroupMsgListPage> {
      return cursorList(transport, E.getGroupMsgListV2, request, (page: GroupMsgListPage) => page.group_msg_list)
    },

    /** Each sending member's status for one message. */
    getGroupMsgTask(request: GroupMsgTaskRequest): Paginated<GroupMsgTask, GroupMsgTaskPage> {
      return cursorList(transport, E.getGroupMsgTask, request, (page: GroupMsgTaskPage) => page.task_list)
    },

    /** Per-recipient results of one member's sending. */
    getGroupMsgSendResult(request: GroupMsgSendResultRequest): Paginated<GroupMsgSendResult, GroupMsgSendResultPage> {
      return cursorList(transport, E.getGroupMsgSendResult, request, (page: GroupMsgSendResultPage) => page.send_list)
    },

    /** Re-notifies members who have not sent yet (≤ 3 times per message per 24 h). */
    async remindGroupMsgSend(msgid: string): Promise<void> {
      await transport.call(E.remindGroupMsgSend, { body: { msgid } })
    },

    /** Stops the task so remaining members no longer need to send. */
    async cancelGroupMsgSend(msgid: string): Promise<void> {
      await transport.call(E.cancelGroupMsgSend, { body: { msgid } })
    },
  }
}

/** `client.massMessages`. */
export type MassMessagesApi = ReturnType<typeof createMassMessagesApi>
