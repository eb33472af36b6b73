import type { GroupMsgResultRow } from '../../../../../shared/massMessages'
import { JSON_LIST, jsonList } from '../../../store/json-list'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'

/** What the cache knows of one customer under the member who was to send to them. */
export interface RecipientFacts {
  /** The member's remark for the customer; '' when none. */
  remark: string
  /** The tags the member gave the customer, named from the tag library (an id it no longer has as is). */
  tags: string[]
}

/** Facts by `${external_userid} ${userid}` (ids hold no spaces); see `factsKey`. */
export type RecipientFactsMap = ReadonlyMap<string, RecipientFacts>

export const factsKey = (externalUserid: string, userid: string): string => `${externalUserid} ${userid}`

const REMARKS_SQL = `SELECT external_userid AS id, userid, remark FROM follows WHERE external_userid IN ${JSON_LIST}`
const TAGS_SQL = `SELECT ft.external_userid AS id, ft.userid, coalesce(t.name, ft.tag_id) AS name
  FROM follow_tags ft LEFT JOIN tags t ON t.tag_id = ft.tag_id LEFT JOIN tag_groups g ON g.group_id = t.group_id
  WHERE ft.external_userid IN ${JSON_LIST}
  ORDER BY t.tag_id IS NULL, g.sort_order, t.sort_order, ft.tag_id`

/**
 * The remark and tag names of each customer recipient in `rows`, by customer and member, from the
 * local customer cache (two queries, however many rows). Group recipients and customers the cache
 * does not know have no entry; the export leaves their cells empty.
 */
export function recipientFacts(workspace: Workspace, rows: readonly GroupMsgResultRow[]): RecipientFactsMap {
  const ids = [...new Set(rows.flatMap((row) => (row.externalUserid ? [row.externalUserid] : [])))]
  const facts = new Map<string, RecipientFacts>()
  if (ids.length === 0) return facts
  const statements = workspace.repository(StatementCache)
  const param = jsonList(ids)
  const follows = statements.get(REMARKS_SQL).all(param) as unknown as Array<{
    id: string
    userid: string
    remark: string
  }>
  for (const follow of follows) facts.set(factsKey(follow.id, follow.userid), { remark: follow.remark, tags: [] })
  const tags = statements.get(TAGS_SQL).all(param) as unknown as Array<{ id: string; userid: string; name: string }>
  for (const tag of tags) facts.get(factsKey(tag.id, tag.userid))?.tags.push(tag.name)
  return facts
}
