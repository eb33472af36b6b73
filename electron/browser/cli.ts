import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { catchProcessErrors } from '../core/log'
import { DEFAULT_RENDERER_DIR, launchBrowserShell } from './launch'

const usage = 'usage: npm run start:browser -- [--port N] [--data-dir DIR]'

function fail(message: string): never {
  console.error(`${message}\n${usage}`)
  process.exit(2)
}

let values: { port?: string; 'data-dir'?: string }
try {
  values = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' } } }).values
} catch (error) {
  fail((error as Error).message)
}
const port = values.port === undefined ? 0 : Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port must be a number from 0 to 65535, got "${values.port}"`)
if (!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html')))
  fail('The renderer is not built; run `npm run build:renderer` first.')

const dataDir = values['data-dir'] ?? join(homedir(), '.wecom-contact-console', 'browser-shell')
let shell: Awaited<ReturnType<typeof launchBrowserShell>>
try {
  shell = await launchBrowserShell({ dataDir, port })
} catch (error) {
  const { code } = error as NodeJS.ErrnoException
  if (code === 'EADDRINUSE' || code === 'EACCES')
    fail(
      `端口 ${port} 无法使用（${code}）：请换一个端口，或省略 --port 让系统选择。\n` +
        `Port ${port} cannot be used (${code}): pick another one, or leave out --port to get a free one.`,
    )
  throw error
}
// From here on a fault nobody caught is logged (redacted) and the shell keeps serving the page.
catchProcessErrors(shell.log)
// The ready line (tests parse it): the address carries a one-time code that signs in one browser.
console.log(`browser shell: ${shell.url}`)
console.log(
  '这个地址只能用一次：它让第一个打开它的浏览器登录控制台。 / ' +
    'This address works once: it signs in the first browser that opens it.',
)

const stop = () => void shell.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
