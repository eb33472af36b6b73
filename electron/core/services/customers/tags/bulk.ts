import type { CustomerFilter } from '../../../../../shared/customers'
import type { Locale } from '../../../../../shared/result'
import { AppError, text } from '../../../errors'
import { CustomerCacheRepository } from '../../../store/repositories/customer-cache'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { CustomerEditDeps } from '../edits'
import { tagsAddedAndRemoved, unknownTags } from '../errors'
import { CUSTOMER_SCAN, customerFilterSql, JSON_LIST, jsonList } from '../filter-sql'

/** mark_tag calls in flight at once (the client's limiter keeps WeCom's rate). */
const CONCURRENCY = 8
/** Failures listed by name in the result; the rest are counted. */
export const LISTED_FAILURES = 200

/** Who gets the tags: the customers a filter matches, or picked customers. */
export type BulkTagsScope = { filter: CustomerFilter } | { externalUserids: string[] }

export interface BulkTagsInput {
  scope: BulkTagsScope
  add: string[]
  remove: string[]
}

export interface BulkTagsProgress {
  /** Member ↔ customer relations handled so far, and in all. */
  done: number
  total: number
  failed: number
}

export interface BulkTagsFailure {
  externalUserid: string
  name: string
  userid: string
  memberName: string
  message: string
}

export interface BulkTagsResult extends BulkTagsProgress {
  /** Customers reached. */
  customers: number
  /** The first failures, by customer and member, with WeCom's reason in the user's language. */
  failures: BulkTagsFailure[]
}

interface Relation {
  externalUserid: string
  name: string
  userid: string
  memberName: string
}

/**
 * Adds and removes corp tags on every live member ↔ customer relation of the customers in scope:
 * WeCom first (externalcontact/mark_tag, one call per relation, 8 at a time), then the cache for
 * each call that succeeded. A refused call does not stop the others; it is listed with its reason.
 */
export async function bulkMarkTags(
  deps: CustomerEditDeps,
  input: BulkTagsInput,
  locale: Locale,
  onProgress?: (progress: BulkTagsProgress) => void,
): Promise<BulkTagsResult> {
  const { workspace } = deps
  const both = input.add.filter((tagId) => input.remove.includes(tagId))
  if (both.length > 0) throw tagsAddedAndRemoved([...new Set(both)])
  if (input.add.length + input.remove.length === 0) throw nothingToChange()
  const statements = workspace.repository(StatementCache)
  const tagIds = [...new Set([...input.add, ...input.remove])]
  const known = new Set(
    (
      statements.get(`SELECT tag_id AS id FROM tags WHERE tag_id IN ${JSON_LIST}`).all(jsonList(tagIds)) as Array<{
        id: string
      }>
    ).map((row) => row.id),
  )
  const unknown = tagIds.filter((tagId) => !known.has(tagId))
  if (unknown.length > 0) throw unknownTags(unknown)

  const customers =
    'filter' in input.scope
      ? (() => {
          const where = customerFilterSql(input.scope.filter)
          return `(SELECT c.external_userid FROM ${CUSTOMER_SCAN} WHERE ${where.sql})`
        })()
      : `(SELECT value FROM json_each(?))`
  const params =
    'filter' in input.scope ? customerFilterSql(input.scope.filter).params : [jsonList(input.scope.externalUserids)]
  const relations = statements
    .get(
      `SELECT f.external_userid AS externalUserid, c.name, f.userid, coalesce(nullif(m.name, ''), f.userid) AS memberName
       FROM follows f JOIN customers c ON c.external_userid = f.external_userid
       LEFT JOIN members m ON m.userid = f.userid
       WHERE f.gone_at IS NULL AND c.gone_at IS NULL AND f.external_userid IN ${customers}
       ORDER BY f.external_userid, f.userid`,
    )
    .all(...params) as unknown as Relation[]

  const client = await deps.client()
  const cache = workspace.repository(CustomerCacheRepository)
  const failures: BulkTagsFailure[] = []
  let done = 0
  let failed = 0
  let next = 0
  const report = () => onProgress?.({ done, total: relations.length, failed })

  async function worker(): Promise<void> {
    while (next < relations.length) {
      const relation = relations[next++]!
      try {
        await client.tags.markTag({
          userid: relation.userid,
          external_userid: relation.externalUserid,
          ...(input.add.length > 0 ? { add_tag: input.add } : {}),
          ...(input.remove.length > 0 ? { remove_tag: input.remove } : {}),
        })
        workspace.transaction(() => {
          const current = statements
            .get('SELECT tag_id AS id FROM follow_tags WHERE external_userid = ? AND userid = ?')
            .all(relation.externalUserid, relation.userid) as Array<{ id: string }>
          const tags = new Set(current.map((row) => row.id))
          for (const tagId of input.add) tags.add(tagId)
          for (const tagId of input.remove) tags.delete(tagId)
          cache.setFollowTags(relation.externalUserid, relation.userid, [...tags])
        })
      } catch (error) {
        failed++
        if (failures.length < LISTED_FAILURES) {
          const message = error instanceof AppError ? error.text[locale] : String(error)
          failures.push({ ...relation, message })
        }
      }
      done++
      report()
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, relations.length) }, worker))
  report()
  return {
    done,
    total: relations.length,
    failed,
    customers: new Set(relations.map((relation) => relation.externalUserid)).size,
    failures,
  }
}

function nothingToChange(): AppError {
  return new AppError('invalid_input', text('请选择要添加或移除的标签。', 'Choose tags to add or remove.'))
}
