import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findChromium, missingChromiumMessage, type ChromiumSearch } from '../../e2e/support/chromium'

/** A fake machine holding exactly `files`; folders are whatever those paths pass through. */
function machine(
  platform: NodeJS.Platform,
  files: string[],
  env: Record<string, string | undefined> = {},
  homeDir = platform === 'win32' ? 'C:\\Users\\ann' : platform === 'darwin' ? '/Users/ann' : '/home/ann',
): ChromiumSearch {
  const sep = platform === 'win32' ? '\\' : '/'
  return {
    env,
    platform,
    homeDir,
    isFile: (file) => files.includes(file),
    list: (dir) => {
      const prefix = dir.endsWith(sep) ? dir : dir + sep
      const names = files
        .filter((file) => file.startsWith(prefix))
        .map((file) => file.slice(prefix.length).split(sep)[0] ?? '')
      return [...new Set(names)]
    },
  }
}

describe('findChromium', () => {
  it('uses CHROMIUM_PATH alone when it is set, even when a system Chromium exists', () => {
    const files = ['/opt/chrome/chrome', '/usr/bin/chromium']
    expect(findChromium(machine('linux', files, { CHROMIUM_PATH: '/opt/chrome/chrome' })).path).toBe(
      '/opt/chrome/chrome',
    )
    const typo = findChromium(machine('linux', files, { CHROMIUM_PATH: '/opt/chrom/chrome' }))
    expect(typo).toEqual({ path: undefined, searched: ['/opt/chrom/chrome'], chromiumPathEnv: '/opt/chrom/chrome' })
  })

  it('takes the system paths in order on Linux', () => {
    expect(findChromium(machine('linux', ['/usr/bin/google-chrome', '/snap/bin/chromium'])).path).toBe(
      '/usr/bin/google-chrome',
    )
    expect(findChromium(machine('linux', ['/snap/bin/chromium'])).path).toBe('/snap/bin/chromium')
  })

  it("finds Playwright's newest Chromium in ~/.cache, new and old layouts, never the headless shell", () => {
    const cache = '/home/ann/.cache/ms-playwright'
    const files = [
      `${cache}/chromium-1100/chrome-linux/chrome`,
      `${cache}/chromium-1255/chrome-linux64/chrome`,
      `${cache}/chromium_headless_shell-1300/chrome-headless-shell-linux64/chrome-headless-shell`,
    ]
    expect(findChromium(machine('linux', files)).path).toBe(`${cache}/chromium-1255/chrome-linux64/chrome`)
    expect(findChromium(machine('linux', files.slice(0, 1))).path).toBe(`${cache}/chromium-1100/chrome-linux/chrome`)
  })

  it('follows PLAYWRIGHT_BROWSERS_PATH and XDG_CACHE_HOME', () => {
    const custom = '/srv/browsers/chromium-1255/chrome-linux-arm64/chrome'
    expect(findChromium(machine('linux', [custom], { PLAYWRIGHT_BROWSERS_PATH: '/srv/browsers' })).path).toBe(custom)
    const xdg = '/var/cache/ann/ms-playwright/chromium-1255/chrome-linux64/chrome'
    expect(findChromium(machine('linux', [xdg], { XDG_CACHE_HOME: '/var/cache/ann' })).path).toBe(xdg)
  })

  it('knows the macOS applications and cache', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    expect(findChromium(machine('darwin', [chrome])).path).toBe(chrome)
    const cached =
      '/Users/ann/Library/Caches/ms-playwright/chromium-1255/chrome-mac-arm64/' +
      'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing'
    expect(findChromium(machine('darwin', [cached])).path).toBe(cached)
  })

  it('knows the Windows program folders and %LOCALAPPDATA%\\ms-playwright', () => {
    const env = { ProgramFiles: 'D:\\Apps', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }
    const chrome = 'D:\\Apps\\Google\\Chrome\\Application\\chrome.exe'
    expect(findChromium(machine('win32', [chrome], env)).path).toBe(chrome)
    const cached = 'C:\\Users\\ann\\AppData\\Local\\ms-playwright\\chromium-1255\\chrome-win64\\chrome.exe'
    expect(findChromium(machine('win32', [cached], env)).path).toBe(cached)
  })

  it('finds none on an empty machine and lists where it looked', () => {
    const lookup = findChromium(machine('linux', ['/usr/bin/firefox']))
    expect(lookup.path).toBeUndefined()
    expect(lookup.searched).toContain('/usr/bin/chromium')
    expect(lookup.searched).toContain('/home/ann/.cache/ms-playwright/chromium-*/chrome-linux*/chrome')
  })
})

describe('missingChromiumMessage', () => {
  it('gives both ways to get Chromium, in zh-CN and en', () => {
    const message = missingChromiumMessage(findChromium(machine('linux', [])))
    const [zh, en] = message.split('\n\n')
    for (const part of [zh, en]) {
      expect(part).toContain('apt-get install -y chromium')
      expect(part).toContain('CHROMIUM_PATH')
      expect(part).toContain('npx playwright install chromium')
    }
    expect(zh).toContain('找不到 Chromium')
    expect(en).toContain('No Chromium found')
  })
})

describe('the e2e pre-check', () => {
  const script = fileURLToPath(new URL('../../e2e/support/check-chromium.ts', import.meta.url))

  it('stops with the one message and a non-zero exit when no Chromium is found', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('CHROMIUM_PATH 指向 /nonexistent/chromium')
    expect(result.stderr).toContain('No Chromium found')
    expect(result.stderr).toContain('npx playwright install chromium')
    expect(result.stderr).not.toMatch(/^\s+at /m)
  })

  it('passes when CHROMIUM_PATH names an existing file', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, CHROMIUM_PATH: process.execPath },
      encoding: 'utf8',
    })
    expect(result.status).toBe(0)
    expect(result.stdout).toContain(process.execPath)
  })
})
