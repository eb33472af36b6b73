import { WECOM_ENDPOINTS as E } from '../endpoints'
import type { WecomTransport } from '../transport'

/** One department as `department/list` returns it. */
export interface Department {
  id: number
  name?: string
  name_en?: string
  department_leader?: string[]
  parentid: number
  order?: number
}

/** One member as `user/simplelist` returns it. */
export interface MemberSummary {
  userid: string
  name?: string
  department?: number[]
  open_userid?: string
}

/** One member as `user/get` returns it (fields beyond userid depend on the app's permissions). */
export interface MemberDetail {
  userid: string
  name?: string
  department?: number[]
  order?: number[]
  position?: string
  gender?: string
  avatar?: string
  thumb_avatar?: string
  alias?: string
  /** 1 active, 2 disabled, 4 not activated, 5 left. */
  status?: number
  main_department?: number
  open_userid?: string
  is_leader_in_dept?: number[]
  direct_leader?: string[]
}

/** Members and departments: who can send on behalf of the company. */
export function createMembersApi(transport: WecomTransport) {
  return {
    /** userids of members with 客户联系 enabled, within the app's visible range. */
    async getFollowUserList(): Promise<string[]> {
      const answer = await transport.call<{ follow_user?: string[] }>(E.getFollowUserList)
      return answer.follow_user ?? []
    },

    /** Departments under `id` (all visible ones when omitted), the root included. */
    async listDepartments(id?: number): Promise<Department[]> {
      const answer = await transport.call<{ department?: Department[] }>(E.listDepartments, { query: { id } })
      return answer.department ?? []
    },

    /** Members of a department (and its sub-departments when `fetchChild`). */
    async listUsersSimple(departmentId: number, fetchChild = false): Promise<MemberSummary[]> {
      const answer = await transport.call<{ userlist?: MemberSummary[] }>(E.listUsersSimple, {
        query: { department_id: departmentId, fetch_child: fetchChild ? 1 : 0 },
      })
      return answer.userlist ?? []
    },

    /** One member's profile. */
    getUser(userid: string): Promise<MemberDetail> {
      return transport.call<MemberDetail>(E.getUser, { query: { userid } })
    },
  }
}

/** `client.members`. */
export type MembersApi = ReturnType<typeof createMembersApi>
