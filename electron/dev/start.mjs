// `npm start`: make sure Electron's binary is here (Electron 42+ no longer fetches it at `npm install`),
// through Electron's own installer, then run `electron-vite dev`. When the download fails, print one
// paragraph (zh-CN, en) saying what failed, ELECTRON_MIRROR and `npm run start:browser`, and exit 1.
//
// The installer runs with a stall watchdog: when neither the download nor the unpacking has moved for
// CONSOLE_ELECTRON_STALL_MS (default 30 s), it is stopped, so a hanging network ends in time while a
// slow but moving download is left to finish.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const installerPath = require.resolve('electron/install.js')
const electronDir = dirname(installerPath)
const electronVersion = require('electron/package.json').version
const electronViteBin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')

const stallMs = Number(process.env['CONSOLE_ELECTRON_STALL_MS']) || 30_000
const progressEveryMs = 5_000
const suggestedMirror = 'https://npmmirror.com/mirrors/electron/'

/** Total size of the files under `dir`; 0 when it is gone. Only compared between ticks, never shown exact. */
function bytesUnder(dir) {
  let total = 0
  try {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name), { throwIfNoEntry: false })?.size ?? 0
    }
  } catch {
    // The installer moves and deletes its files as it goes.
  }
  return total
}

/**
 * Runs Electron's installer (a no-op when the binary is already there). Its downloads go to a temp folder
 * of ours, so the watchdog can see bytes arrive. Resolves with how it ended; never rejects.
 */
function installElectron() {
  return new Promise((resolve) => {
    const downloadDir = mkdtempSync(join(tmpdir(), 'console-electron-'))
    const distDir = join(electronDir, 'dist')
    const child = spawn(process.execPath, [installerPath], {
      env: { ...process.env, TMPDIR: downloadDir, TEMP: downloadDir, TMP: downloadDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text))

    let stalled = false
    let interrupted = false
    let lastBytes = 0
    let lastChange = Date.now()
    let lastReport = Date.now()
    const announce = setTimeout(() => {
      console.log(
        `正在下载 Electron ${electronVersion}(约 100 MB,仅首次启动)… / Downloading Electron ${electronVersion} (about 100 MB, first start only)…`,
      )
    }, 1_000)
    const watchdog = setInterval(() => {
      const bytes = bytesUnder(downloadDir) + bytesUnder(distDir)
      const now = Date.now()
      if (bytes !== lastBytes) {
        lastBytes = bytes
        lastChange = now
      }
      if (now - lastChange >= stallMs) {
        stalled = true
        child.kill()
      } else if (now - lastReport >= progressEveryMs && bytes > 0) {
        lastReport = now
        console.log(`Electron: ${Math.round(bytes / 1_048_576)} MB…`)
      }
    }, 500)
    // Ctrl-C reaches the installer too (same terminal); a SIGTERM for us is passed on to it.
    const onInterrupt = () => {
      interrupted = true
    }
    const onTerminate = () => {
      interrupted = true
      child.kill()
    }
    process.on('SIGINT', onInterrupt)
    process.on('SIGTERM', onTerminate)

    const finish = (result) => {
      clearTimeout(announce)
      clearInterval(watchdog)
      process.off('SIGINT', onInterrupt)
      process.off('SIGTERM', onTerminate)
      rmSync(downloadDir, { recursive: true, force: true })
      resolve(result)
    }
    child.on('error', (error) => finish({ ok: false, stalled, interrupted, detail: error.message }))
    child.on('close', (code) =>
      finish({ ok: code === 0 && !stalled && !interrupted, stalled, interrupted, detail: firstLine(stderr) }),
    )
  })
}

/** The installer's error in one line, without its type prefix or stack: `fetch failed`, `Response code 404 …`. */
function firstLine(stderr) {
  const line = stderr.split(/\r?\n/).find((text) => text.trim() !== '' && !/^\s+at /.test(text)) ?? ''
  return line.replace(/^\w*Error: /, '').trim()
}

/** Where @electron/get downloads from: a mirror set in .npmrc, package.json or the environment, else GitHub. */
function downloadSource(env) {
  const mirror =
    env['npm_config_electron_mirror'] ||
    env['NPM_CONFIG_ELECTRON_MIRROR'] ||
    env['npm_package_config_electron_mirror'] ||
    env['ELECTRON_MIRROR']
  return mirror || 'github.com'
}

/** The installer's error in plain words, for the common cases; otherwise its own line. */
function reasonFor({ stalled, detail }) {
  const seconds = Math.round(stallMs / 1000)
  const status = /Response code (\d+)/.exec(detail)?.[1]
  if (stalled)
    return {
      zh: `${seconds} 秒内没有收到任何数据`,
      en: `no data arrived for ${seconds} second${seconds === 1 ? '' : 's'}`,
    }
  if (/fetch failed|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT/.test(detail)) {
    return { zh: '连不上下载网站', en: 'could not connect to it' }
  }
  if (status) return { zh: `网站回答 ${status}`, en: `it answered ${status}` }
  if (/checksum/i.test(detail)) return { zh: '下载的文件校验不通过', en: 'the downloaded file was damaged' }
  return { zh: detail || '安装程序出错', en: detail || 'the installer failed' }
}

/** The paragraph shown when the download failed: what failed, ELECTRON_MIRROR, and `npm run start:browser`. */
function downloadFailedMessage(install) {
  const source = downloadSource(process.env)
  const reason = reasonFor(install)
  const retry =
    process.platform === 'win32'
      ? `$env:ELECTRON_MIRROR="${suggestedMirror}"; npm start`
      : `ELECTRON_MIRROR=${suggestedMirror} npm start`
  return [
    `无法下载桌面版所需的 Electron ${electronVersion}(来源:${source},${reason.zh}),所以桌面版现在打不开。` +
      `如果公司网络屏蔽了这个网站,请把 ELECTRON_MIRROR 设为能访问的镜像后重试,例如 npmmirror 的镜像:` +
      `\`${retry}\`。现在就要使用控制台,请运行 \`npm run start:browser\`,它会在浏览器里打开同样的控制台。`,
    `Could not download Electron ${electronVersion}, which the desktop app needs (from ${source}: ${reason.en}), ` +
      `so the desktop app cannot open yet. If your company network blocks that site, set ELECTRON_MIRROR to a ` +
      `mirror you can reach and try again, for example npmmirror's: \`${retry}\`. To use the console right now, ` +
      `run \`npm run start:browser\`: it opens the same console in your browser.`,
  ].join('\n\n')
}

/** Runs `electron-vite dev` with this script's arguments and leaves with its exit code. */
function runElectronVite() {
  const child = spawn(process.execPath, [electronViteBin, 'dev', ...process.argv.slice(2)], { stdio: 'inherit' })
  // Ctrl-C reaches the child too (same terminal); wait for it to end instead of leaving it behind.
  process.on('SIGINT', () => {})
  process.on('SIGTERM', () => child.kill('SIGTERM'))
  child.on('exit', (code) => process.exit(code ?? 1))
}

const install = await installElectron()
if (install.ok) {
  runElectronVite()
} else if (install.interrupted) {
  process.exit(130)
} else {
  console.error(`\n${downloadFailedMessage(install)}\n`)
  process.exit(1)
}
