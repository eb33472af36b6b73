import type { CustomerDetail, CustomerTagRef, FollowDetail } from '../../../../shared/customers'
import { StatementCache } from '../../store/repositories/statement-cache'
import type { Workspace } from '../../store/workspace'
import { customerNotFound } from './errors'

interface FollowRecord extends Omit<FollowDetail, 'tags' | 'goneAt'> {
  goneAt: number | null
}

interface TagRecord extends CustomerTagRef {
  userid: string
}

/** SQL NULL becomes an absent property, as the contract's optional fields expect. */
function withGoneAt<T extends object>(record: T, goneAt: number | null): T & { goneAt?: number } {
  return goneAt === null ? record : { ...record, goneAt }
}

/**
 * The follow relations of one customer as the detail drawer shows them: every member (gone
 * relations too, with `goneAt`), oldest first, each with its tags named from the tag library (an
 * id the library no longer has is shown as is). `userid` narrows to one relation.
 */
export function followDetails(workspace: Workspace, externalUserid: string, userid?: string): FollowDetail[] {
  const statements = workspace.repository(StatementCache)
  const params = { externalUserid, userid: userid ?? null }
  const follows = statements
    .get(
      `SELECT f.userid, coalesce(nullif(m.name, ''), f.userid) AS memberName, f.remark, f.description,
         f.remark_corp_name AS remarkCompany, f.added_at AS addedAt, f.add_way AS addWay, f.state, f.gone_at AS goneAt
       FROM follows f LEFT JOIN members m ON m.userid = f.userid
       WHERE f.external_userid = :externalUserid AND (:userid IS NULL OR f.userid = :userid)
       ORDER BY f.added_at, f.userid`,
    )
    .all(params) as unknown as FollowRecord[]
  const tags = statements
    .get(
      `SELECT ft.userid, ft.tag_id AS id, coalesce(t.name, ft.tag_id) AS name, coalesce(g.name, '') AS groupName
       FROM follow_tags ft LEFT JOIN tags t ON t.tag_id = ft.tag_id LEFT JOIN tag_groups g ON g.group_id = t.group_id
       WHERE ft.external_userid = :externalUserid AND (:userid IS NULL OR ft.userid = :userid)
       ORDER BY t.tag_id IS NULL, g.sort_order, t.sort_order, ft.tag_id`,
    )
    .all(params) as unknown as TagRecord[]
  return follows.map(({ goneAt, ...follow }) =>
    withGoneAt(
      {
        ...follow,
        tags: tags
          .filter((tag) => tag.userid === follow.userid)
          .map(({ id, name, groupName }) => ({ id, name, groupName })),
      },
      goneAt,
    ),
  )
}

/** One cached customer with every follow relation; gone customers are answered too, with `goneAt`. */
export function customerDetail(workspace: Workspace, externalUserid: string): CustomerDetail {
  const customer = workspace
    .repository(StatementCache)
    .get(
      `SELECT external_userid AS externalUserid, name, type, gender, avatar, corp_name AS corpName,
         corp_full_name AS corpFullName, position, gone_at AS goneAt
       FROM customers WHERE external_userid = ?`,
    )
    .get(externalUserid) as (Omit<CustomerDetail, 'follows' | 'goneAt'> & { goneAt: number | null }) | undefined
  if (!customer) throw customerNotFound(externalUserid)
  const { goneAt, ...profile } = customer
  return withGoneAt({ ...profile, follows: followDetails(workspace, externalUserid) }, goneAt)
}
