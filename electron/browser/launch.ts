import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCore, type Core } from '../core'
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
 * The browser shell with its own core: settings in a JSON file and secrets in a local-only vault
 * file inside `dataDir`. Used by `npm run start:browser` and by the end-to-end tests.
 */
export async function launchBrowserShell(options: {
  dataDir: string
  port?: number
  rendererDir?: string
  sandbox?: SandboxOptions
  echoLog?: boolean
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
