import type { z } from 'zod'
import type { FollowDetail, markTagsInputSchema, remarkInputSchema } from '../../../../shared/customers'
import { CustomerCacheRepository } from '../../store/repositories/customer-cache'
import { StatementCache } from '../../store/repositories/statement-cache'
import type { Workspace } from '../../store/workspace'
import type { WecomClient } from '../../wecom'
import { followDetails } from './detail'
import { JSON_LIST, jsonList } from './filter-sql'
import { nothingToRemark, relationNotFound, tagsAddedAndRemoved, unknownTags } from './errors'

/** What an edit needs: the cache to check and update, and the WeCom client to call first. */
export interface CustomerEditDeps {
  workspace: Workspace
  client: () => Promise<WecomClient>
}

/** `customers:updateRemark` input, as the contract's schema parsed it. */
export type RemarkInput = z.output<typeof remarkInputSchema>
/** `customers:markTags` input, as the contract's schema parsed it (`add` / `remove` default to []). */
export type MarkTagsInput = z.output<typeof markTagsInputSchema>

/** The cached live relation; refuses one the cache does not have (or has as gone). */
function cachedRelation(workspace: Workspace, userid: string, externalUserid: string): FollowDetail {
  const follow = followDetails(workspace, externalUserid, userid)[0]
  if (!follow || follow.goneAt !== undefined) throw relationNotFound(userid, externalUserid)
  return follow
}

/**
 * Changes a member's remark, description and/or remark company for a customer: WeCom
 * (externalcontact/remark) first, then the cache, so a refused call leaves the cache as it was.
 * Lengths are checked by the contract's schema; omitted fields stay unchanged.
 */
export async function updateRemark(deps: CustomerEditDeps, input: RemarkInput): Promise<FollowDetail> {
  const { workspace } = deps
  const { userid, externalUserid, remark, description, remarkCompany } = input
  if (remark === undefined && description === undefined && remarkCompany === undefined) throw nothingToRemark()
  cachedRelation(workspace, userid, externalUserid)
  const client = await deps.client()
  await client.customers.remark({
    userid,
    external_userid: externalUserid,
    ...(remark !== undefined ? { remark } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(remarkCompany !== undefined ? { remark_company: remarkCompany } : {}),
  })
  workspace.transaction(() =>
    workspace
      .repository(CustomerCacheRepository)
      .updateRemark(externalUserid, userid, { remark, description, remarkCompany }),
  )
  return cachedRelation(workspace, userid, externalUserid)
}

/**
 * Adds and removes corp tags on one member ↔ customer relation: tag ids the cached library does
 * not know are refused before calling, then WeCom (mark_tag), then the cache gets the new tag set.
 */
export async function markTags(deps: CustomerEditDeps, input: MarkTagsInput): Promise<FollowDetail> {
  const { workspace } = deps
  const { userid, externalUserid, add, remove } = input
  const both = add.filter((tagId) => remove.includes(tagId))
  if (both.length > 0) throw tagsAddedAndRemoved([...new Set(both)])
  cachedRelation(workspace, userid, externalUserid)
  assertKnownTags(workspace, [...add, ...remove])

  const client = await deps.client()
  await client.tags.markTag({
    userid,
    external_userid: externalUserid,
    ...(add.length > 0 ? { add_tag: add } : {}),
    ...(remove.length > 0 ? { remove_tag: remove } : {}),
  })
  workspace.transaction(() => {
    const next = new Set(cachedRelation(workspace, userid, externalUserid).tags.map((tag) => tag.id))
    for (const tagId of add) next.add(tagId)
    for (const tagId of remove) next.delete(tagId)
    // Tags are not part of the customer's aggregates (search text, add time, followers): nothing to refresh.
    workspace.repository(CustomerCacheRepository).setFollowTags(externalUserid, userid, [...next])
  })
  return cachedRelation(workspace, userid, externalUserid)
}

/** Refuses tag ids the cached tag library does not have. */
function assertKnownTags(workspace: Workspace, tagIds: readonly string[]): void {
  const known = workspace
    .repository(StatementCache)
    .get(`SELECT tag_id AS id FROM tags WHERE tag_id IN ${JSON_LIST}`)
    .all(jsonList(tagIds)) as Array<{ id: string }>
  const knownIds = new Set(known.map((row) => row.id))
  const unknown = [...new Set(tagIds)].filter((tagId) => !knownIds.has(tagId))
  if (unknown.length > 0) throw unknownTags(unknown)
}
