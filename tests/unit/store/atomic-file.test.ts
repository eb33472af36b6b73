import fs, { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { writeFileAtomicSync } from '../../../electron/core/store/atomic-file'
import { useTempDir } from './temp-dir'

const tempDir = useTempDir()

afterEach(() => {
  vi.restoreAllMocks()
})

describe('writeFileAtomicSync', () => {
  it('creates missing folders and replaces the file content', () => {
    const target = join(tempDir(), 'a', 'b', 'file.json')
    writeFileAtomicSync(target, 'one')
    writeFileAtomicSync(target, 'two')
    expect(readFileSync(target, 'utf8')).toBe('two')
    expect(readdirSync(join(tempDir(), 'a', 'b'))).toEqual(['file.json'])
  })

  it('retries a rename that Windows briefly refuses', () => {
    const target = join(tempDir(), 'file.json')
    const realRename = fs.renameSync
    let refusals = 2
    const rename = vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (refusals-- > 0) throw Object.assign(new Error('locked by antivirus'), { code: 'EPERM' })
      realRename(from, to)
    })
    writeFileAtomicSync(target, 'data')
    expect(rename).toHaveBeenCalledTimes(3)
    expect(readFileSync(target, 'utf8')).toBe('data')
  })

  it('gives up on a rename that keeps failing, and removes its temp file', () => {
    const target = join(tempDir(), 'file.json')
    writeFileSync(target, 'old')
    const rename = vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('locked'), { code: 'EBUSY' })
    })
    expect(() => writeFileAtomicSync(target, 'new')).toThrow('locked')
    expect(rename).toHaveBeenCalledTimes(5)
    expect(readFileSync(target, 'utf8')).toBe('old')
    expect(readdirSync(tempDir())).toEqual(['file.json'])
  })

  it.skipIf(process.platform === 'win32')('tightens a leftover temp file to the requested mode', () => {
    const target = join(tempDir(), 'secret.json')
    const leftover = `${target}.${process.pid}.tmp`
    writeFileSync(leftover, 'stale', { mode: 0o644 })
    fs.chmodSync(leftover, 0o644)
    let modeWhileWriting: number | undefined
    const realWrite = fs.writeFileSync
    vi.spyOn(fs, 'writeFileSync').mockImplementation((file, data, options) => {
      modeWhileWriting = fs.fstatSync(file as number).mode & 0o777
      realWrite(file, data, options)
    })
    writeFileAtomicSync(target, 'secret', { mode: 0o600 })
    expect(modeWhileWriting).toBe(0o600)
    expect(statSync(target).mode & 0o777).toBe(0o600)
  })
})
