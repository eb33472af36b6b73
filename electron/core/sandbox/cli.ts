/**
 * Runs the sandbox corp as a standalone server:
 * `npx tsx electron/core/sandbox/cli.ts --port 0 [--customers N] [--members N] [--groups N]
 *  [--latency-ms N] [--seed N] [--token-ttl S] [--task-speed X]`.
 * Prints one ready line and serves until SIGINT/SIGTERM; bad arguments exit with code 2.
 */
import { startSandbox } from './index'
import type { SandboxOptions } from './types'

const USAGE =
  'usage: sandbox --port N [--customers N] [--members N] [--groups N] [--latency-ms N] [--seed N] [--token-ttl S] [--task-speed X]'

/** Flag → how it lands in the options; every flag takes one number. */
const FLAGS: Readonly<Record<string, (options: SandboxOptions, value: number) => void>> = {
  '--port': (options, value) => (options.port = value),
  '--customers': (options, value) => (options.customers = value),
  '--members': (options, value) => (options.members = value),
  '--groups': (options, value) => (options.groups = value),
  '--latency-ms': (options, value) => (options.faults = { latencyMs: value }),
  '--seed': (options, value) => (options.seed = value),
  '--token-ttl': (options, value) => (options.tokenTtlSeconds = value),
  '--task-speed': (options, value) => (options.taskSpeed = value),
}

/** Parses `--flag value` pairs (also `--flag=value`) into sandbox options. */
function parseArguments(args: readonly string[]): SandboxOptions {
  const options: SandboxOptions = {}
  for (let i = 0; i < args.length; i++) {
    const [flag = '', inlineValue] = (args[i] ?? '').split('=', 2)
    const apply = FLAGS[flag]
    if (!apply) throw new Error(`unknown argument ${flag}`)
    const text = inlineValue ?? args[++i]
    const value = Number(text)
    if (text === undefined || text.trim() === '' || !Number.isFinite(value) || value < 0) {
      throw new Error(`${flag} needs a non-negative number, got ${text ?? 'nothing'}`)
    }
    apply(options, value)
  }
  if (options.port === undefined) throw new Error('--port is required (0 picks a free port)')
  return options
}

async function main(): Promise<void> {
  let options: SandboxOptions
  try {
    options = parseArguments(process.argv.slice(2))
  } catch (error) {
    console.error(`sandbox: ${(error as Error).message}\n${USAGE}`)
    process.exit(2)
  }
  const sandbox = await startSandbox(options).catch((error: unknown) => {
    // A RangeError names a bad option value (exit 2); anything else (port in use …) exits 1.
    const badArgument = error instanceof RangeError
    console.error(badArgument ? `${error.message}\n${USAGE}` : error)
    process.exit(badArgument ? 2 : 1)
  })
  console.log(`sandbox: ${sandbox.url} corpid=${sandbox.corpid} secret=${sandbox.secret}`)
  const stop = () => void sandbox.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

void main()
