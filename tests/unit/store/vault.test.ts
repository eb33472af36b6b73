import fs, { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../../electron/core/errors'
import { LocalFileVault } from '../../../electron/core/store/vault'
import { useTempDir } from './temp-dir'

const tempDir = useTempDir()
const SECRET = 'Sk3-corp-secret_do-not-leak-9f8e7d'

afterEach(() => {
  vi.restoreAllMocks()
})

/** A fragment of SECRET: JSON.parse errors quote only the first few characters of their input. */
const SECRET_FRAGMENT = SECRET.slice(0, 6)

/** Everything an error exposes that could end up on screen or in a log. */
function exposedText(error: unknown): string {
  const appError = error as AppError
  const cause = appError.cause as Error | undefined
  return JSON.stringify([appError.message, appError.text, appError.hint, appError.stack, cause?.message, cause?.stack])
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected a rejection')
}

describe('LocalFileVault', () => {
  it('reports local-file protection and uses a clearly named file in the data folder', () => {
    const vault = new LocalFileVault(tempDir())
    expect(vault.protection).toBe('local-file')
    expect(vault.filePath).toBe(join(tempDir(), 'local-only-secrets.json'))
  })

  it('round-trips secrets per profile, across instances', async () => {
    const vault = new LocalFileVault(tempDir())
    expect(await vault.get('a')).toBeUndefined()
    await vault.set('a', SECRET)
    await vault.set('b', 'other-secret')
    await vault.set('a', `${SECRET}-rotated`)

    const reopened = new LocalFileVault(tempDir())
    expect(await reopened.get('a')).toBe(`${SECRET}-rotated`)
    expect(await reopened.get('b')).toBe('other-secret')
  })

  it('deletes one profile without touching the others', async () => {
    const vault = new LocalFileVault(tempDir())
    await vault.set('a', SECRET)
    await vault.set('b', 'other-secret')
    await vault.delete('a')
    await vault.delete('a')
    expect(await vault.has('a')).toBe(false)
    expect(await vault.get('b')).toBe('other-secret')
  })

  it('answers has() with a plain boolean, never the secret', async () => {
    const vault = new LocalFileVault(tempDir())
    expect(await vault.has('a')).toBe(false)
    await vault.set('a', SECRET)
    expect(await vault.has('a')).toBe(true)
  })

  it.skipIf(process.platform === 'win32')('keeps the file readable by its owner only (0600)', async () => {
    const vault = new LocalFileVault(tempDir())
    await vault.set('a', SECRET)
    expect(statSync(vault.filePath).mode & 0o777).toBe(0o600)
    await vault.delete('a')
    expect(statSync(vault.filePath).mode & 0o777).toBe(0o600)
  })

  it('writes atomically: a crash before the rename keeps the old secrets', async () => {
    const vault = new LocalFileVault(tempDir())
    await vault.set('a', SECRET)
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('simulated crash before rename'), { code: 'EIO' })
    })
    const error = await rejection(vault.set('a', 'new-secret-value'))
    expect(error.code).toBe('vault_write_failed')
    expect(exposedText(error)).not.toContain('new-secret-value')
    vi.restoreAllMocks()
    expect(await vault.get('a')).toBe(SECRET)
    expect(fs.readdirSync(tempDir())).toEqual(['local-only-secrets.json'])
  })

  it('says the file is not encrypted, in the file itself', async () => {
    const vault = new LocalFileVault(tempDir())
    await vault.set('a', SECRET)
    expect(JSON.parse(readFileSync(vault.filePath, 'utf8'))).toMatchObject({
      notice: expect.stringContaining('NOT encrypted'),
      secrets: { a: SECRET },
    })
  })

  it.each([
    ['cut-off JSON', `{"secrets": {"a": "${SECRET}`],
    ['a wrong shape', JSON.stringify({ secrets: { a: 42, b: SECRET } })],
    ['plain text', SECRET],
  ])('refuses a damaged file (%s) without quoting it, and leaves it in place', async (_label, content) => {
    const vault = new LocalFileVault(tempDir())
    writeFileSync(vault.filePath, content)

    const error = await rejection(vault.get('a'))
    expect(error.code).toBe('vault_unreadable')
    expect(error.hint?.en).toContain(vault.filePath)
    expect(exposedText(error)).not.toContain(SECRET_FRAGMENT)
    expect(readFileSync(vault.filePath, 'utf8')).toBe(content)
  })

  it('rejects profile ids that are not safe names', async () => {
    const vault = new LocalFileVault(tempDir())
    const error = await rejection(vault.set('../a', SECRET))
    expect(error.code).toBe('invalid_profile_id')
    expect(exposedText(error)).not.toContain(SECRET)
  })

  it('keeps a profile id that looks like an object key as plain data', async () => {
    const vault = new LocalFileVault(tempDir())
    await vault.set('__proto__', SECRET)
    expect(await new LocalFileVault(tempDir()).get('__proto__')).toBe(SECRET)
    expect(await vault.has('constructor')).toBe(false)
  })
})
