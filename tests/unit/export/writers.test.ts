import { Buffer } from 'node:buffer'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { writeCsv } from '../../../electron/core/export/csv'
import { writeXlsx } from '../../../electron/core/export/xlsx'
import { writeZip } from '../../../electron/core/export/zip'
import { readXlsx } from './read-xlsx'

/** The archive as JSZip reads it, with every entry's CRC-32 checked against its data. */
const readZip = (bytes: Uint8Array) => JSZip.loadAsync(Buffer.from(bytes), { checkCRC32: true })

describe('writeZip', () => {
  const entries = [
    { name: 'a.txt', data: Buffer.from('hello hello hello hello') },
    { name: 'dir/空.bin', data: new Uint8Array() },
    { name: 'big.bin', data: Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 31) % 251)) },
  ]

  it('is read back by JSZip entry by entry, byte for byte, CRCs checked', async () => {
    const zip = await readZip(writeZip(entries))
    expect(Object.keys(zip.files)).toEqual(entries.map((e) => e.name))
    for (const entry of entries) {
      const data = await zip.file(entry.name)!.async('nodebuffer')
      expect(Buffer.compare(data, Buffer.from(entry.data))).toBe(0)
    }
  })

  it('marks names as UTF-8, and its CRCs are the ones a reader checks', async () => {
    const bytes = Buffer.from(writeZip(entries))
    // General-purpose flag bit 11 of the first local header: names are UTF-8 (Windows' zip reader needs it).
    expect(bytes.readUInt16LE(6) & 0x0800).toBe(0x0800)
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
    const damaged = Buffer.from(bytes)
    damaged[central + 16]! ^= 0x01
    await expect(readZip(damaged)).rejects.toThrow(/CRC32/)
  })

  it('is deterministic', () => {
    const same = [{ name: 'x', data: Buffer.from('same') }]
    expect(Buffer.compare(Buffer.from(writeZip(same)), Buffer.from(writeZip(same)))).toBe(0)
  })
})

describe('writeXlsx', () => {
  const table = {
    header: ['成员', 'Name', '状态'],
    rows: [
      ['zhangsan', '张三 🎉', '已发送'],
      ['<b>&"x"', '=1+1', '  spaced  '],
      ['ctl\u0001\u0008chars', '', 'line\nbreak'],
    ],
  }

  it('is a workbook a spreadsheet parser reads: one sheet, the header row first, every cell as text', async () => {
    const [sheet, ...others] = await readXlsx(writeXlsx(table, '群发结果'))
    expect(others).toEqual([])
    expect(sheet!.name).toBe('群发结果')
    expect(sheet!.rows).toEqual([
      ['成员', 'Name', '状态'],
      ['zhangsan', '张三 🎉', '已发送'],
      ['<b>&"x"', '=1+1', '  spaced  '],
      ['ctlchars', '', 'line\nbreak'],
    ])
    // Text stays text: "=1+1" is a string, not a formula.
    const formulaLike = sheet!.worksheet.getCell('B3')
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String)
    expect(formulaLike.formula).toBeUndefined()
    // The header row stays in view while scrolling.
    expect(sheet!.worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' })
  })

  it('holds the parts Excel needs', async () => {
    const zip = await readZip(writeXlsx(table, 'x'))
    expect(Object.keys(zip.files).sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/_rels/workbook.xml.rels',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ].sort(),
    )
  })

  it('keeps sheet names within Excel’s rules', async () => {
    const [sheet] = await readXlsx(writeXlsx({ header: ['a'], rows: [] }, 'a/b:c*d?[e]' + 'x'.repeat(40)))
    expect(sheet!.name).toHaveLength(31)
    expect(sheet!.name).not.toMatch(/[:\\/?*[\]]/)
    expect(sheet!.rows).toEqual([['a']])
  })

  it('puts every cell in its column past Z, and every row in order', async () => {
    const header = Array.from({ length: 30 }, (_, c) => `列${c + 1}`)
    const rows = Array.from({ length: 2000 }, (_, r) => header.map((_, c) => `${r + 1}-${c + 1}`))
    const [sheet] = await readXlsx(writeXlsx({ header, rows }, 'wide'))
    expect(sheet!.rows).toEqual([header, ...rows])
    expect(sheet!.worksheet.getCell('AD2001').text).toBe('2000-30')
  })
})

describe('writeCsv', () => {
  /** The data rows of a CSV with a two-column header, as one string (BOM, header and final CRLF left out). */
  const csvOf = (rows: string[][]) => {
    const csv = Buffer.from(writeCsv({ header: ['成员', '名称'], rows })).toString('utf8')
    expect(csv.startsWith('\uFEFF成员,名称\r\n') && csv.endsWith('\r\n')).toBe(true)
    return csv.slice('\uFEFF成员,名称\r\n'.length, -2)
  }

  it('starts with a UTF-8 BOM, uses CRLF, quotes what needs quoting and defuses formulas', () => {
    const csv = Buffer.from(
      writeCsv({
        header: ['成员', '名称'],
        rows: [
          ['张三', 'a,b'],
          ['say "hi"', 'two\nlines'],
          ['=HYPERLINK("x")', '+1'],
          ['-2', '@sum'],
          ['plain', ''],
        ],
      }),
    )
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.toString('utf8').slice(1)).toBe(
      [
        '成员,名称',
        '张三,"a,b"',
        '"say ""hi""","two\nlines"',
        `"'=HYPERLINK(""x"")",'+1`,
        "'-2,'@sum",
        'plain,',
        '',
      ].join('\r\n'),
    )
  })

  it.each([
    ['comma', 'a,b'],
    ['quote', 'a"b'],
    ['CR', 'a\rb'],
    ['LF', 'a\nb'],
    ['CRLF', 'a\r\nb'],
    ['semicolon (Excel’s list separator in many locales)', 'a;b'],
    ['tab', 'a\tb'],
    ['NEL', 'a\u0085b'],
    ['line separator', 'a\u2028b'],
    ['paragraph separator', 'a\u2029b'],
    ['leading space', ' ab'],
    ['trailing space', 'ab '],
    ['trailing ideographic space', 'ab\u3000'],
  ])('quotes a cell holding a %s', (_, value) => {
    expect(csvOf([[value, 'x']])).toBe(`"${value.replace(/"/g, '""')}",x`)
  })

  it('leaves cells without a separator unquoted, full-width commas and Chinese included', () => {
    expect(
      csvOf([
        ['张三，李四', 'VIP客户。'],
        ['a\u00a0b', 'wmABC_123'],
      ]),
    ).toBe('张三，李四,VIP客户。\r\na\u00a0b,wmABC_123')
  })

  it.each([
    '=1+1',
    '+1',
    '-1',
    '@SUM(A1)',
    '\t=1+1',
    '\rcmd',
    '\ncmd',
    '\0cmd',
    '  =1+1',
    '\u3000=1+1',
    '＝1+1',
    '＋1',
    '－1',
    '＠SUM(A1)',
    '﹦1+1',
    '﹢1',
    '﹣1',
    '﹫SUM(A1)',
  ])('defuses a cell starting a formula: %j', (value) => {
    const cell = csvOf([[value, 'x']]).slice(0, -',x'.length)
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell
    expect(unquoted).toBe(`'${value}`)
  })

  it('leaves formula characters alone after the first one', () => {
    expect(
      csvOf([
        ['a=1+1', 'x-y@z'],
        ['张三＝李四', '1-2'],
      ]),
    ).toBe('a=1+1,x-y@z\r\n张三＝李四,1-2')
  })
})
