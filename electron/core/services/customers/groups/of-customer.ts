import type { GroupRow } from '../../../../../shared/customers'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'
import { GROUP_ROW_COLUMNS } from './query'

/** The live cached customer groups a customer is in (a type 2 member), by name then id. */
export function customerGroups(workspace: Workspace, externalUserid: string): GroupRow[] {
  return workspace
    .repository(StatementCache)
    .get(
      `SELECT ${GROUP_ROW_COLUMNS}
       FROM group_chat_members gm
       JOIN group_chats g ON g.chat_id = gm.chat_id
       LEFT JOIN members m ON m.userid = g.owner
       WHERE gm.member_id = ? AND gm.type = 2 AND g.gone_at IS NULL
       ORDER BY g.name, g.chat_id`,
    )
    .all(externalUserid) as unknown as GroupRow[]
}
