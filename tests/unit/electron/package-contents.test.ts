import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

/**
 * build/check-package.mjs: electron-builder's real packing of the built app over a stand-in for
 * Electron's binary (nothing downloaded), then the asar's contents, the fuses and the feed checked.
 * Needs `npm run build` first (CI builds before it tests); without out/ there is nothing to pack.
 */
const root = join(import.meta.dirname, '../../..')
const built = existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/renderer/index.html'))
const run = promisify(execFile)

async function check(env: Record<string, string>) {
  const { UPDATE_URL: _ignored, ...rest } = process.env
  try {
    const { stdout } = await run(process.execPath, [join(root, 'build/check-package.mjs')], {
      cwd: root,
      env: { ...rest, ...env },
      maxBuffer: 16 * 1024 * 1024,
    })
    return { code: 0, stdout }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? 1, stdout: `${failed.stdout ?? ''}\n${failed.stderr ?? ''}` }
  }
}

describe.skipIf(!built)('what the installers would carry (build/check-package.mjs)', () => {
  it('packs only out/ and production dependencies, flips every fuse, and has a feed only with UPDATE_URL', async () => {
    const [plain, withFeed] = await Promise.all([
      check({}),
      check({ UPDATE_URL: 'https://updates.example.com/console' }),
    ])
    expect(plain.stdout).toContain('package check passed')
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/size: \d+(\.\d)? MB/)
    expect(plain.stdout).toContain('runAsNode=off')
    expect(plain.stdout).toContain('update feed: none')
    expect(withFeed.stdout).toContain('package check passed')
    expect(withFeed.stdout).toContain('app-update.yml -> https://updates.example.com/console')
    // The asar stays small: the page's libraries are bundled into out/renderer, not shipped twice.
    const size = Number(/size: (\d+(?:\.\d)?) MB/.exec(plain.stdout)?.[1])
    expect(size).toBeLessThan(40)
  }, 180_000)
})
