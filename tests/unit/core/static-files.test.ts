import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveStaticFile } from '../../../electron/core/static-files'

describe('static file guard', () => {
  const root = mkdtempSync(join(tmpdir(), 'static-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<html>')
  writeFileSync(join(root, 'assets', 'a.js'), '1')
  writeFileSync(join(root, '..', 'outside-secret.txt'), 'x')

  it('serves files inside the root, index.html for /', () => {
    expect(resolveStaticFile(root, '/')).toBe(join(root, 'index.html'))
    expect(resolveStaticFile(root, '/assets/a.js?v=1')).toBe(join(root, 'assets', 'a.js'))
  })

  it('refuses paths that escape the root, encoded or not', () => {
    expect(resolveStaticFile(root, '/../outside-secret.txt')).toBeNull()
    expect(resolveStaticFile(root, '/%2e%2e/outside-secret.txt')).toBeNull()
    expect(resolveStaticFile(root, '/assets/%2e%2e/%2e%2e/outside-secret.txt')).toBeNull()
    expect(resolveStaticFile(root, '/%00')).toBeNull()
    expect(resolveStaticFile(root, '/%E0%A4%A')).toBeNull()
  })

  it('answers null for folders and missing files', () => {
    expect(resolveStaticFile(root, '/assets')).toBeNull()
    expect(resolveStaticFile(root, '/missing.js')).toBeNull()
  })
})
