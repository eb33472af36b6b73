import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

/** A fresh real directory per test, removed after it. Call at the top of a test file. */
export function useTempDir(): () => string {
  let current: string | undefined
  afterEach(() => {
    if (current !== undefined) rmSync(current, { recursive: true, force: true })
    current = undefined
  })
  return () => {
    current ??= mkdtempSync(join(tmpdir(), 'wecom-store-'))
    return current
  }
}
