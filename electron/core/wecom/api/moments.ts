import { WECOM_ENDPOINTS as E } from '../endpoints'
import type { Paginated } from '../pagination'
import type { WecomTransport } from '../transport'
import { cursorList } from './paged'

/** Moments attachments: ≤ 9 images, or 1 video, or 1 link; media from media/upload_attachment (type 1). */
export type MomentAttachment =
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'video'; video: { media_id: string } }
  /** title ≤ 64 bytes; media_id is the cover image. */
  | { msgtype: 'link'; link: { title?: string; url: string; media_id: string } }

/** `add_moment_task` request. */
export interface AddMomentTaskRequest {
  /** ≤ 2,000 chars. Text and attachments may not both be empty. */
  text?: { content: string }
  attachments?: MomentAttachment[]
  /** Omitted: every member in the app's visible range posts it, to all their customers. */
  visible_range?: {
    sender_list?: { user_list?: string[]; department_list?: number[] }
    /** Corp tags only (not rule-group tags). */
    external_contact_list?: { tag_list?: string[] }
  }
}

/** `get_moment_task_result`: status 1 started, 2 running, 3 done (then `result` is valid). */
export interface MomentTaskResult {
  status: number
  type?: string
  result?: {
    errcode: number
    errmsg?: string
    moment_id?: string
    invalid_sender_list?: { user_list?: string[]; department_list?: number[] }
    invalid_external_contact_list?: { tag_list?: string[] }
  }
}

/** `get_moment_list` request; window ≤ 30 days. */
export interface MomentListRequest {
  start_time: number
  end_time: number
  creator?: string
  /** 0 corp, 1 personal, 2 all (default). */
  filter_type?: number
  /** ≤ 20 (default 20). */
  limit?: number
  cursor?: string
}

/** One moment. Deleted moments are not returned. */
export interface Moment {
  moment_id: string
  /** Absent for API-created moments. */
  creator?: string
  create_time: number | string
  /** 0 corp, 1 personal. */
  create_type: number
  /** 0 partial, 1 public. */
  visible_type: number
  text?: { content: string }
  image?: { media_id: string }[]
  video?: { media_id: string; thumb_media_id?: string }
  link?: { title?: string; url: string }
  location?: { latitude: string; longitude: string; name: string }
}

/** One page of `get_moment_list`. */
export interface MomentListPage {
  moment_list?: Moment[]
  next_cursor?: string
}

/** `get_moment_task` request (corp moments only). */
export interface MomentTaskRequest {
  moment_id: string
  /** ≤ 1,000, default 500. */
  limit?: number
  cursor?: string
}

/** publish_status 0 not published, 1 published. */
export interface MomentTask {
  userid: string
  publish_status: number
}

/** One page of `get_moment_task`. */
export interface MomentTaskPage {
  task_list?: MomentTask[]
  next_cursor?: string
}

/** `get_moment_customer_list` / `get_moment_send_result` request: one posting member. */
export interface MomentMemberRequest {
  moment_id: string
  userid: string
  /** ≤ 1,000 (customer list) or ≤ 5,000 (send result). */
  limit?: number
  cursor?: string
}

/** A customer of a member's post (`userid` only in the customer list). */
export interface MomentCustomer {
  userid?: string
  external_userid: string
}

/** One page of `get_moment_customer_list` / `get_moment_send_result`. */
export interface MomentCustomerPage {
  customer_list?: MomentCustomer[]
  next_cursor?: string
}

/** One comment or like: by a customer (`external_userid`) or a member (`userid`). */
export interface MomentInteraction {
  external_userid?: string
  userid?: string
  create_time: number
}

/** `get_moment_comments` answer. */
export interface MomentComments {
  comment_list: MomentInteraction[]
  like_list: MomentInteraction[]
}

/** Customer moments (客户朋友圈): publish, follow up, cancel, read results. */
export function createMomentsApi(transport: WecomTransport) {
  return {
    /** Starts an asynchronous publish task; poll `getMomentTaskResult(jobid)`. A write. */
    async addMomentTask(request: AddMomentTaskRequest): Promise<{ jobid: string }> {
      const answer = await transport.call<{ jobid: string }>(E.addMomentTask, { body: request })
      return { jobid: answer.jobid }
    },

    /** Progress of a publish task (jobid valid 24 h). */
    getMomentTaskResult(jobid: string): Promise<MomentTaskResult> {
      return transport.call<MomentTaskResult>(E.getMomentTaskResult, { query: { jobid } })
    },

    /** Stops a corp moment that members have not all posted yet. */
    async cancelMomentTask(momentId: string): Promise<void> {
      await transport.call(E.cancelMomentTask, { body: { moment_id: momentId } })
    },

    /** Moments created in a time window. */
    getMomentList(request: MomentListRequest): Paginated<Moment, MomentListPage> {
      return cursorList(transport, E.getMomentList, request, (page: MomentListPage) => page.moment_list)
    },

    /** Each member's publish status for a corp moment. */
    getMomentTask(request: MomentTaskRequest): Paginated<MomentTask, MomentTaskPage> {
      return cursorList(transport, E.getMomentTask, request, (page: MomentTaskPage) => page.task_list)
    },

    /** Customers chosen as visible when the member posted. */
    getMomentCustomerList(request: MomentMemberRequest): Paginated<MomentCustomer, MomentCustomerPage> {
      return cursorList(transport, E.getMomentCustomerList, request, (page: MomentCustomerPage) => page.customer_list)
    },

    /** Customers who can actually see the member's post. */
    getMomentSendResult(request: MomentMemberRequest): Paginated<MomentCustomer, MomentCustomerPage> {
      return cursorList(transport, E.getMomentSendResult, request, (page: MomentCustomerPage) => page.customer_list)
    },

    /** Comments and likes on one member's post. */
    async getMomentComments(momentId: string, userid: string): Promise<MomentComments> {
      const answer = await transport.call<Partial<MomentComments>>(E.getMomentComments, {
        body: { moment_id: momentId, userid },
      })
      return { comment_list: answer.comment_list ?? [], like_list: answer.like_list ?? [] }
    },
  }
}

/** `client.moments`. */
export type MomentsApi = ReturnType<typeof createMomentsApi>
