import type { Customer, FollowRelation, SandboxState } from '../model'
import { decodeCursor, encodeCursor, pageOf, pageSize } from '../pagination'
import { readRoute, writeRoute, type RouteTable, type SandboxContext } from '../routing'
import {
  checkMaxChars,
  optionalInteger,
  optionalString,
  requiredString,
  stringList,
  type Fields,
} from '../request-fields'
import { invalidParameter, WeComError } from '../wecom-error'
import { tagIndex, type TagLocation } from './corp-tag-index'
import { avatarUrl } from './members'

/** externalcontact/get pages follow_user above this many followers, as documented [8.3]. */
const FOLLOW_USER_PAGE = 500
const BATCH_USERIDS_MAX = 100

/** 40003 unless `userid` is a follow user. */
export function requireMember(state: SandboxState, userid: string): void {
  if (!state.memberById.has(userid)) throw new WeComError(40003, `invalid userid ${userid}`)
}

/** 40096 unless `externalUserid` is a (not removed) customer. */
export function requireCustomer(state: SandboxState, externalUserid: string): Customer {
  const customer = state.customerById.get(externalUserid)
  if (!customer) throw new WeComError(40096, `invalid external_userid ${externalUserid}`)
  return customer
}

/** The member's relation to the customer: 84061 when there is none. */
export function requireRelation(state: SandboxState, fields: Fields): FollowRelation {
  const userid = requiredString(fields, 'userid')
  requireMember(state, userid)
  const customer = requireCustomer(state, requiredString(fields, 'external_userid'))
  const relation = customer.follows.find((follow) => follow.userid === userid)
  if (!relation) throw new WeComError(84061, 'not external contact')
  return relation
}

function externalContactView(context: SandboxContext, customer: Customer) {
  const view: Record<string, unknown> = {
    external_userid: customer.externalUserid,
    name: customer.name,
    avatar: avatarUrl(context, customer.externalUserid),
    type: customer.type,
    gender: customer.gender,
  }
  if (customer.type === 1) view.unionid = customer.unionid
  else
    Object.assign(view, {
      position: customer.position,
      corp_name: customer.corpName,
      corp_full_name: customer.corpFullName,
    })
  return view
}

function relationFields(relation: FollowRelation) {
  const view: Record<string, unknown> = {
    userid: relation.userid,
    remark: relation.remark,
    description: relation.description,
    createtime: relation.createTime,
    remark_corp_name: relation.remarkCorpName,
    remark_mobiles: relation.remarkMobiles,
    add_way: relation.addWay,
    oper_userid: relation.operUserid,
  }
  if (relation.state) view.state = relation.state
  return view
}

/** follow_user item of externalcontact/get: tags with names. */
function followUserView(relation: FollowRelation, tags: Map<string, TagLocation>) {
  return {
    ...relationFields(relation),
    tags: relation.tagIds.flatMap((tagId) => {
      const location = tags.get(tagId)
      return location
        ? [{ group_name: location.group.groupName, tag_name: location.tag.name, type: 1, tag_id: tagId }]
        : []
    }),
  }
}

/** Customer reads and the remark write [8.2–8.5]. */
export const customerRoutes: RouteTable = {
  'externalcontact/list': readRoute('GET', ({ state }, { query }) => {
    const userid = requiredString(query, 'userid')
    requireMember(state, userid)
    const customers = state.customersByMember.get(userid) ?? []
    if (customers.length === 0) throw new WeComError(84061, 'not external contact')
    return { external_userid: customers.map((customer) => customer.externalUserid) }
  }),

  'externalcontact/get': readRoute('GET', (context, { query }) => {
    const customer = requireCustomer(context.state, requiredString(query, 'external_userid'))
    const { page, nextCursor } = pageOf(customer.follows, optionalString(query, 'cursor'), FOLLOW_USER_PAGE)
    const tags = tagIndex(context.state)
    return {
      external_contact: externalContactView(context, customer),
      follow_user: page.map((relation) => followUserView(relation, tags)),
      next_cursor: nextCursor,
    }
  }),

  'externalcontact/batch/get_by_user': readRoute('POST', (context, { body }) => {
    const userids = stringList(body, 'userid_list', BATCH_USERIDS_MAX)
    if (userids.length === 0) throw invalidParameter('userid_list is empty')
    for (const userid of userids) requireMember(context.state, userid)
    const limit = pageSize(optionalInteger(body, 'limit'), { default: 50, max: 100, overMax: 'clamp' })
    const cursor = optionalString(body, 'cursor')
    const [userIndex = 0, offset = 0] = decodeCursor(cursor, 2)
    return batchPage(context, userids, userIndex, offset, limit)
  }),

  'externalcontact/remark': writeRoute(({ state }, { body }) => {
    const relation = requireRelation(state, body)
    const remark = optionalString(body, 'remark')
    const description = optionalString(body, 'description')
    const remarkCompany = optionalString(body, 'remark_company')
    const mediaId = optionalString(body, 'remark_pic_mediaid')
    if (remark !== undefined) checkMaxChars(remark, 20, 'remark')
    if (description !== undefined) checkMaxChars(description, 150, 'description')
    if (remarkCompany !== undefined) checkMaxChars(remarkCompany, 20, 'remark_company')
    if (mediaId !== undefined && !state.media.has(mediaId)) throw new WeComError(40007, 'invalid media_id')
    const mobiles = body.remark_mobiles === undefined ? undefined : stringList(body, 'remark_mobiles', 100)
    if (remark !== undefined) relation.remark = remark
    if (description !== undefined) relation.description = description
    if (remarkCompany !== undefined) relation.remarkCorpName = remarkCompany
    if (mobiles !== undefined) relation.remarkMobiles = mobiles
    return {}
  }),
}

/** Walks the listed members' customers from (userIndex, offset) until the page is full. */
function batchPage(
  context: SandboxContext,
  userids: readonly string[],
  userIndex: number,
  offset: number,
  limit: number,
) {
  const items: unknown[] = []
  let position: [number, number] = [userIndex, offset]
  while (items.length < limit && position[0] < userids.length) {
    const userid = userids[position[0]] as string
    const customers = context.state.customersByMember.get(userid) ?? []
    const slice = customers.slice(position[1], position[1] + limit - items.length)
    for (const customer of slice) {
      const relation = customer.follows.find((follow) => follow.userid === userid)
      if (!relation) continue
      items.push({
        external_contact: externalContactView(context, customer),
        follow_info: { ...relationFields(relation), tag_id: relation.tagIds },
      })
    }
    position =
      position[1] + slice.length < customers.length ? [position[0], position[1] + slice.length] : [position[0] + 1, 0]
  }
  const done = position[0] >= userids.length
  return { external_contact_list: items, next_cursor: done ? '' : encodeCursor(position) }
}
