/** A sheet of text cells with a header row: what the CSV and XLSX writers take. */
export interface Table {
  header: readonly string[]
  rows: ReadonlyArray<readonly string[]>
}
