import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCore, type Core, type FolderOpener } from '../core'
import { createLogger, type Logger } from '../core/log'
import type { SandboxOptions } from '../core/sandbox/types'
import { JsonFileSettings } from '../core/store/settings'
import { LocalFileVault } from '../core/store/vault'
import { startBrowserShell, type BrowserShell } from './server'

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string
}

/** Default folder of the built renderer, relative to the repository. */
export const DEFAULT_RENDERER_DIR = new URL('../../out/renderer', import.meta.url).pathname

/**
 * Opens a folder with the OS's own opener (`open`, `explorer`, `xdg-open`). The shell serves
 * 127.0.0.1 only, so its core runs on the computer the browser is on: this is the user's own file
 * manager. Rejects when there is no opener (a machine without a desktop) or it fails; the page then
 * offers the path to copy. An opener still running after 3 s has handed the folder over.
 */
export function openFolderWithOs(folder: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const command = platform === 'darwin' ? 'open' : platform === 'win32' ? 'explorer.exe' : 'xdg-open'
  return new Promise((resolve, reject) => {
    const child = spawn(command, [folder], { stdio: 'ignore', windowsHide: false })
    const handedOver = setTimeout(() => {
      child.unref()
      resolve()
    }, 3_000)
    child.once('error', (error) => {
      clearTimeout(handedOver)
      reject(error)
    })
    child.once('exit', (code) => {
      clearTimeout(handedOver)
      // explorer.exe answers 1 even when it opened the folder.
      if (code === 0 || platform === 'win32') resolve()
      else reject(new Error(`${command} exited with code ${code}`))
    })
  })
}

/**
 * The browser shell with its own core: settings in a JSON file and secrets in a local-only vault
 * file inside `dataDir`. Used by `npm run start:browser` and by the end-to-end tests.
 */
export async function launchBrowserShell(options: {
  dataDir: string
  port?: number
  rendererDir?: string
  sandbox?: SandboxOptions
  echoLog?: boolean
  /** Opens folders for Settings; the OS opener unless given. */
  folders?: FolderOpener
}): Promise<BrowserShell & { core: Core; log: Logger }> {
  const log = createLogger({
    file: join(options.dataDir, 'logs', 'console.log'),
    ...(options.echoLog ? { echo: true } : {}),
  })
  const core = await createCore({
    dataDir: options.dataDir,
    shell: 'browser',
    version: packageJson.version,
    settings: new JsonFileSettings(join(options.dataDir, 'settings.json')),
    vault: new LocalFileVault(options.dataDir),
    log,
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    folders: options.folders ?? { open: (folder) => openFolderWithOs(folder) },
  })
  let shell: BrowserShell
  try {
    shell = await startBrowserShell({
      core,
      log,
      rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
      ...(options.port !== undefined ? { port: options.port } : {}),
    })
  } catch (error) {
    // The port is taken (or cannot be bound): release the core's workspace before reporting it.
    await core.close()
    throw error
  }
  return {
    ...shell,
    core,
    log,
    close: async () => {
      await shell.close()
      await core.close()
    },
  }
}
