#!/usr/bin/env node
/**
 * What electron-builder.yml packs, checked on a machine without Electron's binary.
 *
 * Runs electron-builder's real packaging (Linux `dir` target) over a stand-in Electron folder: a
 * small file carrying Electron's fuse sentinel and default fuse wire instead of the 100 MB
 * binary. The app.asar it writes is the one an installer would carry, and the stand-in's fuse
 * wire shows what electron-builder flipped. Then checks and prints:
 *   - app.asar holds only out/ (no source maps), package.json and production dependencies;
 *   - no test, source or secret file (.env, keys, certificates, workspaces, local-only-secrets.json);
 *   - every package the main process imports, and every dependency of a packed package, is packed;
 *   - the fuses of electron-builder.yml are set in the binary;
 *   - app-update.yml names the feed when UPDATE_URL is given, and is absent otherwise.
 * Usage: npm run build && node build/check-package.mjs   (exit 1 on any problem)
 * Nothing is downloaded: the stand-in replaces Electron's zip, and the dir target needs no tool.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const builder = require('electron-builder')
const asar = createRequire(require.resolve('app-builder-lib'))('@electron/asar')

/** @electron/fuses' sentinel; the wire after it is [version 1, length, one byte per fuse]. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's defaults: RunAsNode, NodeOptions, NodeCliInspect and FileProtocolExtraPrivileges on. */
const DEFAULT_WIRE = '10110001'
const FUSES = [
  ['runAsNode', '0'],
  ['enableCookieEncryption', '1'],
  ['enableNodeOptionsEnvironmentVariable', '0'],
  ['enableNodeCliInspectArguments', '0'],
  ['enableEmbeddedAsarIntegrityValidation', '1'],
  ['onlyLoadAppFromAsar', '1'],
  ['loadBrowserProcessSpecificV8Snapshot', '0'],
  ['grantFileProtocolExtraPrivileges', '0'],
]
const SECRET_FILE =
  /(^|\/)(\.env(\..*)?|local-only-secrets\.json|.*\.(pem|p12|pfx|key|sqlite|sqlite-wal|sqlite-shm|db))$/i
const SOURCE_FILE = /\.(ts|mts|cts|tsx|vue|map)$/
const SOURCE_DIR = /^(electron|renderer|shared|tests|build|reports|\.data|\.ci|\.github|src)(\/|$)/

const problems = []
const problem = (text) => problems.push(text)

if (!existsSync(join(root, 'out/main/index.js'))) {
  console.error('out/main/index.js is missing: run `npm run build` first.')
  process.exit(1)
}

const work = mkdtempSync(join(tmpdir(), 'check-package-'))
try {
  // The stand-in Electron: Linux layout, a fake binary with the fuse wire, one locale.
  const fakeElectron = join(work, 'electron-dist')
  mkdirSync(join(fakeElectron, 'resources'), { recursive: true })
  mkdirSync(join(fakeElectron, 'locales'), { recursive: true })
  writeFileSync(join(fakeElectron, 'locales/en-US.pak'), '')
  writeFileSync(join(fakeElectron, 'LICENSE'), 'stand-in\n')
  writeFileSync(
    join(fakeElectron, 'electron'),
    Buffer.concat([
      Buffer.from('stand-in for the Electron binary\n'),
      Buffer.from(SENTINEL),
      Buffer.from([1, DEFAULT_WIRE.length]),
      Buffer.from(DEFAULT_WIRE),
      Buffer.from('\n'),
    ]),
    { mode: 0o755 },
  )

  const output = join(work, 'dist')
  const updateUrl = process.env.UPDATE_URL?.trim() || undefined
  await builder.build({
    projectDir: root,
    targets: builder.Platform.LINUX.createTarget(['dir'], builder.Arch.x64),
    publish: 'never',
    config: {
      electronDist: fakeElectron,
      directories: { output },
      ...(updateUrl ? { publish: { provider: 'generic', url: updateUrl } } : {}),
    },
  })

  const appDir = join(output, 'linux-unpacked')
  const asarPath = join(appDir, 'resources/app.asar')
  if (!existsSync(asarPath)) throw new Error(`electron-builder wrote no ${relative(work, asarPath)}`)

  // --- app.asar contents
  const files = asar
    .listPackage(asarPath, { isPack: false })
    .map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''))
  const fileSet = new Set(files)
  const isFile = (path) => {
    try {
      return !asar.statFile(asarPath, path, false).files
    } catch {
      return false
    }
  }
  for (const path of files) {
    const top = path.split('/')[0]
    if (!['out', 'node_modules', 'package.json'].includes(top)) problem(`unexpected top-level entry: ${path}`)
    if (SECRET_FILE.test(path)) problem(`secret-looking file packed: ${path}`)
    if (SOURCE_FILE.test(path) && isFile(path)) problem(`source or map file packed: ${path}`)
    if (SOURCE_DIR.test(path)) problem(`source folder packed: ${path}`)
    if (/(^|\/)(test|tests|__tests__)\//.test(path) && !path.startsWith('node_modules/'))
      problem(`test file packed: ${path}`)
  }
  for (const needed of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) {
    if (!fileSet.has(needed)) problem(`missing: ${needed}`)
  }

  // --- node_modules: production packages only, and complete
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages
  const packageDirs = files.filter(
    (path) => /^(.*\/)?node_modules\/(@[^/]+\/)?[^@/][^/]*$/.test(path) && fileSet.has(`${path}/package.json`),
  )
  const packed = new Set(packageDirs)
  // electron-builder lays the tree out anew (it may hoist a nested copy): compare name@version.
  const production = new Set(
    Object.entries(lock)
      .filter(([path, entry]) => path.includes('node_modules/') && !entry.dev)
      .map(
        ([path, entry]) => `${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`,
      ),
  )
  const readPacked = (path) => JSON.parse(asar.extractFile(asarPath, path).toString('utf8'))
  for (const dir of packageDirs) {
    const { name, version } = readPacked(`${dir}/package.json`)
    if (!production.has(`${name}@${version}`))
      problem(`not a production dependency in package-lock.json: ${dir} (${name}@${version})`)
  }
  /** Node's lookup: <from>/node_modules/<name>, then each parent's node_modules. */
  const resolves = (fromDir, name) => {
    let dir = fromDir
    for (;;) {
      if (packed.has(dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`)) return true
      if (!dir) return false
      const cut = dir.lastIndexOf('/node_modules/')
      dir = cut === -1 ? '' : dir.slice(0, cut)
    }
  }
  for (const dir of packageDirs) {
    const manifest = readPacked(`${dir}/package.json`)
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}))
    const peerOptional = new Set(
      Object.entries(manifest.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta?.optional)
        .map(([name]) => name),
    )
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (!optional.has(name) && !resolves(dir, name)) problem(`${dir} needs ${name}, which is not packed`)
    }
    for (const name of Object.keys(manifest.peerDependencies ?? {})) {
      if (!peerOptional.has(name) && name !== 'electron' && !resolves(dir, name))
        problem(`${dir} needs peer ${name}, which is not packed`)
    }
  }
  const mainImports = new Set()
  for (const path of files.filter((p) => /^out\/(main|preload)\/.*\.(c|m)?js$/.test(p))) {
    const code = asar.extractFile(asarPath, path).toString('utf8')
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
      const specifier = match[1]
      if (specifier.startsWith('node:') || specifier === 'electron' || specifier.includes(' ')) continue
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]
      if (require('node:module').builtinModules.includes(name)) continue
      mainImports.add(name)
      if (!resolves('', name)) problem(`${path} imports ${specifier}, which is not packed`)
    }
  }

  // --- the package.json Electron reads
  const manifest = readPacked('package.json')
  if (manifest.main !== 'out/main/index.js') problem(`packed package.json main is ${manifest.main}`)
  if (manifest.devDependencies && Object.keys(manifest.devDependencies).length > 0) {
    console.log('  note: packed package.json still lists devDependencies (they are not packed)')
  }

  // --- fuses
  const binary = readFileSync(join(appDir, 'wecom-contact-console'))
  const at = binary.indexOf(SENTINEL) + SENTINEL.length
  const wire = binary.subarray(at + 2, at + 2 + binary[at + 1]).toString('latin1')
  const fuseReport = FUSES.map(([name, want], i) => {
    const ok = wire[i] === want
    if (!ok) problem(`fuse ${name} is ${wire[i]}, expected ${want}`)
    return `${name}=${wire[i] === '1' ? 'on' : 'off'}`
  })

  // --- update feed
  const updateYml = join(appDir, 'resources/app-update.yml')
  if (updateUrl) {
    if (!existsSync(updateYml)) problem('UPDATE_URL is set but resources/app-update.yml was not written')
    else if (!readFileSync(updateYml, 'utf8').includes(updateUrl)) problem('app-update.yml does not name UPDATE_URL')
  } else if (existsSync(updateYml)) {
    problem('no UPDATE_URL, yet resources/app-update.yml was written (the app would check a feed)')
  }

  // --- report
  const bytesOf = (prefix) =>
    files
      .filter((p) => p === prefix || p.startsWith(`${prefix}/`))
      .reduce((sum, p) => {
        try {
          return sum + (asar.statFile(asarPath, p, false).size ?? 0)
        } catch {
          return sum
        }
      }, 0)
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
  const topPackages = packageDirs
    .filter((d) => !d.slice('node_modules/'.length).includes('/node_modules/'))
    .map((d) => [d.slice('node_modules/'.length), bytesOf(d)])
    .sort((a, b) => b[1] - a[1])
  console.log('\napp.asar, as electron-builder.yml packs it:')
  console.log(`  size: ${mb(statSync(asarPath).size)} (${files.filter(isFile).length} files)`)
  console.log(
    `  out/: ${mb(bytesOf('out'))}   node_modules/: ${mb(bytesOf('node_modules'))} in ${packageDirs.length} packages`,
  )
  console.log(`  main process imports: ${[...mainImports].sort().join(', ')}`)
  console.log(
    `  largest packages: ${topPackages
      .slice(0, 8)
      .map(([n, b]) => `${n} ${mb(b)}`)
      .join(', ')}`,
  )
  console.log(`  fuses: ${fuseReport.join(' ')}`)
  console.log(
    `  update feed: ${updateUrl ? `app-update.yml -> ${updateUrl}` : 'none (UPDATE_URL not set: updates off)'}`,
  )
  console.log(`  resources/: ${readdirSync(join(appDir, 'resources')).sort().join(', ')}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  process.exit(1)
}
console.log('\npackage check passed')
