import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createRequire } from 'node:module'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32 } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const launcher = fileURLToPath(new URL('../../../electron/dev/start.mjs', import.meta.url))
const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/install.js'))
const electronVersion = (require('electron/package.json') as { version: string }).version

interface Run {
  code: number | null
  output: string
  ms: number
}

interface LaunchOptions {
  mirror: string
  env?: Record<string, string>
  /** Another copy of the launcher (with its own node_modules) than the project's. */
  script?: string
  args?: string[]
}

let scratch: string
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'start-test-'))
})
afterEach(() => rmSync(scratch, { recursive: true, force: true }))

/**
 * Runs `npm start`'s launcher with Electron's real installer pointed at `mirror`, an empty download cache, and
 * no mirror settings inherited from the developer's npm config.
 */
function runLauncher({ mirror, env = {}, script = launcher, args = [] }: LaunchOptions): Promise<Run> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/electron_(mirror|custom)/i.test(key)),
  )
  const started = Date.now()
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...inherited, ELECTRON_MIRROR: mirror, electron_config_cache: join(scratch, 'cache'), ...env },
    timeout: 25_000, // a launcher that hangs fails the test instead of outliving it
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text))
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output, ms: Date.now() - started })))
}

/** A missing dist folder makes the installer download even on a machine where Electron is installed. */
const downloadEvenIfInstalled = (): Record<string, string> => ({
  ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'no-dist'),
})

/** The zh-CN and en paragraphs each name ELECTRON_MIRROR and `npm run start:browser`; no stack trace. */
function expectDownloadFailedParagraph(run: Run): void {
  expect(run.code).not.toBe(0)
  expect(run.code).not.toBeNull()
  const zh = run.output.split('\n\n').find((paragraph) => paragraph.includes('无法下载'))
  const en = run.output.split('\n\n').find((paragraph) => paragraph.includes('Could not download'))
  for (const paragraph of [zh, en]) {
    expect(paragraph).toContain('ELECTRON_MIRROR')
    expect(paragraph).toContain('`npm run start:browser`')
  }
  expect(run.output).not.toMatch(/^\s+at /m)
  expect(run.output).not.toMatch(/TypeError|\.js:\d+/)
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : 0)
    })
  })
}

/** A zip of stored (uncompressed) files, executable, as Electron's release zips are read. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text)
    const fileName = Buffer.from(name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x21, 12) // 1980-01-01
    local.writeUInt32LE(crc32(data), 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(fileName.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4) // made on Unix, so the mode below applies
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x21, 14)
    central.writeUInt32LE(crc32(data), 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(fileName.length, 28)
    central.writeUInt32LE((0o100755 << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, fileName, data)
    centrals.push(central, fileName)
    offset += local.length + fileName.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

describe('npm start when Electron cannot be downloaded', () => {
  it('explains, in zh-CN and en, when nothing answers at the mirror', async () => {
    const probe = createServer()
    const port = await listen(probe)
    await new Promise((resolve) => probe.close(resolve))

    const run = await runLauncher({ mirror: `http://127.0.0.1:${port}/`, env: downloadEvenIfInstalled() })

    expectDownloadFailedParagraph(run)
    expect(run.output).toContain(`来源:http://127.0.0.1:${port}/,连不上下载网站`)
    expect(run.output).toContain('could not connect')
    expect(run.ms).toBeLessThan(20_000)
  })

  it('gives up on a mirror that accepts the connection and then sends nothing', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => sockets.push(socket))
    const port = await listen(silent)
    try {
      const run = await runLauncher({
        mirror: `http://127.0.0.1:${port}/`,
        env: { ...downloadEvenIfInstalled(), CONSOLE_ELECTRON_STALL_MS: '1000' },
      })

      expectDownloadFailedParagraph(run)
      expect(run.output).toContain('no data arrived for 1 second')
      expect(sockets.length).toBeGreaterThan(0)
      expect(run.ms).toBeLessThan(20_000)
    } finally {
      sockets.forEach((socket) => socket.destroy())
      await new Promise((resolve) => silent.close(resolve))
    }
  })
})

describe('npm start when the download works', () => {
  it("installs Electron through its own installer, then runs electron-vite dev with npm start's arguments", async () => {
    // A copy of the project's layout: the launcher, a copy of the electron package (so its dist/ is ours),
    // the installer's own dependencies, and an electron-vite that reports how it was called.
    const project = join(scratch, 'project')
    const modules = join(project, 'node_modules')
    mkdirSync(join(project, 'electron', 'dev'), { recursive: true })
    cpSync(launcher, join(project, 'electron', 'dev', 'start.mjs'))
    cpSync(electronDir, join(modules, 'electron'), { recursive: true, filter: (from) => !/[/\\]dist$/.test(from) })
    rmSync(join(modules, 'electron', 'path.txt'), { force: true })
    for (const scope of ['@electron', '@electron-internal']) {
      symlinkSync(join(dirname(electronDir), scope), join(modules, scope), 'junction')
    }
    mkdirSync(join(modules, 'electron-vite', 'bin'), { recursive: true })
    writeFileSync(join(modules, 'electron-vite', 'package.json'), '{"name":"electron-vite","version":"0.0.0"}')
    writeFileSync(
      join(modules, 'electron-vite', 'bin', 'electron-vite.js'),
      'console.log("electron-vite called with: " + process.argv.slice(2).join(" ")); process.exit(7)',
    )

    const fileName = `electron-v${electronVersion}-${process.platform}-${process.arch}.zip`
    const executables = { electron: '', 'electron.exe': '', 'Electron.app/Contents/MacOS/Electron': '' }
    const archive = zip({ ...executables, version: `v${electronVersion}` })
    const sums = `${createHash('sha256').update(archive).digest('hex')} *${fileName}\n`
    const mirror = createHttpServer((request, response) => {
      const body = { [`/v${electronVersion}/${fileName}`]: archive, [`/v${electronVersion}/SHASUMS256.txt`]: sums }[
        request.url ?? ''
      ]
      response.writeHead(body ? 200 : 404).end(body)
    })
    const port = await listen(mirror)
    const script = join(project, 'electron', 'dev', 'start.mjs')
    try {
      const first = await runLauncher({
        mirror: `http://127.0.0.1:${port}/`,
        env: { electron_use_remote_checksums: '1' },
        script,
        args: ['--sourcemap'],
      })
      expect(first.output).toContain('electron-vite called with: dev --sourcemap')
      expect(first.code).toBe(7)
      expect(existsSync(join(modules, 'electron', 'path.txt'))).toBe(true)

      // Installed: the next start needs no network at all.
      mirror.closeAllConnections()
      await new Promise((resolve) => mirror.close(resolve))
      const second = await runLauncher({ mirror: `http://127.0.0.1:${port}/`, script })
      expect(second.output).toContain('electron-vite called with: dev')
      expect(second.code).toBe(7)
    } finally {
      if (mirror.listening) mirror.close()
    }
  })
})
