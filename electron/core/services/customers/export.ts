import type { CustomerFilter, CustomerRow, CustomerSort } from '../../../../shared/customers'
import { formatLocal } from '../../../../shared/date'
import type { Locale, LocalizedText } from '../../../../shared/result'
import { text } from '../../errors'
import { tableFile, type TableFile, type TableFormat } from '../../export/file'
import { StatementCache } from '../../store/repositories/statement-cache'
import type { Workspace } from '../../store/workspace'
import { queryCustomers } from './query'

const HEADER: readonly LocalizedText[] = [
  text('客户名称', 'Customer'),
  text('企业', 'Company'),
  text('类型', 'Type'),
  text('性别', 'Gender'),
  text('添加时间', 'Added'),
  text('跟进成员', 'Members'),
  text('备注', 'Remarks'),
  text('标签', 'Tags'),
  text('客户 ID', 'Customer ID'),
]
const TYPE: Record<number, LocalizedText> = {
  1: text('微信用户', 'WeChat user'),
  2: text('企业微信用户', 'WeCom user'),
}
const GENDER: Record<number, LocalizedText> = {
  0: text('未知', 'Unknown'),
  1: text('男', 'Male'),
  2: text('女', 'Female'),
}
const LIST_SEPARATOR: Record<Locale, string> = { 'zh-CN': '、', en: ', ' }
const REMARK_SEPARATOR: Record<Locale, string> = { 'zh-CN': '：', en: ': ' }
const FILE_NAME = text('客户', 'customers')

/** Rows read per query while exporting. */
export const EXPORT_WINDOW = 500

/**
 * Every customer the Customers page's filter matches, in its sort order, as an XLSX or CSV file
 * in the user's language: name, company, type, gender, added (local time), the members who follow
 * them, each member's remark ("张三：老客户"), the tag names, and the id. `onProgress` hears how
 * many rows are read, window by window; the core answers other calls between windows.
 */
export async function exportCustomers(
  workspace: Workspace,
  query: { filter: CustomerFilter; sort: CustomerSort },
  format: TableFormat,
  locale: Locale,
  now: number,
  onProgress?: (done: number, total: number) => void,
): Promise<TableFile> {
  const tagNames = new Map(
    (
      workspace.repository(StatementCache).get('SELECT tag_id AS id, name FROM tags').all() as Array<{
        id: string
        name: string
      }>
    ).map((tag) => [tag.id, tag.name]),
  )
  const sep = LIST_SEPARATOR[locale]
  const rows: string[][] = []
  const cells = (customer: CustomerRow): string[] => [
    customer.name,
    customer.corpName,
    (TYPE[customer.type] ?? TYPE[1]!)[locale],
    (GENDER[customer.gender] ?? GENDER[0]!)[locale],
    customer.addedAt ? formatLocal(customer.addedAt, 'YYYY-MM-DD HH:mm:ss') : '',
    customer.followers.map((f) => f.memberName).join(sep),
    customer.followers
      .filter((f) => f.remark)
      .map((f) => `${f.memberName}${REMARK_SEPARATOR[locale]}${f.remark}`)
      .join(sep),
    customer.tagIds.map((id) => tagNames.get(id) ?? id).join(sep),
    customer.externalUserid,
  ]
  for (let offset = 0; ; offset += EXPORT_WINDOW) {
    const window = queryCustomers(workspace, { ...query, offset, limit: EXPORT_WINDOW })
    rows.push(...window.rows.map(cells))
    onProgress?.(rows.length, window.total)
    if (window.rows.length < EXPORT_WINDOW || rows.length >= window.total) break
    // Between windows, let the core answer other calls and send the progress out.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return tableFile({ header: HEADER.map((label) => label[locale]), rows }, format, FILE_NAME[locale], now)
}
