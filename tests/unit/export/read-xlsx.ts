import ExcelJS from 'exceljs'

/** One worksheet as a spreadsheet program reads it. */
export interface ReadSheet {
  name: string
  /** Each row's cells as text, from column A to the sheet's last used column ('' for an empty cell). */
  rows: string[][]
  worksheet: ExcelJS.Worksheet
}

/** The workbook's sheets, read with ExcelJS (an independent XLSX parser), never with the writer's own code. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadSheet[]> {
  const workbook = new ExcelJS.Workbook()
  // ExcelJS types its input as an ArrayBuffer (and hands it to JSZip, which reads one).
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  return workbook.worksheets.map((worksheet) => {
    const rows: string[][] = []
    for (let r = 1; r <= worksheet.rowCount; r++) {
      const row = worksheet.getRow(r)
      rows.push(Array.from({ length: worksheet.columnCount }, (_, c) => row.getCell(c + 1).text))
    }
    return { name: worksheet.name, rows, worksheet }
  })
}
