import { toUnixSeconds } from '../clock'
import type { CorpTag, CorpTagGroup, SandboxState } from '../model'
import { readRoute, writeRoute, type RouteTable, type SandboxContext } from '../routing'
import {
  asFields,
  checkMaxChars,
  optionalArray,
  optionalInteger,
  optionalString,
  requiredString,
  stringList,
  type Fields,
} from '../request-fields'
import { invalidParameter, WeComError } from '../wecom-error'
import { countTags, tagIndex } from './corp-tag-index'
import { requireRelation } from './customers'

const CORP_TAG_CAP = 3000
const NAME_MAX_CHARS = 30
const ORDER_LIMIT = 2 ** 32

/** 40068: a tag or group id that does not exist. */
const unknownTag = (id: string) => new WeComError(40068, `invalid tagid ${id}`)
/** 40071: a tag or group name already taken. */
const duplicateName = (name: string) => new WeComError(40071, `tag name exists: ${name}`)
/** 60011: the reference says an app may only edit or delete tags it created. */
const notOwnTag = (id: string) =>
  new WeComError(60011, `no privilege to modify tag ${id}, it was not created by this app`)

function tagView(tag: CorpTag) {
  return { id: tag.id, name: tag.name, create_time: tag.createTime, order: tag.order, deleted: false }
}

function groupView(group: CorpTagGroup, tags: readonly CorpTag[]) {
  return {
    group_id: group.groupId,
    group_name: group.groupName,
    create_time: group.createTime,
    order: group.order,
    deleted: false,
    tag: tags.map(tagView),
  }
}

function checkName(name: string, field: string): void {
  if (!name.trim()) throw invalidParameter(`${field} is empty`)
  checkMaxChars(name, NAME_MAX_CHARS, field)
}

function checkOrder(order: number | undefined): number {
  if (order === undefined) return 0
  if (order < 0 || order >= ORDER_LIMIT) throw invalidParameter('order out of range')
  return order
}

/** Tag group list filtered as documented: group_id wins over tag_id; both empty → all. */
function listTagGroups(state: SandboxState, body: Fields) {
  const groupIds = new Set(stringList(body, 'group_id', CORP_TAG_CAP))
  const tagIds = new Set(stringList(body, 'tag_id', CORP_TAG_CAP))
  if (groupIds.size > 0) {
    return state.tagGroups.filter((group) => groupIds.has(group.groupId)).map((group) => groupView(group, group.tags))
  }
  if (tagIds.size > 0) {
    return state.tagGroups
      .map((group) => ({ group, tags: group.tags.filter((tag) => tagIds.has(tag.id)) }))
      .filter(({ tags }) => tags.length > 0)
      .map(({ group, tags }) => groupView(group, tags))
  }
  return state.tagGroups.map((group) => groupView(group, group.tags))
}

/** The group add_corp_tag writes into: by id, by existing name, or a new group. */
function targetGroup(context: SandboxContext, body: Fields): CorpTagGroup {
  const { state } = context
  const groupId = optionalString(body, 'group_id')
  if (groupId) {
    const group = state.tagGroups.find((candidate) => candidate.groupId === groupId)
    if (!group) throw unknownTag(groupId)
    return group
  }
  const groupName = requiredString(body, 'group_name')
  checkName(groupName, 'group_name')
  const existing = state.tagGroups.find((candidate) => candidate.groupName === groupName)
  if (existing) return existing
  return {
    groupId: context.newId('et', 20),
    groupName,
    createTime: toUnixSeconds(context.now()),
    order: checkOrder(optionalInteger(body, 'order')),
    createdByApi: true,
    tags: [],
  }
}

function newTags(context: SandboxContext, body: Fields, group: CorpTagGroup): CorpTag[] {
  const inputs = optionalArray(body, 'tag')
  if (inputs.length === 0) throw invalidParameter('tag is empty')
  const names = new Set(group.tags.map((tag) => tag.name))
  return inputs.map((input) => {
    const fields = asFields(input)
    const name = requiredString(fields, 'name')
    checkName(name, 'tag.name')
    if (names.has(name)) throw duplicateName(name)
    names.add(name)
    return {
      id: context.newId('et', 20),
      name,
      createTime: toUnixSeconds(context.now()),
      order: checkOrder(optionalInteger(fields, 'order')),
    }
  })
}

/** Finds the API-created group holding `id` (a group id or a tag id). */
function ownGroupOf(state: SandboxState, id: string): CorpTagGroup {
  const group = state.tagGroups.find((candidate) => candidate.groupId === id) ?? tagIndex(state).get(id)?.group
  if (!group) throw unknownTag(id)
  if (!group.createdByApi) throw notOwnTag(id)
  return group
}

function editTagOrGroup(state: SandboxState, body: Fields): void {
  const id = requiredString(body, 'id')
  const name = optionalString(body, 'name')
  if (name !== undefined) checkName(name, 'name')
  const orderInput = optionalInteger(body, 'order')
  const order = orderInput === undefined ? undefined : checkOrder(orderInput)
  const group = ownGroupOf(state, id)
  const target: { name: string; order: number } | undefined =
    group.groupId === id ? undefined : group.tags.find((tag) => tag.id === id)
  if (!target) {
    if (name !== undefined && state.tagGroups.some((other) => other !== group && other.groupName === name))
      throw duplicateName(name)
    group.groupName = name ?? group.groupName
    group.order = order ?? group.order
    return
  }
  if (name !== undefined && group.tags.some((other) => other !== target && other.name === name))
    throw duplicateName(name)
  target.name = name ?? target.name
  target.order = order ?? target.order
}

function deleteTagsAndGroups(state: SandboxState, body: Fields): void {
  const tagIds = stringList(body, 'tag_id', CORP_TAG_CAP)
  const groupIds = stringList(body, 'group_id', CORP_TAG_CAP)
  if (tagIds.length === 0 && groupIds.length === 0) throw invalidParameter('tag_id and group_id are both empty')
  for (const id of [...tagIds, ...groupIds]) ownGroupOf(state, id)
  const removed = new Set(tagIds)
  for (const group of state.tagGroups)
    if (groupIds.includes(group.groupId)) for (const tag of group.tags) removed.add(tag.id)
  for (const group of state.tagGroups) group.tags = group.tags.filter((tag) => !removed.has(tag.id))
  state.tagGroups = state.tagGroups.filter((group) => group.tags.length > 0)
  for (const customer of state.customers) {
    for (const relation of customer.follows) {
      if (relation.tagIds.some((tagId) => removed.has(tagId)))
        relation.tagIds = relation.tagIds.filter((tagId) => !removed.has(tagId))
    }
  }
}

/** Corp tag library and tagging of follow relations [8.6]. */
export const tagRoutes: RouteTable = {
  'externalcontact/get_corp_tag_list': readRoute('POST', ({ state }, { body }) => ({
    tag_group: listTagGroups(state, body),
  })),

  'externalcontact/add_corp_tag': writeRoute((context, { body }) => {
    const group = targetGroup(context, body)
    const tags = newTags(context, body, group)
    if (countTags(context.state) + tags.length > CORP_TAG_CAP)
      throw new WeComError(40126, 'corp tag count exceeds 3000')
    if (!context.state.tagGroups.includes(group)) context.state.tagGroups.push(group)
    group.tags.push(...tags)
    return { tag_group: groupView(group, tags) }
  }),

  'externalcontact/edit_corp_tag': writeRoute(({ state }, { body }) => {
    editTagOrGroup(state, body)
    return {}
  }),

  'externalcontact/del_corp_tag': writeRoute(({ state }, { body }) => {
    deleteTagsAndGroups(state, body)
    return {}
  }),

  'externalcontact/mark_tag': writeRoute(({ state }, { body }) => {
    const relation = requireRelation(state, body)
    const addTags = stringList(body, 'add_tag', CORP_TAG_CAP)
    const removeTags = stringList(body, 'remove_tag', CORP_TAG_CAP)
    if (addTags.length === 0 && removeTags.length === 0) throw invalidParameter('add_tag and remove_tag are both empty')
    const tags = tagIndex(state)
    for (const tagId of [...addTags, ...removeTags]) if (!tags.has(tagId)) throw unknownTag(tagId)
    const next = new Set(relation.tagIds)
    for (const tagId of addTags) next.add(tagId)
    for (const tagId of removeTags) next.delete(tagId)
    if (next.size > CORP_TAG_CAP) throw invalidParameter('more than 3000 tags on one customer')
    relation.tagIds = [...next]
    return {}
  }),
}
