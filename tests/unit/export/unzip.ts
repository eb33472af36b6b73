import { Buffer } from 'node:buffer'
import { inflateRawSync } from 'node:zlib'
import { crc32 } from '../../../electron/core/export/crc32'

/** One entry read back from an archive, with what its headers claimed. */
export interface UnzippedEntry {
  name: string
  data: Buffer
  crcMatches: boolean
  flags: number
}

/**
 * An independent reader for the tests: walks the central directory from the end record, checks
 * each local header against it, inflates the data and recomputes the CRC.
 */
export function unzip(archive: Uint8Array): UnzippedEntry[] {
  const zip = Buffer.from(archive)
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (end < 0) throw new Error('no end of central directory')
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const entries: UnzippedEntry[] = []
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${i}`)
    const flags = zip.readUInt16LE(at + 8)
    const method = zip.readUInt16LE(at + 10)
    const crc = zip.readUInt32LE(at + 16)
    const compressed = zip.readUInt32LE(at + 20)
    const size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const skip = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    const offset = zip.readUInt32LE(at + 42)
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength)
    if (zip.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header for ${name}`)
    if (zip.readUInt32LE(offset + 14) !== crc) throw new Error(`local and central CRC differ for ${name}`)
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28)
    const raw = zip.subarray(dataStart, dataStart + compressed)
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw)
    if (data.byteLength !== size) throw new Error(`size mismatch for ${name}`)
    entries.push({ name, data, crcMatches: crc32(data) === crc, flags })
    at += 46 + nameLength + skip
  }
  return entries
}

/** The text of each cell of sheet1, row by row, read from inline strings. */
export function sheetCells(sheetXml: string): string[][] {
  const unescape = (value: string) =>
    value
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
  return [...sheetXml.matchAll(/<row r="(\d+)">(.*?)<\/row>/gs)].map((row) =>
    [...row[2]!.matchAll(/<c r="([A-Z]+)(\d+)" t="inlineStr"><is><t xml:space="preserve">(.*?)<\/t><\/is><\/c>/gs)].map(
      (cell) => {
        if (cell[2] !== row[1]) throw new Error(`cell ${cell[1]}${cell[2]} in row ${row[1]}`)
        return unescape(cell[3]!)
      },
    ),
  )
}
