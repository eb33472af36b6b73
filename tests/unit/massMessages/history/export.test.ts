import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import type { GroupMsgResultRow } from '../../../../shared/massMessages'
import { join } from 'node:path'
import { exportResults, safeFileName } from '../../../../electron/core/services/massMessages/history/export'
import { recipientFacts } from '../../../../electron/core/services/massMessages/history/recipient-facts'
import { openWorkspace } from '../../../../electron/core/store/workspace'
import { useTempDir } from '../../store/temp-dir'
import { readXlsx } from '../../export/read-xlsx'

const SENT_AT = new Date(2025, 5, 2, 9, 5, 7).getTime()
const ROWS: GroupMsgResultRow[] = [
  {
    userid: 'zhangsan',
    memberName: '张三',
    externalUserid: 'wmA',
    recipientName: '李女士',
    status: 1,
    sendTime: SENT_AT,
  },
  { userid: 'zhangsan', memberName: '张三', externalUserid: 'wmB', recipientName: '=cmd', status: 3 },
  { userid: 'lisi', memberName: '李四', chatId: 'wrC', recipientName: 'VIP 群, "老客户"', status: 0 },
  { userid: 'lisi', memberName: '李四', externalUserid: 'wmD', recipientName: 'wmD', status: 2 },
]
const NOW = new Date(2025, 5, 3, 23, 59).getTime()

describe('exportResults', () => {
  it('writes an XLSX with a localized header, status labels and local send times', async () => {
    const file = exportResults({}, ROWS, 'xlsx', 'zh-CN', NOW)
    expect(file.filename).toBe('群发结果-20250603-2359.xlsx')
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const [sheet, ...others] = await readXlsx(Buffer.from(file.dataBase64, 'base64'))
    expect(others).toEqual([])
    expect(sheet!.name).toBe('群发结果')
    expect(sheet!.rows).toEqual([
      ['成员', '成员姓名', '接收对象', '接收对象名称', '客户备注', '客户标签', '发送状态', '发送时间'],
      ['zhangsan', '张三', 'wmA', '李女士', '', '', '已发送', '2025-06-02 09:05:07'],
      ['zhangsan', '张三', 'wmB', '=cmd', '', '', '发送失败：超过接收上限', ''],
      ['lisi', '李四', 'wrC', 'VIP 群, "老客户"', '', '', '未发送', ''],
      ['lisi', '李四', 'wmD', 'wmD', '', '', '发送失败：客户不是好友', ''],
    ])
    // A recipient named like a formula is text in the sheet, never a formula.
    expect(sheet!.worksheet.getCell('D3').formula).toBeUndefined()
  })

  it('writes the XLSX header in English for an English user', async () => {
    const [sheet] = await readXlsx(Buffer.from(exportResults({}, ROWS, 'xlsx', 'en', NOW).dataBase64, 'base64'))
    expect(sheet!.name).toBe('mass-message-results')
    expect(sheet!.rows[0]).toEqual([
      'Member',
      'Member name',
      'Recipient',
      'Recipient name',
      'Remark',
      'Tags',
      'Status',
      'Sent at',
    ])
    expect(sheet!.rows[1]).toEqual(['zhangsan', '张三', 'wmA', '李女士', '', '', 'Sent', '2025-06-02 09:05:07'])
  })

  it('writes a CSV in English that Excel opens with Chinese intact', () => {
    const file = exportResults({}, ROWS, 'csv', 'en', NOW)
    expect(file.filename).toBe('mass-message-results-20250603-2359.csv')
    expect(file.contentType).toBe('text/csv; charset=utf-8')
    const bytes = Buffer.from(file.dataBase64, 'base64')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toBe('Member,Member name,Recipient,Recipient name,Remark,Tags,Status,Sent at')
    expect(lines[1]).toBe('zhangsan,张三,wmA,李女士,,,Sent,2025-06-02 09:05:07')
    expect(lines[2]).toBe("zhangsan,张三,wmB,'=cmd,,,Failed: receive limit reached,")
    expect(lines[3]).toBe('lisi,李四,wrC,"VIP 群, ""老客户""",,,Not sent,')
    expect(lines[4]).toBe('lisi,李四,wmD,wmD,,,Failed: not a friend,')
  })
})

describe('export file names (issue 9, item 7)', () => {
  const SENT = new Date(2025, 5, 2, 9, 5).getTime()

  it('are named by the title and the message’s local date and time, not its msgid', () => {
    const file = exportResults(
      { title: '夏季新品', text: '夏季新品上市', createTime: SENT },
      ROWS,
      'xlsx',
      'zh-CN',
      NOW,
    )
    expect(file.filename).toBe('夏季新品-20250602-0905.xlsx')
  })

  it('use the start of the text when there is no title, as file systems accept it', () => {
    const text = '会员日 / 限时: 8 折?\n第二行 "优惠" 还有很多很多很多很多很多很多很多很多很多的字，这里之后都截掉'
    const file = exportResults({ text, createTime: SENT }, ROWS, 'csv', 'en', NOW)
    expect(file.filename).toBe(
      '会员日 限时 8 折 第二行 优惠 还有很多很多很多很多很多很多很多很多很多的字-20250602-0905.csv',
    )
    expect(safeFileName(' ..\u0000a\u200b<b>. ')).toBe('a b')
    expect(exportResults({ title: ' ', text: '', createTime: SENT }, ROWS, 'csv', 'en', NOW).filename).toBe(
      'mass-message-results-20250602-0905.csv',
    )
  })
})

describe('exports carry the customer’s remark and tags beside the ids (issue 9, mass messages)', () => {
  const tempDir = useTempDir()

  /** A cache where 张三 remarked and tagged 李女士 (wmA), 李四 only follows her, and wmD is unknown. */
  function cachedWorkspace() {
    const workspace = openWorkspace(join(tempDir(), 'workspace.db'))
    workspace.db.exec(`
      INSERT INTO tag_groups (group_id, name, sort_order, synced_at) VALUES ('g1', '客户等级', 1, 0);
      INSERT INTO tags (tag_id, group_id, name, sort_order, synced_at) VALUES
        ('tVip', 'g1', 'VIP', 2, 0), ('tNew', 'g1', '新客', 1, 0);
      INSERT INTO customers (external_userid, name, synced_at) VALUES ('wmA', '李女士', 0), ('wmB', '王先生', 0);
      INSERT INTO follows (external_userid, userid, remark, synced_at) VALUES
        ('wmA', 'zhangsan', '老客户 李姐', 0), ('wmA', 'lisi', '', 0), ('wmB', 'zhangsan', '', 0);
      INSERT INTO follow_tags (external_userid, userid, tag_id) VALUES
        ('wmA', 'zhangsan', 'tVip'), ('wmA', 'zhangsan', 'tNew'), ('wmA', 'zhangsan', 'tGone'), ('wmA', 'lisi', 'tVip');
    `)
    return workspace
  }

  it('adds the member’s remark and the tag names for customers; groups and unknown customers stay empty', async () => {
    const workspace = cachedWorkspace()
    try {
      const rows: GroupMsgResultRow[] = [
        ...ROWS,
        { userid: 'lisi', memberName: '李四', externalUserid: 'wmA', recipientName: '李女士', status: 0 },
      ]
      const facts = recipientFacts(workspace, rows)
      const zh = await readXlsx(Buffer.from(exportResults({}, rows, 'xlsx', 'zh-CN', NOW, facts).dataBase64, 'base64'))
      expect(zh[0]!.rows.map((row) => row.slice(2, 6))).toEqual([
        ['接收对象', '接收对象名称', '客户备注', '客户标签'],
        ['wmA', '李女士', '老客户 李姐', '新客、VIP、tGone'],
        ['wmB', '=cmd', '', ''],
        ['wrC', 'VIP 群, "老客户"', '', ''],
        ['wmD', 'wmD', '', ''],
        ['wmA', '李女士', '', 'VIP'],
      ])
      const [en] = await readXlsx(Buffer.from(exportResults({}, rows, 'xlsx', 'en', NOW, facts).dataBase64, 'base64'))
      expect(en!.rows[1]).toEqual([
        'zhangsan',
        '张三',
        'wmA',
        '李女士',
        '老客户 李姐',
        '新客, VIP, tGone',
        'Sent',
        '2025-06-02 09:05:07',
      ])
    } finally {
      workspace.close()
    }
  })
})
