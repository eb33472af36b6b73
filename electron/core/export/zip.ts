import { Buffer } from 'node:buffer'
import { crc32, deflateRawSync } from 'node:zlib'

/** One file to put in the archive. */
export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  name: string
  data: Uint8Array
}

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const VERSION = 20
const DEFLATE = 8
/** General-purpose flag 11: names are UTF-8. */
const UTF8_NAMES = 0x0800
/** 1980-01-01 00:00, the earliest DOS time: fixed, so the same content gives the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1
const DOS_TIME = 0

/**
 * A ZIP archive of the entries, each deflated (the container format of XLSX). Plain ZIP, no
 * ZIP64: for exports well under 4 GB and 65,535 entries.
 */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const compressed = deflateRawSync(entry.data)
    const facts = { crc: crc32(entry.data), compressed: compressed.byteLength, size: entry.data.byteLength }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(LOCAL_HEADER, 0)
    writeCommon(local, 4, facts)
    local.writeUInt16LE(name.byteLength, 26)
    local.writeUInt16LE(0, 28)
    parts.push(local, name, compressed)

    const header = Buffer.alloc(46)
    header.writeUInt32LE(CENTRAL_HEADER, 0)
    header.writeUInt16LE(VERSION, 4)
    writeCommon(header, 6, facts)
    header.writeUInt16LE(name.byteLength, 28)
    // extra length, comment length, disk number, internal and external attributes: all 0
    header.writeUInt32LE(offset, 42)
    central.push(header, name)
    offset += local.byteLength + name.byteLength + compressed.byteLength
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.byteLength, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, directory, end])
}

/** The fields local and central headers share, from "version needed" to the sizes. */
function writeCommon(buffer: Buffer, at: number, facts: { crc: number; compressed: number; size: number }): void {
  buffer.writeUInt16LE(VERSION, at)
  buffer.writeUInt16LE(UTF8_NAMES, at + 2)
  buffer.writeUInt16LE(DEFLATE, at + 4)
  buffer.writeUInt16LE(DOS_TIME, at + 6)
  buffer.writeUInt16LE(DOS_DATE, at + 8)
  buffer.writeUInt32LE(facts.crc, at + 10)
  buffer.writeUInt32LE(facts.compressed, at + 14)
  buffer.writeUInt32LE(facts.size, at + 18)
}
