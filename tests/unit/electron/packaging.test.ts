import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * electron-builder.yml as electron-builder itself loads and validates it (its own loader, its own
 * JSON schema, its own file matcher): what the installers would be built with. The real packing
 * over a stand-in Electron is build/check-package.mjs.
 */
const root = join(import.meta.dirname, '../../..')
const require = createRequire(join(root, 'package.json'))
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js')
const { DebugLogger } = require('builder-util')

type Config = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const config: Config = await getConfig(root, null, null)
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

/** The `files` filter as electron-builder applies it to the project folder and to node_modules. */
function packs(path: string): boolean {
  const patterns: string[] = config['files'].flatMap((f: string | { filter?: string[] }) =>
    typeof f === 'string' ? [f] : (f.filter ?? []),
  )
  // electron-builder copies production node_modules itself, then filters them with the same patterns.
  const all = path.startsWith('node_modules/') ? ['node_modules/**/*', ...patterns] : patterns
  const filter = new FileMatcher(root, '/', (s: string) => s, all).createFilter()
  return filter(join(root, path), { isDirectory: () => false })
}

const targets = (platform: Config) =>
  (platform['target'] as Array<{ target: string; arch: string[] } | string>).map((t) =>
    typeof t === 'string' ? { target: t, arch: undefined } : t,
  )

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined()
    // …which does catch mistakes.
    await expect(
      validateConfiguration({ ...structuredClone(config), nsis: { oneClik: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/configuration\.nsis/)
  })

  it('names the product in both languages and takes the version from package.json', () => {
    expect(config['appId']).toBe('com.wecom-contact-console.desktop')
    expect(config['productName']).toBe('企微客户联系控制台')
    expect(config['linux'].desktop.entry['Name[en]']).toBe('WeCom Contact Console')
    expect(config['version'] ?? config['extraMetadata']?.version).toBeUndefined()
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(config['artifactName']).toContain('${version}')
    expect(config['artifactName']).toContain('${arch}')
    expect(config['nsis'].artifactName).toContain('${version}')
    // The main process pins the same appId for notifications and taskbar grouping on Windows.
    expect(readFileSync(join(root, 'electron/main/index.ts'), 'utf8')).toContain(`'${config['appId']}'`)
  })

  it('sets every fuse', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    })
    expect(config['asar']).toBe(true)
  })

  it('builds NSIS for Windows, DMG and ZIP for macOS, AppImage and deb for Linux', () => {
    expect(targets(config['win'])).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }])
    expect(targets(config['mac'])).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ])
    expect(targets(config['linux']).map((t) => t.target)).toEqual(['AppImage', 'deb'])
  })

  it('installs per user on Windows, with a choice of folder, shortcuts and both languages', () => {
    expect(config['nsis']).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
      installerLanguages: ['zh_CN', 'en_US'],
      multiLanguageInstaller: true,
      deleteAppDataOnUninstall: false,
    })
    expect(config['win'].verifyUpdateCodeSignature).toBe(true)
  })

  it('signs macOS with the hardened runtime and its entitlements, and notarizes when it can', () => {
    expect(config['mac']).toMatchObject({
      hardenedRuntime: true,
      notarize: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    })
    const entitlements = readFileSync(join(root, config['mac'].entitlements), 'utf8')
    expect(entitlements).toContain('com.apple.security.cs.allow-jit')
    expect(entitlements).not.toContain('disable-library-validation')
    expect(entitlements).not.toContain('com.apple.security.get-task-allow')
  })

  it('has its icons in every size each platform uses', () => {
    const png = (path: string) => {
      const bytes = readFileSync(join(root, path))
      expect(bytes.subarray(1, 4).toString()).toBe('PNG')
      return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
    }
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(png(`build/icons/${size}x${size}.png`)).toEqual({ width: size, height: size })
    }
    expect(png('build/icon.png')).toEqual({ width: 1024, height: 1024 })
    const ico = readFileSync(join(root, config['win'].icon))
    expect(ico.readUInt16LE(2)).toBe(1) // an icon file
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256)
    expect(sizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]))
    const icns = readFileSync(join(root, config['mac'].icon))
    expect(icns.subarray(0, 4).toString()).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const types: string[] = []
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.subarray(at, at + 4).toString())
    // 16, 32, 128, 256, 512 and 1024 (512@2x) px
    expect(types).toEqual(expect.arrayContaining(['is32', 'il32', 'it32', 'ic08', 'ic09', 'ic10']))
  })

  it('packs the built app and production dependencies, never sources, tests, maps or secrets', () => {
    for (const path of [
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
      'package.json',
      'node_modules/zod/index.js',
      'node_modules/electron-store/index.js',
      'node_modules/electron-updater/out/main.js',
      'node_modules/electron-log/src/node/index.js',
    ]) {
      expect(packs(path), path).toBe(true)
    }
    for (const path of [
      'out/main/index.js.map',
      'out/renderer/assets/index-abc.js.map',
      'electron/main/index.ts',
      'electron/core/index.ts',
      'renderer/App.vue',
      'shared/contract/index.ts',
      'tests/unit/electron/packaging.test.ts',
      'tests/e2e/browser-shell.spec.ts',
      'build/icon.png',
      'reports/vitest.json',
      '.env',
      '.env.local',
      'local-only-secrets.json',
      'out/secrets/cert.p12',
      'out/workspace.sqlite',
      'README.md',
      'electron-builder.yml',
      'node_modules/zod/src/index.ts',
      'node_modules/zod/index.js.map',
      // bundled into out/renderer by Vite, never loaded by the main process
      'node_modules/vue/index.js',
      'node_modules/element-plus/dist/index.full.js',
      'node_modules/@vue/runtime-core/index.js',
      'node_modules/@element-plus/icons-vue/dist/index.js',
      'node_modules/vue-i18n/dist/vue-i18n.js',
      'node_modules/pinia/dist/pinia.mjs',
      'node_modules/typescript/lib/typescript.js',
    ]) {
      expect(packs(path), path).toBe(false)
    }
  })

  it('rebuilds nothing native (node:sqlite is part of Electron) and publishes only when asked', () => {
    expect(config['npmRebuild']).toBe(false)
    expect(config['nodeGypRebuild']).toBe(false)
    // No feed in the file: build/dist.mjs adds the generic provider when UPDATE_URL is set.
    expect(config['publish']).toBeNull()
  })

  it('keeps electron-builder and Electron out of the production dependencies, electron-updater in them', () => {
    expect(pkg.dependencies['electron-updater']).toMatch(/^\d+\.\d+\.\d+$/)
    expect(pkg.dependencies['electron']).toBeUndefined()
    expect(pkg.dependencies['electron-builder']).toBeUndefined()
    expect(pkg.devDependencies['electron']).toMatch(/^45\.\d+\.\d+$/)
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/)
    expect(pkg.scripts['dist']).toContain('build/dist.mjs')
    expect(pkg.scripts['dist:dir']).toContain('--dir')
  })
})

describe('build/dist.mjs', () => {
  const modulePath = join(root, 'build/dist.mjs')
  type DistOptions = (
    env: Record<string, string | undefined>,
    argv: string[],
    platform: string,
  ) => { builder: { dir: boolean; publish: string; config: { publish?: unknown } }; notes: string[] }
  const load = async () => ((await import(modulePath)) as { distOptions: DistOptions }).distOptions

  it('has no update feed without UPDATE_URL, and says so', async () => {
    const distOptions = await load()
    const { builder, notes } = distOptions({}, [], 'linux')
    expect(builder).toEqual({ dir: false, publish: 'never', config: {} })
    expect(notes.join('\n')).toMatch(/UPDATE_URL is not set/)
  })

  it('points the updater at UPDATE_URL through the generic provider', async () => {
    const distOptions = await load()
    const { builder } = distOptions({ UPDATE_URL: 'https://dl.example.com/console/' }, ['--dir'], 'win32')
    expect(builder).toEqual({
      dir: true,
      publish: 'never',
      config: { publish: { provider: 'generic', url: 'https://dl.example.com/console' } },
    })
    expect(() => distOptions({ UPDATE_URL: 'http://dl.example.com/' }, [], 'linux')).toThrow(/https/)
    expect(distOptions({ UPDATE_URL: 'http://127.0.0.1:8080/feed' }, [], 'linux').builder.config.publish).toEqual({
      provider: 'generic',
      url: 'http://127.0.0.1:8080/feed',
    })
  })

  it('says in one line when signing or notarization is skipped', async () => {
    const distOptions = await load()
    expect(distOptions({}, [], 'darwin').notes.join('\n')).toMatch(/notarization: skipped — set APPLE_ID/)
    expect(
      distOptions({ APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b', APPLE_TEAM_ID: 'c' }, [], 'darwin').notes.join(
        '\n',
      ),
    ).toMatch(/notarization: through @electron\/notarize/)
    expect(distOptions({}, [], 'win32').notes.join('\n')).toMatch(/Windows signing: skipped/)
    expect(distOptions({ CSC_LINK: 'x' }, [], 'win32').notes.join('\n')).toMatch(/Windows signing: with/)
  })
})

describe('.github/workflows/release.yml', () => {
  const yaml = createRequire(require.resolve('app-builder-lib'))('js-yaml')
  const workflow = yaml.load(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8'))
  const steps = (job: string): Array<Record<string, any>> => workflow.jobs[job].steps // eslint-disable-line @typescript-eslint/no-explicit-any
  const runs = (job: string) => steps(job).map((s) => String(s['run'] ?? ''))

  it('runs on a version tag, on Windows, macOS and Linux', () => {
    expect(workflow.on.push.tags).toEqual(['v*.*.*'])
    expect(workflow.jobs.installers.strategy.matrix.os).toEqual(['windows-latest', 'macos-latest', 'ubuntu-latest'])
  })

  it('installs, runs the unit tests, builds the installers with the feed and credentials from secrets', () => {
    const commands = runs('installers').join('\n')
    expect(commands).toMatch(/npm ci/)
    expect(commands.indexOf('npm run test:unit')).toBeLessThan(commands.indexOf('node build/dist.mjs'))
    expect(commands).toContain('node build/check-package.mjs')
    const env = steps('installers').find((s) => String(s['run']).includes('build/dist.mjs'))!['env']
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['UPDATE_URL', 'WIN_CSC_LINK', 'CSC_LINK', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD']),
    )
  })

  it('uploads installers with latest*.yml and blockmaps to a draft release', () => {
    const upload = steps('installers').find((s) => String(s['uses']).startsWith('actions/upload-artifact'))!
    expect(upload['with'].path).toContain('dist/latest*.yml')
    expect(upload['with'].path).toContain('dist/*.blockmap')
    expect(runs('draft-release').join('\n')).toMatch(/gh release create .*--draft/s)
    expect(workflow.jobs['draft-release'].needs).toBe('installers')
  })
})
