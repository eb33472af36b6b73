import { spawn } from 'node:child_process'
import fs, { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../../electron/core/errors'
import { JsonFileSettings } from '../../../electron/core/store/settings'
import { useTempDir } from './temp-dir'

const tempDir = useTempDir()
const settingsPath = () => join(tempDir(), 'settings.json')

afterEach(() => {
  vi.restoreAllMocks()
})

interface AppSettings {
  locale: 'zh-CN' | 'en'
  lastProfile: string
  profiles: { id: string; name: string }[]
}

describe('JsonFileSettings', () => {
  it('starts empty when there is no file, and persists values for the next instance', () => {
    const settings = new JsonFileSettings<AppSettings>(settingsPath())
    expect(settings.get('locale')).toBeUndefined()
    settings.set('locale', 'en')
    settings.set('profiles', [{ id: 'a', name: '总部' }])

    const reloaded = new JsonFileSettings<AppSettings>(settingsPath())
    expect(reloaded.get('locale')).toBe('en')
    expect(reloaded.get('profiles')).toEqual([{ id: 'a', name: '总部' }])
    expect(JSON.parse(readFileSync(settingsPath(), 'utf8'))).toEqual({
      locale: 'en',
      profiles: [{ id: 'a', name: '总部' }],
    })
  })

  it('deletes keys persistently', () => {
    const settings = new JsonFileSettings<AppSettings>(settingsPath())
    settings.set('lastProfile', 'a')
    settings.set('locale', 'en')
    settings.delete('lastProfile')
    settings.delete('lastProfile')
    expect(settings.get('lastProfile')).toBeUndefined()
    expect(new JsonFileSettings<AppSettings>(settingsPath()).get('lastProfile')).toBeUndefined()
    expect(new JsonFileSettings<AppSettings>(settingsPath()).get('locale')).toBe('en')
  })

  it('hands out copies, so mutating a read value does not change the store', () => {
    const settings = new JsonFileSettings<AppSettings>(settingsPath())
    settings.set('profiles', [{ id: 'a', name: 'A' }])
    settings.get('profiles')?.push({ id: 'b', name: 'B' })
    expect(settings.get('profiles')).toEqual([{ id: 'a', name: 'A' }])
  })

  it('refuses values JSON cannot represent', () => {
    const settings = new JsonFileSettings(settingsPath())
    expect(() => settings.set('k', undefined)).toThrow(TypeError)
    expect(existsSync(settingsPath())).toBe(false)
  })

  it.each([
    ['broken JSON', '{"locale": "en", '],
    ['an empty file', ''],
    ['a JSON array', '["en"]'],
    ['JSON null', 'null'],
  ])('moves a corrupt file (%s) aside, untouched, and starts empty', (_label, content) => {
    writeFileSync(settingsPath(), content)
    const settings = new JsonFileSettings(settingsPath(), () => 1700000000000)

    expect(settings.recoveredFrom).toBe(`${settingsPath()}.corrupt-1700000000000`)
    expect(readFileSync(`${settingsPath()}.corrupt-1700000000000`, 'utf8')).toBe(content)
    expect(existsSync(settingsPath())).toBe(false)
    expect(settings.get('locale')).toBeUndefined()

    settings.set('locale', 'zh-CN')
    expect(new JsonFileSettings(settingsPath()).get('locale')).toBe('zh-CN')
    expect(new JsonFileSettings(settingsPath()).recoveredFrom).toBeUndefined()
  })

  it('reports an unreadable settings path instead of discarding it', () => {
    fs.mkdirSync(settingsPath()) // a folder where the file should be: reading fails with EISDIR
    expect(() => new JsonFileSettings(settingsPath())).toThrow(expect.objectContaining({ code: 'settings_unreadable' }))
    expect(fs.statSync(settingsPath()).isDirectory()).toBe(true)
  })

  it('writes a temp file and renames it over the settings in one step', () => {
    const settings = new JsonFileSettings(settingsPath())
    const rename = vi.spyOn(fs, 'renameSync')
    settings.set('locale', 'en')
    expect(rename).toHaveBeenCalledTimes(1)
    const [from, to] = rename.mock.calls[0] ?? []
    expect(to).toBe(settingsPath())
    expect(String(from)).not.toBe(settingsPath())
    expect(readdirSync(tempDir())).toEqual(['settings.json'])
  })

  it('keeps the previous file intact when the process dies between writing and renaming', () => {
    const settings = new JsonFileSettings<AppSettings>(settingsPath())
    settings.set('locale', 'zh-CN')
    const before = readFileSync(settingsPath(), 'utf8')

    let tempContent: string | undefined
    vi.spyOn(fs, 'renameSync').mockImplementation((from) => {
      tempContent = readFileSync(from, 'utf8') // the new data is complete, but only in the temp file
      throw Object.assign(new Error('simulated crash before rename'), { code: 'EIO' })
    })
    expect(() => settings.set('locale', 'en')).toThrow(expect.objectContaining({ code: 'settings_write_failed' }))

    expect(JSON.parse(tempContent ?? '')).toEqual({ locale: 'en' })
    expect(readFileSync(settingsPath(), 'utf8')).toBe(before)
    expect(settings.get('locale')).toBe('zh-CN') // a failed save changes nothing in memory either
    expect(readdirSync(tempDir())).toEqual(['settings.json'])
  })

  it('never leaves a half-written settings file when the writer is killed mid-write', async () => {
    const writer = fileURLToPath(new URL('./fixtures/settings-writer.ts', import.meta.url))
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, settingsPath()], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      await new Promise<void>((resolve, reject) => {
        child.once('error', reject)
        child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)))
        child.stdout.once('data', () => resolve())
      })
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 37))
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGKILL')
      await exited

      const settings = new JsonFileSettings(settingsPath())
      expect(settings.recoveredFrom).toBeUndefined()
      const snapshot = settings.get('snapshot') as { generation: number; filler: string; check: string }
      expect(snapshot.check).toBe(`${snapshot.generation}:${snapshot.filler.length}`)
      expect(snapshot.filler.length).toBe(512 * 1024)
    }
  })

  it('wraps write failures in a bilingual error naming the file', () => {
    const settings = new JsonFileSettings(settingsPath())
    vi.spyOn(fs, 'openSync').mockImplementation(() => {
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })
    })
    const error = (() => {
      try {
        settings.set('locale', 'en')
      } catch (caught) {
        return caught as AppError
      }
    })()
    expect(error).toBeInstanceOf(AppError)
    expect(error?.text['zh-CN']).toContain('设置保存失败')
    expect(error?.hint?.en).toContain(settingsPath())
  })
})
