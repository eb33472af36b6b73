import type { GroupRow } from '../../../../../shared/customers'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'
import { JSON_LIST, jsonList } from '../filter-sql'
import { GROUP_ROW_COLUMNS } from './query'

/**
 * The cached groups with these chat ids, in the order asked (ids not in the cache are left out), gone
 * ones too (marked `goneAt`): a draft reopened later names its picked groups, not their ids.
 */
export function groupsByIds(workspace: Workspace, chatIds: readonly string[]): GroupRow[] {
  const rows = workspace
    .repository(StatementCache)
    .get(
      `SELECT ${GROUP_ROW_COLUMNS}, g.gone_at AS goneAt
       FROM group_chats g LEFT JOIN members m ON m.userid = g.owner
       WHERE g.chat_id IN ${JSON_LIST}`,
    )
    .all(jsonList(chatIds)) as unknown as Array<Omit<GroupRow, 'goneAt'> & { goneAt: number | null }>
  const byId = new Map(
    rows.map(({ goneAt, ...row }) => [row.chatId, goneAt === null ? row : { ...row, goneAt }] as const),
  )
  return [...new Set(chatIds)].flatMap((id) => byId.get(id) ?? [])
}
