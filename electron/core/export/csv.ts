import { Buffer } from 'node:buffer'
import type { Table } from './table'

/** Excel only reads a CSV as UTF-8 (and shows Chinese correctly) when it starts with this BOM. */
const UTF8_BOM = '\uFEFF'
/** Characters that make a spreadsheet read a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * The table as an RFC 4180 CSV with a UTF-8 BOM and CRLF line ends. Cells with commas, quotes or
 * line breaks are quoted; cells that would start a formula (a customer may be named "=1+1") get a
 * leading apostrophe, so opening the file never runs anything.
 */
export function writeCsv(table: Table): Uint8Array {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvCell).join(','))
  return Buffer.from(UTF8_BOM + lines.join('\r\n') + '\r\n', 'utf8')
}

function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
