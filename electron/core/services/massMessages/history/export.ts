import { Buffer } from 'node:buffer'
import { formatLocal } from '../../../../../shared/date'
import type { GroupMsgResultRow } from '../../../../../shared/massMessages'
import type { Locale, LocalizedText } from '../../../../../shared/result'
import { text } from '../../../errors'
import { writeCsv } from '../../../export/csv'
import type { Table } from '../../../export/table'
import { writeXlsx, XLSX_CONTENT_TYPE } from '../../../export/xlsx'
import { factsKey, type RecipientFactsMap } from './recipient-facts'

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
  text('客户备注', 'Remark'),
  text('客户标签', 'Tags'),
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
/** Longest name part of an export's file name, in characters. */
const NAME_CHARS = 40

/** What names an export: the message's title (sent from this console) or the start of its text, and its time. */
export interface ExportedMessage {
  title?: string | undefined
  text?: string | undefined
  /** ms since epoch; the export's own time when the message's is unknown. */
  createTime?: number | undefined
}

const TAG_SEPARATOR = text('、', ', ')

/**
 * One mass message's per-recipient results as an XLSX or CSV file in the user's language:
 * member, member name, recipient, recipient name, the member's remark and tags for a customer
 * recipient (from `facts`, the local cache; empty for groups and customers it does not know),
 * status, send time (this computer's local time).
 * The file is named by what a marketer recognises: the title (or the text's beginning) and the
 * message's local date and time, e.g. `夏季新品-20250602-0905.xlsx`.
 */
export function exportResults(
  message: ExportedMessage,
  rows: readonly GroupMsgResultRow[],
  format: ExportFormat,
  locale: Locale,
  now: number,
  facts: RecipientFactsMap = new Map(),
): ExportedFile {
  const table: Table = {
    header: HEADER.map((label) => label[locale]),
    rows: rows.map((row) => {
      const known = row.externalUserid === undefined ? undefined : facts.get(factsKey(row.externalUserid, row.userid))
      return [
        row.userid,
        row.memberName,
        row.externalUserid ?? row.chatId ?? '',
        row.recipientName,
        known?.remark ?? '',
        known?.tags.join(TAG_SEPARATOR[locale]) ?? '',
        STATUS_LABEL[row.status][locale],
        row.sendTime === undefined ? '' : localDateTime(row.sendTime),
      ]
    }),
  }
  const bytes = format === 'xlsx' ? writeXlsx(table, FILE_PREFIX[locale]) : writeCsv(table)
  return {
    filename: `${fileName(message, locale)}-${formatLocal(message.createTime ?? now, 'YYYYMMDD-HHmm')}.${format}`,
    dataBase64: Buffer.from(bytes).toString('base64'),
    contentType: format === 'xlsx' ? XLSX_CONTENT_TYPE : 'text/csv; charset=utf-8',
  }
}

/** `YYYY-MM-DD HH:mm:ss` in this computer's time zone: what a spreadsheet user expects to read. */
function localDateTime(ms: number): string {
  return formatLocal(ms, 'YYYY-MM-DD HH:mm:ss')
}

/** The title, else the text's beginning, else "mass-message results", as file systems accept it. */
function fileName(message: ExportedMessage, locale: Locale): string {
  for (const candidate of [message.title, message.text]) {
    const name = safeFileName(candidate ?? '')
    if (name !== '') return name
  }
  return FILE_PREFIX[locale]
}

/**
 * A name every file system accepts: no path separators, reserved or control characters, one
 * space for any run of white space, no leading or trailing dots or spaces, at most 40 characters.
 */
export function safeFileName(value: string): string {
  const cleaned = value
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
  return [...cleaned]
    .slice(0, NAME_CHARS)
    .join('')
    .replace(/^[\s.]+|[\s.]+$/gu, '')
}
