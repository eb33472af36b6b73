import { Buffer } from 'node:buffer'
import { formatLocal } from '../../../shared/date'
import { writeCsv } from './csv'
import type { Table } from './table'
import { writeXlsx, writeXlsxSheets, XLSX_CONTENT_TYPE, type Sheet } from './xlsx'

/** The file formats a table can be exported in. */
export type TableFormat = 'xlsx' | 'csv'

/** An exported file, ready for the renderer's "save as". */
export interface TableFile {
  filename: string
  dataBase64: string
  contentType: string
}

/**
 * A table as an XLSX (one sheet named `name`) or CSV file named `<name>-YYYYMMDD-HHmm.<format>`
 * in this computer's local time, e.g. `客户群-20250602-0905.xlsx`.
 */
export function tableFile(table: Table, format: TableFormat, name: string, now: number): TableFile {
  const bytes = format === 'xlsx' ? writeXlsx(table, name) : writeCsv(table)
  return {
    filename: `${name}-${formatLocal(now, 'YYYYMMDD-HHmm')}.${format}`,
    dataBase64: Buffer.from(bytes).toString('base64'),
    contentType: format === 'xlsx' ? XLSX_CONTENT_TYPE : 'text/csv; charset=utf-8',
  }
}

/**
 * Several tables as one file named like tableFile's: XLSX with a sheet each, or CSV with the tables
 * one after another, each under a row with its sheet's name and separated by an empty row.
 */
export function sheetsFile(sheets: readonly Sheet[], format: TableFormat, name: string, now: number): TableFile {
  let bytes: Uint8Array
  if (format === 'xlsx') bytes = writeXlsxSheets(sheets)
  else {
    const rows: string[][] = []
    for (const [index, sheet] of sheets.entries()) {
      if (index > 0) rows.push([])
      rows.push([sheet.name], [...sheet.table.header], ...sheet.table.rows.map((row) => [...row]))
    }
    const [header = [], ...rest] = rows
    bytes = writeCsv({ header, rows: rest })
  }
  return {
    filename: `${name}-${formatLocal(now, 'YYYYMMDD-HHmm')}.${format}`,
    dataBase64: Buffer.from(bytes).toString('base64'),
    contentType: format === 'xlsx' ? XLSX_CONTENT_TYPE : 'text/csv; charset=utf-8',
  }
}
