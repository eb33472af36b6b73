import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { crc32 } from '../../../electron/core/export/crc32'
import { writeCsv } from '../../../electron/core/export/csv'
import { columnName, writeXlsx } from '../../../electron/core/export/xlsx'
import { writeZip } from '../../../electron/core/export/zip'
import { sheetCells, unzip } from './unzip'

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array())).toBe(0)
    expect(crc32(Buffer.from('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339)
  })
})

describe('writeZip', () => {
  it('reads back every entry byte for byte, CRCs included', () => {
    const entries = [
      { name: 'a.txt', data: Buffer.from('hello hello hello hello') },
      { name: 'dir/空.bin', data: new Uint8Array() },
      { name: 'big.bin', data: Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 31) % 251)) },
    ]
    const read = unzip(writeZip(entries))
    expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name))
    for (const [i, entry] of read.entries()) {
      expect(entry.crcMatches).toBe(true)
      expect(Buffer.compare(entry.data, Buffer.from(entries[i]!.data))).toBe(0)
      expect(entry.flags & 0x0800).toBe(0x0800)
    }
  })

  it('is deterministic', () => {
    const entries = [{ name: 'x', data: Buffer.from('same') }]
    expect(Buffer.compare(Buffer.from(writeZip(entries)), Buffer.from(writeZip(entries)))).toBe(0)
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

  it('is a workbook with the parts Excel needs and one sheet of inline strings', () => {
    const parts = new Map(unzip(writeXlsx(table, '群发结果')).map((e) => [e.name, e.data.toString('utf8')]))
    expect([...parts.keys()].sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/_rels/workbook.xml.rels',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ].sort(),
    )
    expect(parts.get('[Content_Types].xml')).toContain('PartName="/xl/worksheets/sheet1.xml"')
    expect(parts.get('_rels/.rels')).toContain('Target="xl/workbook.xml"')
    expect(parts.get('xl/_rels/workbook.xml.rels')).toContain('Target="worksheets/sheet1.xml"')
    expect(parts.get('xl/workbook.xml')).toContain('<sheet name="群发结果" sheetId="1" r:id="rId1"/>')
    for (const xml of parts.values()) expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true)

    const sheet = parts.get('xl/worksheets/sheet1.xml')!
    expect(sheet).toContain('state="frozen"')
    expect(sheet).not.toContain('\u0001')
    expect(sheet).not.toContain('\u0008')
    expect(sheetCells(sheet)).toEqual([
      ['成员', 'Name', '状态'],
      ['zhangsan', '张三 🎉', '已发送'],
      ['<b>&"x"', '=1+1', '  spaced  '],
      ['ctlchars', '', 'line\nbreak'],
    ])
  })

  it('keeps sheet names within Excel’s rules', () => {
    const [workbook] = unzip(writeXlsx({ header: ['a'], rows: [] }, 'a/b:c*d?[e]' + 'x'.repeat(40))).filter(
      (e) => e.name === 'xl/workbook.xml',
    )
    const name = /<sheet name="([^"]*)"/.exec(workbook!.data.toString('utf8'))![1]!
    expect(name).toHaveLength(31)
    expect(name).not.toMatch(/[:\\/?*[\]]/)
  })

  it('names columns A…Z, AA…', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA'])
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
