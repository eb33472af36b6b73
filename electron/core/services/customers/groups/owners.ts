import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'

/** A member who owns live customer groups in the cache, with how many. */
export interface GroupOwner {
  userid: string
  /** The member's name, or the userid when the directory does not know it. */
  name: string
  groupCount: number
}

/**
 * Every owner of at least one live (not gone) cached customer group, with the count: the choices
 * of a "by owner" group message. Most groups first, then by name; members who own none are absent.
 */
export function groupOwners(workspace: Workspace): GroupOwner[] {
  return workspace
    .repository(StatementCache)
    .get(
      `SELECT g.owner AS userid, coalesce(nullif(m.name, ''), g.owner) AS name, count(*) AS groupCount
       FROM group_chats g LEFT JOIN members m ON m.userid = g.owner
       WHERE g.gone_at IS NULL AND g.owner <> ''
       GROUP BY g.owner ORDER BY groupCount DESC, name, g.owner`,
    )
    .all() as unknown as GroupOwner[]
}
