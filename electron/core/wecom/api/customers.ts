import { WECOM_ENDPOINTS as E } from '../endpoints'
import type { Paginated } from '../pagination'
import { cursorPaginated } from '../pagination'
import type { WecomTransport } from '../transport'
import { cursorList } from './paged'

/** The customer's own profile (some fields are hidden from third-party / 代开发 apps). */
export interface ExternalContact {
  external_userid: string
  name?: string
  avatar?: string
  /** 1 WeChat user, 2 WeCom user. */
  type?: number
  /** 0 unknown, 1 male, 2 female. */
  gender?: number
  unionid?: string
  position?: string
  corp_name?: string
  corp_full_name?: string
  external_profile?: unknown
}

/** A tag on a follow relation, as `externalcontact/get` returns it. */
export interface FollowUserTag {
  group_name?: string
  tag_name?: string
  /** 1 corp tag, 2 personal tag, 3 rule-group tag. */
  type?: number
  tag_id?: string
}

/** Fields shared by the follow relation of `get` (follow_user) and `batch/get_by_user` (follow_info). */
interface FollowRelation {
  userid: string
  remark?: string
  description?: string
  createtime?: number
  remark_corp_name?: string
  remark_mobiles?: string[]
  /** How the customer was added (0 unknown, 1 QR scan, 2 phone search, … 201 shared, 202 assigned). */
  add_way?: number
  oper_userid?: string
  /** The contact way's `state`, for channel attribution. */
  state?: string
}

/** One member following the customer, with that member's tags (`externalcontact/get`). */
export interface FollowUser extends FollowRelation {
  tags?: FollowUserTag[]
}

/** One member following the customer (`batch/get_by_user`): corp and rule-group tag ids only. */
export interface FollowInfo extends FollowRelation {
  tag_id?: string[]
}

/** `externalcontact/get` with every page of follow_user merged. */
export interface CustomerDetail {
  external_contact: ExternalContact
  follow_user: FollowUser[]
}

/** `externalcontact/batch/get_by_user` request. */
export interface BatchGetByUserRequest {
  /** Members whose customers to list, ≤ 100. */
  userid_list: string[]
  /** Page size, ≤ 100 (WeCom default 50). */
  limit?: number
  /** Resume from a saved `next_cursor`. */
  cursor?: string
}

/** One (customer, following member) pair. */
export interface BatchCustomer {
  external_contact: ExternalContact
  follow_info: FollowInfo
}

/** One page of `batch/get_by_user`. */
export interface BatchGetByUserPage {
  external_contact_list?: BatchCustomer[]
  next_cursor?: string
}

/** `externalcontact/remark` request (a write). */
export interface RemarkCustomerRequest {
  userid: string
  external_userid: string
  /** ≤ 20 chars. */
  remark?: string
  /** ≤ 150 chars. */
  description?: string
  /** ≤ 20 chars. */
  remark_company?: string
  remark_mobiles?: string[]
  remark_pic_mediaid?: string
}

interface GetCustomerPage {
  external_contact: ExternalContact
  follow_user?: FollowUser[]
  next_cursor?: string
}

/** Customers (客户): ids per member, details, and the batched walk used for targeting. */
export function createCustomersApi(transport: WecomTransport) {
  return {
    /** external_userids of one member's customers. */
    async list(userid: string): Promise<string[]> {
      const answer = await transport.call<{ external_userid?: string[] }>(E.listCustomerIds, { query: { userid } })
      return answer.external_userid ?? []
    },

    /** One customer, with every following member (follow_user pages of > 500 are merged). */
    async get(externalUserid: string): Promise<CustomerDetail> {
      const pages = cursorPaginated<FollowUser, GetCustomerPage>(
        E.getCustomer.path,
        (cursor) => transport.call(E.getCustomer, { query: { external_userid: externalUserid, cursor } }),
        (page) => page.follow_user,
      )
      let contact: ExternalContact | undefined
      const followUsers: FollowUser[] = []
      for await (const page of pages.pages()) {
        contact ??= page.external_contact
        followUsers.push(...(page.follow_user ?? []))
      }
      return { external_contact: contact ?? { external_userid: externalUserid }, follow_user: followUsers }
    },

    /**
     * Every (customer, member) pair of up to 100 members, page by page: the cheap way to enumerate
     * customers (one call per `limit` pairs instead of one per customer).
     */
    batchGetByUser(request: BatchGetByUserRequest): Paginated<BatchCustomer, BatchGetByUserPage> {
      return cursorList(
        transport,
        E.batchGetCustomersByUser,
        request,
        (page: BatchGetByUserPage) => page.external_contact_list,
      )
    },

    /** Sets a member's remark, description, company or phone numbers for a customer. */
    async remark(request: RemarkCustomerRequest): Promise<void> {
      await transport.call(E.remarkCustomer, { body: request })
    },
  }
}

/** `client.customers`. */
export type CustomersApi = ReturnType<typeof createCustomersApi>
