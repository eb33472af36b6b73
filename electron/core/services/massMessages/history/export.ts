import { Buffer } from 'node:buffer'
import { formatLocal } from '../../../../../shared/date'
import type { GroupMsgResultRow } from '../../../../../shared/massMessages'
import type { Locale, LocalizedText } from '../../../../../shared/result'
import { text } from '../../../errors'
import { writeCsv } from '../../../export/csv'
import type { Table } from '../../../export/table'
import { writeXlsx, XLSX_CONTENT_TYPE } from '../../../export/xlsx'

/** The file formats the results can be exported in. */
export type ExportFormat = 'xlsx' | 'csv'

/** An exported file, ready for the renderer's "save as". */
export interface ExportedFile {
  filename: string
  dataBase64: string
  contentType: string
}

const HEADER: readonly LocalizedText[] = [
  text('成员', 'Member'),
  text('成员姓名', 'Member name'),
  text('接收对象', 'Recipient'),
  text('接收对象名称', 'Recipient name'),
  text('发送状态', 'Status'),
  text('发送时间', 'Sent at'),
]

const STATUS_LABEL: Record<GroupMsgResultRow['status'], LocalizedText> = {
  0: text('未发送', 'Not sent'),
  1: text('已发送', 'Sent'),
  2: text('发送失败：客户不是好友', 'Failed: not a friend'),
  3: text('发送失败：超过接收上限', 'Failed: receive limit reached'),
}

const FILE_PREFIX = text('群发结果', 'mass-message-results')

/**
 * One mass message's per-recipient results as an XLSX or CSV file in the user's language:
 * member, member name, recipient, recipient name, status, send time (this computer's local time).
 */
export function exportResults(
  msgid: string,
  rows: readonly GroupMsgResultRow[],
  format: ExportFormat,
  locale: Locale,
  now: number,
): ExportedFile {
  const table: Table = {
    header: HEADER.map((label) => label[locale]),
    rows: rows.map((row) => [
      row.userid,
      row.memberName,
      row.externalUserid ?? row.chatId ?? '',
      row.recipientName,
      STATUS_LABEL[row.status][locale],
      row.sendTime === undefined ? '' : localDateTime(row.sendTime),
    ]),
  }
  const bytes = format === 'xlsx' ? writeXlsx(table, FILE_PREFIX[locale]) : writeCsv(table)
  return {
    filename: `${FILE_PREFIX[locale]}-${safeFilePart(msgid)}-${localDateTime(now).slice(0, 10).replace(/-/g, '')}.${format}`,
    dataBase64: Buffer.from(bytes).toString('base64'),
    contentType: format === 'xlsx' ? XLSX_CONTENT_TYPE : 'text/csv; charset=utf-8',
  }
}

/** `YYYY-MM-DD HH:mm:ss` in this computer's time zone: what a spreadsheet user expects to read. */
function localDateTime(ms: number): string {
  return formatLocal(ms, 'YYYY-MM-DD HH:mm:ss')
}

/** The msgid as part of a file name: only characters every file system accepts. */
function safeFilePart(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64)
}
