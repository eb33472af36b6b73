import type { GroupDetail, GroupMember, GroupRow } from '../../../../../shared/customers'
import { AppError, text } from '../../../errors'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'
import { GROUP_ROW_COLUMNS } from './query'

type GroupRecord = Omit<GroupRow, 'goneAt'> & { goneAt: number | null; notice: string; admins: string }

/**
 * One cached group with its notice, admins and members. A member's name comes from the member
 * directory (type 1) or the customer cache (type 2) when known, else from the group's own record
 * (name, then group nickname), else the id.
 */
export function groupDetail(workspace: Workspace, chatId: string): GroupDetail {
  const statements = workspace.repository(StatementCache)
  const group = statements
    .get(
      `SELECT ${GROUP_ROW_COLUMNS}, g.gone_at AS goneAt, g.notice, g.admins
       FROM group_chats g LEFT JOIN members m ON m.userid = g.owner
       WHERE g.chat_id = ?`,
    )
    .get(chatId) as GroupRecord | undefined
  if (!group) {
    throw new AppError(
      'group_not_found',
      text(`本地数据中没有这个客户群（${chatId}）。`, `This customer group (${chatId}) is not in the local data.`),
      { hint: text('请重新同步后再试。', 'Sync again, then retry.') },
    )
  }
  const members = statements
    .get(
      `SELECT gm.member_id AS id, gm.type,
         coalesce(nullif(CASE gm.type WHEN 1 THEN m.name ELSE c.name END, ''), nullif(gm.name, ''),
           nullif(gm.group_nickname, ''), gm.member_id) AS name,
         gm.join_time AS joinTime, gm.join_scene AS joinScene, gm.invitor
       FROM group_chat_members gm
       LEFT JOIN members m ON gm.type = 1 AND m.userid = gm.member_id
       LEFT JOIN customers c ON gm.type = 2 AND c.external_userid = gm.member_id
       WHERE gm.chat_id = ?
       ORDER BY gm.join_time, gm.member_id`,
    )
    .all(chatId) as unknown as GroupMember[]
  const { goneAt, admins, ...row } = group
  return {
    ...row,
    ...(goneAt === null ? {} : { goneAt }),
    admins: JSON.parse(admins) as string[],
    members,
  }
}
