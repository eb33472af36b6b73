import type { Department, Member, SandboxState } from '../model'
import { readRoute, type RouteTable, type SandboxContext } from '../routing'
import { optionalInteger, requiredInteger, requiredString } from '../request-fields'
import { invalidParameter, WeComError } from '../wecom-error'

/** URL of a member's or customer's avatar, drawn by the sandbox itself (see server.ts). */
export function avatarUrl(context: SandboxContext, id: string): string {
  return `${context.baseUrl}/sandbox/avatar/${encodeURIComponent(id)}.svg`
}

/** The department and all departments below it. */
export function departmentSubtree(state: SandboxState, rootId: number): Department[] {
  const result: Department[] = []
  const pending = [rootId]
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const department = state.departments.find((candidate) => candidate.id === id)
    if (!department) continue
    result.push(department)
    for (const child of state.departments) if (child.parentId === id) pending.push(child.id)
  }
  return result
}

/** Members in the given departments (and, with `withChildren`, their sub-departments). */
export function membersOfDepartments(
  state: SandboxState,
  departmentIds: readonly number[],
  withChildren: boolean,
): Member[] {
  const ids = new Set<number>()
  for (const id of departmentIds) {
    if (withChildren) for (const department of departmentSubtree(state, id)) ids.add(department.id)
    else ids.add(id)
  }
  return state.members.filter((member) => member.departmentIds.some((id) => ids.has(id)))
}

function departmentView(department: Department) {
  return {
    id: department.id,
    name: department.name,
    name_en: department.nameEn,
    parentid: department.parentId,
    order: department.order,
  }
}

/** Member directory reads [8.1] plus department/list, user/simplelist and user/get. */
export const memberRoutes: RouteTable = {
  'externalcontact/get_follow_user_list': readRoute('GET', ({ state }) => ({
    follow_user: state.members.map((member) => member.userid),
  })),

  'department/list': readRoute('GET', ({ state }, { query }) => {
    const rootId = optionalInteger(query, 'id')
    const departments = rootId === undefined ? state.departments : departmentSubtree(state, rootId)
    return { department: departments.map(departmentView) }
  }),

  'user/simplelist': readRoute('GET', ({ state }, { query }) => {
    const departmentId = requiredInteger(query, 'department_id')
    if (!state.departments.some((department) => department.id === departmentId)) {
      throw invalidParameter(`unknown department_id ${departmentId}`)
    }
    const members = membersOfDepartments(state, [departmentId], optionalInteger(query, 'fetch_child') === 1)
    return {
      userlist: members.map((member) => ({
        userid: member.userid,
        name: member.name,
        department: member.departmentIds,
      })),
    }
  }),

  'user/get': readRoute('GET', (context, { query }) => {
    const userid = requiredString(query, 'userid')
    const member = context.state.memberById.get(userid)
    if (!member) throw new WeComError(40003, `invalid userid ${userid}`)
    return {
      userid: member.userid,
      name: member.name,
      department: member.departmentIds,
      main_department: member.departmentIds[0],
      position: member.position,
      gender: String(member.gender),
      avatar: avatarUrl(context, member.userid),
      status: 1,
    }
  }),
}
