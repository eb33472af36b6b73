// Finds a Chromium for the e2e tests: CHROMIUM_PATH, else the system's, else Playwright's own cache
// (where `npx playwright install chromium` puts it). Pure over `ChromiumSearch`, so tests can fake a machine.
import { readdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'

/** What the finder may look at. `systemChromiumSearch()` gives the real machine's. */
export interface ChromiumSearch {
  env: Record<string, string | undefined>
  platform: NodeJS.Platform
  homeDir: string
  /** True when `file` is an existing file. */
  isFile: (file: string) => boolean
  /** The names in `dir`; empty when it does not exist. */
  list: (dir: string) => string[]
}

/** The Chromium found (or none), and every place looked, for the message when none is. */
export interface ChromiumLookup {
  path: string | undefined
  /** Files and patterns, in search order; CHROMIUM_PATH alone when it is set. */
  searched: string[]
  /** CHROMIUM_PATH when set: it is then the only place looked, so a typo is never hidden by another browser. */
  chromiumPathEnv: string | undefined
}

/** Path functions of the platform searched (not of this machine), so a test on Linux can fake Windows. */
function pathsOf(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix
}

/** Where Chromium or Chrome installs itself, per platform. */
function systemPaths({ env, platform, homeDir }: ChromiumSearch): string[] {
  if (platform === 'win32') {
    const bases = [
      env['ProgramFiles'] || 'C:\\Program Files',
      env['ProgramFiles(x86)'] || 'C:\\Program Files (x86)',
      env['LOCALAPPDATA'] || path.win32.join(homeDir, 'AppData', 'Local'),
    ]
    return bases.flatMap((base) => [
      path.win32.join(base, 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    ])
  }
  if (platform === 'darwin') {
    return ['/Applications', path.posix.join(homeDir, 'Applications')].flatMap((apps) => [
      `${apps}/Chromium.app/Contents/MacOS/Chromium`,
      `${apps}/Google Chrome.app/Contents/MacOS/Google Chrome`,
    ])
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ]
}

/** Playwright's browser folders: PLAYWRIGHT_BROWSERS_PATH, then its default cache, as Playwright computes it. */
function playwrightCacheDirs({ env, platform, homeDir }: ChromiumSearch): string[] {
  const { join } = pathsOf(platform)
  const cacheRoot =
    platform === 'win32'
      ? env['LOCALAPPDATA'] || join(homeDir, 'AppData', 'Local')
      : platform === 'darwin'
        ? join(homeDir, 'Library', 'Caches')
        : env['XDG_CACHE_HOME'] || join(homeDir, '.cache')
  const fromEnv = env['PLAYWRIGHT_BROWSERS_PATH']
  // '0' means "inside node_modules/playwright-core", which a plain install never uses: not searched.
  const dirs = fromEnv && fromEnv !== '0' ? [fromEnv] : []
  return [...new Set([...dirs, join(cacheRoot, 'ms-playwright')])]
}

/** Inside `chromium-<revision>/`: the folder prefix per platform, and the executable below that folder. */
function playwrightLayout(platform: NodeJS.Platform): { folderPrefix: string; executables: string[][] } {
  if (platform === 'win32') return { folderPrefix: 'chrome-win', executables: [['chrome.exe']] }
  if (platform === 'darwin') {
    return {
      folderPrefix: 'chrome-mac',
      executables: [
        ['Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
        ['Chromium.app', 'Contents', 'MacOS', 'Chromium'],
      ],
    }
  }
  return { folderPrefix: 'chrome-linux', executables: [['chrome']] }
}

/** Chromium executables in one Playwright cache folder, newest revision first. */
function playwrightCandidates(search: ChromiumSearch, cacheDir: string): string[] {
  const { join } = pathsOf(search.platform)
  const { folderPrefix, executables } = playwrightLayout(search.platform)
  const revisions = search
    .list(cacheDir)
    .map((name) => ({ name, revision: Number(/^chromium-(\d+)$/.exec(name)?.[1]) }))
    .filter(({ revision }) => Number.isInteger(revision))
    .sort((a, b) => b.revision - a.revision)
  return revisions.flatMap(({ name }) => {
    const revisionDir = join(cacheDir, name)
    const folders = search.list(revisionDir).filter((folder) => folder.startsWith(folderPrefix))
    return folders.flatMap((folder) => executables.map((parts) => join(revisionDir, folder, ...parts)))
  })
}

/** Looks for Chromium in CHROMIUM_PATH (alone, when set), the system paths, then Playwright's cache. */
export function findChromium(search: ChromiumSearch): ChromiumLookup {
  const chromiumPathEnv = search.env['CHROMIUM_PATH'] || undefined
  if (chromiumPathEnv) {
    return {
      path: search.isFile(chromiumPathEnv) ? chromiumPathEnv : undefined,
      searched: [chromiumPathEnv],
      chromiumPathEnv,
    }
  }
  const { join } = pathsOf(search.platform)
  const { folderPrefix, executables } = playwrightLayout(search.platform)
  const searched = systemPaths(search)
  const found = searched.find((file) => search.isFile(file))
  if (found) return { path: found, searched, chromiumPathEnv }
  for (const cacheDir of playwrightCacheDirs(search)) {
    searched.push(join(cacheDir, 'chromium-*', `${folderPrefix}*`, ...(executables[0] ?? [])))
    const cached = playwrightCandidates(search, cacheDir).find((file) => search.isFile(file))
    if (cached) return { path: cached, searched, chromiumPathEnv }
  }
  return { path: undefined, searched, chromiumPathEnv }
}

/** This machine: its environment, platform, home folder and file system. */
export function systemChromiumSearch(): ChromiumSearch {
  return {
    env: process.env,
    platform: process.platform,
    homeDir: homedir(),
    isFile: (file) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false,
    list: (dir) => {
      try {
        return readdirSync(dir)
      } catch {
        return []
      }
    },
  }
}

/** The one message when no Chromium is found: both ways to get one, in zh-CN and en, and where it looked. */
export function missingChromiumMessage(lookup: ChromiumLookup): string {
  const setPath = lookup.chromiumPathEnv
  return [
    '找不到 Chromium 浏览器,所以没有运行端到端测试(Playwright)。' +
      (setPath ? `CHROMIUM_PATH 指向 ${setPath},但那里没有这个文件(清除 CHROMIUM_PATH 就会在常用位置查找)。` : '') +
      '任选一种方式装好后,再运行 npm test:',
    '  1. 系统的 Chromium:Debian 上运行 `sudo apt-get install -y chromium`(Ubuntu:`sudo snap install chromium`),' +
      '或把 CHROMIUM_PATH 设为已安装的 Chromium 或 Chrome 程序的路径;',
    '  2. Playwright 自带的 Chromium:运行 `npx playwright install chromium`。',
    '',
    'No Chromium found, so the end-to-end tests (Playwright) did not run.' +
      (setPath
        ? ` CHROMIUM_PATH points at ${setPath}, but there is no such file (unset it to search the usual places).`
        : '') +
      ' Get one either way, then run npm test again:',
    '  1. the system one: on Debian `sudo apt-get install -y chromium` (Ubuntu: `sudo snap install chromium`),' +
      ' or set CHROMIUM_PATH to an installed Chromium or Chrome;',
    "  2. Playwright's own: `npx playwright install chromium`.",
    '',
    `Looked in / 查找过: ${lookup.searched.join(', ')}`,
  ].join('\n')
}
