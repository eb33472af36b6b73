import { execFileSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppInfo } from '../../../shared/contract'
import type { DraftSummary } from '../../../shared/massMessages'
import type { ApiError, Result } from '../../../shared/result'
import { createCore, type Core } from '../../../electron/core'
import { createLogger, type CoreLogger } from '../../../electron/core/log'
import { JsonFileSettings } from '../../../electron/core/store/settings'
import { LocalFileVault } from '../../../electron/core/store/vault'

/**
 * The whole core on a data folder that is a 2 MiB tmpfs, which the test fills to the last byte.
 * Mounting needs root (CI and the developers' machines run as root); elsewhere the suite is
 * skipped and says why.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'disk-full-'))
let skipReason = ''
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', dataDir], { stdio: 'pipe' })
} catch (error) {
  const detail = ((error as { stderr?: Buffer }).stderr?.toString() || (error as Error).message).trim()
  skipReason = `cannot mount a tmpfs here (${detail}); this test needs root, as in CI`
  rmSync(dataDir, { recursive: true, force: true })
}
const mounted = skipReason === ''
if (!mounted) console.warn(`disk-full test skipped: ${skipReason}`)

const FILLER = join(dataDir, 'filler.bin')

/** Writes FILLER until the file system refuses even one more byte. */
function fillDisk(): void {
  const fd = openSync(FILLER, 'a')
  try {
    for (const size of [256 * 1024, 4096, 64, 1]) {
      const chunk = Buffer.alloc(size, 0x5a)
      for (;;) {
        try {
          writeSync(fd, chunk)
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break
          throw error
        }
      }
    }
  } finally {
    closeSync(fd)
  }
}

function freeDisk(): void {
  rmSync(FILLER, { force: true })
}

/** ~150 KB of text (3 bytes a character in UTF-8): a few of these outgrow any free page. */
const LONG_TEXT = '这是一段很长的群发草稿内容，用来把磁盘写满。'.repeat(2_300)

const draft = (title: string, text = `${title}：您好！`) => ({
  title,
  chatType: 'single' as const,
  content: { text, attachments: [] },
  targeting: { mode: 'filter', filter: {} },
})

describe.skipIf(!mounted)('a full disk under the data folder (2 MiB tmpfs)', () => {
  let core: Core
  let log: CoreLogger
  const savedIds: string[] = []
  const invoke = <T>(channel: string, input?: unknown) => core.invoke(channel, input) as Promise<Result<T>>
  const failure = (result: Result<unknown>): ApiError => {
    expect(result.ok, JSON.stringify(result)).toBe(false)
    return (result as { error: ApiError }).error
  }
  /** Saves long drafts until one is refused; every answer is a success or `disk_full`, never anything else. */
  const saveUntilRefused = async (): Promise<ApiError> => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const result = await invoke<DraftSummary>('massMessages:saveDraft', draft(`长草稿 ${attempt}`, LONG_TEXT))
      if (result.ok) {
        savedIds.push(result.data.id)
        continue
      }
      expect(result.error.code, JSON.stringify(result.error)).toBe('disk_full')
      return result.error
    }
    throw new Error('40 drafts of 150 KB fitted on a full 2 MiB disk')
  }

  beforeAll(async () => {
    // A short pause after a failed log write, so the test sees the logger recover quickly.
    log = createLogger({ file: join(dataDir, 'logs', 'console.log'), retryAfterMs: 20 })
    core = await createCore({
      dataDir,
      shell: 'browser',
      version: '0.0.0-test',
      settings: new JsonFileSettings(join(dataDir, 'settings.json')),
      vault: new LocalFileVault(dataDir),
      log,
      sandbox: { customers: 20, members: 2, groups: 2 },
    })
    const first = await invoke<DraftSummary>('massMessages:saveDraft', draft('满盘之前的草稿'))
    expect(first.ok, JSON.stringify(first)).toBe(true)
    if (first.ok) savedIds.push(first.data.id)
  })

  afterAll(async () => {
    try {
      await core?.close()
    } finally {
      try {
        execFileSync('umount', [dataDir], { stdio: 'pipe' })
      } catch {
        execFileSync('umount', ['-l', dataDir], { stdio: 'pipe' })
      }
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('keeps answering typed results; a draft save says the disk is full, in Chinese', async () => {
    fillDisk()
    const info = await invoke<AppInfo>('app:getInfo')
    expect(info.ok && info.data).toMatchObject({ locale: 'zh-CN', logFile: join(dataDir, 'logs', 'console.log') })

    const error = await saveUntilRefused()
    expect(error.message).toMatch(/^磁盘已满/)
    expect(error.hint).toContain('腾出磁盘空间')

    // The settings file cannot be rewritten either: the language stays, the answer is typed.
    const locale = failure(await invoke('app:setLocale', { locale: 'en' }))
    expect(locale.code).toBe('disk_full')
    const after = await invoke<AppInfo>('app:getInfo')
    expect(after.ok && after.data.locale).toBe('zh-CN')

    // Reads still work, and the log lost lines instead of taking the core down.
    const list = await invoke<DraftSummary[]>('massMessages:listDrafts')
    expect(list.ok && list.data.map((d) => d.id)).toEqual(expect.arrayContaining(savedIds))
    expect(log.totalDroppedLines).toBeGreaterThan(0)
  })

  it('says it in English once the language is English', async () => {
    freeDisk()
    expect((await invoke('app:setLocale', { locale: 'en' })).ok).toBe(true)
    fillDisk()
    const error = await saveUntilRefused()
    expect(error.message).toMatch(/^The disk is full/)
    expect(error.hint).toContain('Free up disk space')
  })

  it('loses nothing: once space is free, every draft and setting is there and saving works again', async () => {
    freeDisk()
    const list = await invoke<DraftSummary[]>('massMessages:listDrafts')
    expect(list.ok).toBe(true)
    if (!list.ok) return
    expect(list.data.map((d) => d.id)).toEqual(expect.arrayContaining(savedIds))
    expect(list.data.find((d) => d.id === savedIds[0])).toMatchObject({ title: '满盘之前的草稿' })
    for (const id of savedIds) {
      const full = await invoke<{ content: { text: string } }>('massMessages:getDraft', { id })
      expect(full.ok, id).toBe(true)
    }
    const again = await invoke<DraftSummary>('massMessages:saveDraft', draft('空间释放之后'))
    expect(again.ok, JSON.stringify(again)).toBe(true)

    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ locale: 'en' })
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(true)
    // The next line written after the full disk says how many were lost.
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(failure(await invoke('massMessages:getDraft', { id: '' })).code).toBe('invalid_input')
    expect(readFileSync(join(dataDir, 'logs', 'console.log'), 'utf8')).toContain('"msg":"log lines dropped"')
  })
})
