import { Buffer } from 'node:buffer'
import type { Table } from './table'

/** Excel only reads a CSV as UTF-8 (and shows Chinese correctly) when it starts with this BOM. */
const UTF8_BOM = '\uFEFF'

/**
 * What makes a spreadsheet read a cell as a formula (CSV injection, OWASP): a leading tab, CR,
 * LF or NUL, or `= + - @`, also after leading spaces, and also in their full-width (＝＋－＠) and
 * small (﹦﹢﹣﹫) forms, which Chinese and Japanese input methods type and spreadsheets may
 * read as the ASCII ones.
 */
const FORMULA_START = /^(?:[\t\r\n\0]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B])/

/**
 * What a reader may take for the end of a cell or a row: the comma, the semicolon (Excel's list
 * separator in many locales), the tab (tab-separated readers), the quote, and every line break
 * (CR, LF, NEL, the Unicode line and paragraph separators); and leading or trailing spaces, which
 * some readers trim from unquoted cells.
 */
const NEEDS_QUOTES = /[",;\t\r\n\u0085\u2028\u2029]|^\s|\s$/

/**
 * The table as an RFC 4180 CSV with a UTF-8 BOM and CRLF line ends. A cell that holds a separator
 * (see NEEDS_QUOTES) is quoted, its quotes doubled; a cell that would start a formula (a customer
 * may be named "=1+1" or "＝1+1") gets a leading apostrophe, so opening the file never runs anything.
 */
export function writeCsv(table: Table): Uint8Array {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvCell).join(','))
  return Buffer.from(UTF8_BOM + lines.join('\r\n') + '\r\n', 'utf8')
}

/** One cell as it goes in the file: defused, then quoted when it holds a separator. */
function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
