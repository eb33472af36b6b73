import { formatLocal } from '../../../../../shared/date'
import type { Locale, LocalizedText } from '../../../../../shared/result'
import { text } from '../../../errors'
import { tableFile, type TableFile, type TableFormat } from '../../../export/file'
import type { Workspace } from '../../../store/workspace'
import { queryGroups, type GroupQuery } from './query'

const HEADER: readonly LocalizedText[] = [
  text('群名称', 'Group name'),
  text('群主', 'Owner'),
  text('群主账号', 'Owner account'),
  text('人数', 'Members'),
  text('创建时间', 'Created'),
  text('状态', 'Status'),
  text('群 ID', 'Group ID'),
]

const STATUS: Record<number, LocalizedText> = {
  0: text('正常', 'Normal'),
  1: text('群主已离职', 'Owner left'),
  2: text('继承中', 'Being handed over'),
  3: text('已继承', 'Handed over'),
}

const FILE_NAME = text('客户群', 'customer-groups')
const UNNAMED = text('未命名群聊', 'Unnamed group')

/**
 * Every customer group the Groups page's filter matches (search, owners), in its sort order, as
 * an XLSX or CSV file in the user's language: name, owner, owner account, members, created (local
 * time), status and the group id.
 */
export function exportGroups(
  workspace: Workspace,
  query: Omit<GroupQuery, 'offset' | 'limit'>,
  format: TableFormat,
  locale: Locale,
  now: number,
): TableFile {
  // LIMIT -1: SQLite's "no limit".
  const { rows } = queryGroups(workspace, { ...query, offset: 0, limit: -1 })
  return tableFile(
    {
      header: HEADER.map((label) => label[locale]),
      rows: rows.map((row) => [
        row.name || UNNAMED[locale],
        row.ownerName,
        row.owner,
        String(row.memberCount),
        row.createTime ? formatLocal(row.createTime, 'YYYY-MM-DD HH:mm:ss') : '',
        (STATUS[row.status] ?? STATUS[0]!)[locale],
        row.chatId,
      ]),
    },
    format,
    FILE_NAME[locale],
    now,
  )
}
