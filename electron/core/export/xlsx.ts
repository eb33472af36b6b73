import { Buffer } from 'node:buffer'
import type { Table } from './table'
import { writeZip } from './zip'

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'

const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml'

/** The MIME type of an .xlsx file. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** One sheet of a workbook. */
export interface Sheet {
  name: string
  table: Table
  /** Write plain decimals (not the header) as numbers, so spreadsheets can sum them; off for ids and phone numbers. */
  numbers?: boolean
}

/** The table as a one-sheet workbook (see writeXlsxSheets). */
export function writeXlsx(table: Table, sheetName: string): Uint8Array {
  return writeXlsxSheets([{ name: sheetName, table }])
}

/**
 * Tables as a minimal valid workbook, a sheet each: header rows frozen, every cell an inline string
 * (text is never read as a formula) unless the sheet asks for numbers. Opens in Excel, WPS and
 * LibreOffice.
 */
export function writeXlsxSheets(sheets: readonly Sheet[]): Uint8Array {
  const names = uniqueNames(sheets.map((sheet) => sheet.name))
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SHEET_TYPE}"/>`)
      .join('') +
    '</Types>'
  const rootRels =
    `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">` +
    sheets
      .map(
        (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('') +
    '</Relationships>'
  const workbook =
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
    names.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>'
  const entry = (name: string, xml: string) => ({ name, data: Buffer.from(xml, 'utf8') })
  return writeZip([
    entry('[Content_Types].xml', contentTypes),
    entry('_rels/.rels', rootRels),
    entry('xl/workbook.xml', workbook),
    entry('xl/_rels/workbook.xml.rels', workbookRels),
    ...sheets.map((sheet, i) => entry(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheet))),
  ])
}

const NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d{1,6})?$/

function sheetXml({ table, numbers = false }: Sheet): string {
  const rows = [table.header, ...table.rows].map(
    (cells, r) =>
      `<row r="${r + 1}">${cells
        .map((value, c) =>
          numbers && r > 0 && NUMBER.test(value)
            ? `<c r="${columnName(c)}${r + 1}"><v>${value}</v></c>`
            : inlineCell(value, r, c),
        )
        .join('')}</row>`,
  )
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}">` +
    '<sheetViews><sheetView workbookViewId="0">' +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '</sheetView></sheetViews>' +
    `<sheetData>${rows.join('')}</sheetData></worksheet>`
  )
}

function inlineCell(value: string, row: number, column: number): string {
  return `<c r="${columnName(column)}${row + 1}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`
}

/** 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

/** XML text: markup characters escaped, characters XML 1.0 cannot carry (control codes) dropped. */
function escapeXml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uD800-\uDFFF\uE000-\uFFFD]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Excel's sheet-name rules (≤ 31 characters, none of : \ / ? * [ ]), and no two alike. */
function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>()
  return names.map((name, i) => {
    let safe =
      Array.from(name.replace(/[:\\/?*[\]]/g, ' '))
        .slice(0, 31)
        .join('') || `Sheet${i + 1}`
    if (used.has(safe)) safe = `${Array.from(safe).slice(0, 28).join('')}-${i + 1}`
    used.add(safe)
    return safe
  })
}
