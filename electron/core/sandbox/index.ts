import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { addCustomer, removeCustomer, renameCustomer, touchGroup } from './corp-hooks'
import { FaultInjector } from './faults'
import { randomFor } from './random'
import { PathRateLimiter } from './rate-limit'
import { SANDBOX_ROUTES } from './routes'
import type { SandboxContext, SandboxSettings } from './routing'
import { corpidFor, seedCorp } from './seed'
import { createRequestListener } from './server'
import { TokenStore } from './tokens'
import type { ReceiveCapRule, SandboxHandle, SandboxOptions, SandboxRequestRecord } from './types'

export type * from './types'

/** WeCom's published per-corp, per-API limits. */
const DEFAULT_RATE_LIMIT = { perMinute: 10_000, perHour: 150_000 }

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`sandbox: ${name} must be an integer ≥ ${min}, got ${value}`)
  return value
}

function checkPositive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value))
    throw new RangeError(`sandbox: ${name} must be a positive number, got ${value}`)
  return value
}

const RECEIVE_CAP_RULES: readonly ReceiveCapRule[] = ['days-in-month', 'weekly-7', 'daily-1']

function checkReceiveCap(rule: ReceiveCapRule): ReceiveCapRule {
  if (!RECEIVE_CAP_RULES.includes(rule))
    throw new RangeError(`sandbox: receiveCap must be one of ${RECEIVE_CAP_RULES.join(', ')}, got ${String(rule)}`)
  return rule
}

/** Options with defaults applied; a bad value throws a RangeError naming it. */
function resolveOptions(options: SandboxOptions) {
  const seed = checkCount('seed', options.seed ?? 1, 0)
  return {
    port: checkCount('port', options.port ?? 0, 0),
    size: {
      seed,
      customers: checkCount('customers', options.customers ?? 20_000, 0),
      members: checkCount('members', options.members ?? 200, 1),
      groups: checkCount('groups', options.groups ?? 320, 0),
    },
    settings: {
      corpid: corpidFor(seed),
      secret: randomFor(seed, 'secret').token(43),
      tokenTtlSeconds: checkPositive('tokenTtlSeconds', options.tokenTtlSeconds ?? 7200),
      taskSpeed: checkPositive('taskSpeed', options.taskSpeed ?? 1),
      receiveCap: checkReceiveCap(options.receiveCap ?? 'days-in-month'),
    } satisfies SandboxSettings,
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    maxConcurrentPerPath: options.maxConcurrentPerPath ?? Infinity,
    now: options.now ?? Date.now,
  }
}

/**
 * Seeds the demo corp and serves it on 127.0.0.1 with WeCom's paths, validation, limits and
 * errcodes. The client talks to it over real HTTP exactly as to qyapi.weixin.qq.com.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const resolved = resolveOptions(options)
  const { now, settings } = resolved
  const state = seedCorp(resolved.size, now())
  const tokens = new TokenStore(now, settings.tokenTtlSeconds)
  let baseUrl = ''
  let idSequence = 0
  const context: SandboxContext = {
    state,
    settings,
    tokens,
    now,
    get baseUrl() {
      return baseUrl
    },
    newId: (prefix, length) => prefix + randomFor(state.seed, 'runtime-id', ++idSequence).token(length),
  }
  const limiter = new PathRateLimiter(resolved.rateLimit, now)
  const faults = new FaultInjector(randomFor(state.seed, 'faults'))
  if (options.faults) faults.merge(options.faults)
  const log: SandboxRequestRecord[] = []
  const server = createServer(
    createRequestListener({
      context,
      routes: SANDBOX_ROUTES,
      limiter,
      faults,
      log,
      maxConcurrentPerPath: resolved.maxConcurrentPerPath,
    }),
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(resolved.port, '127.0.0.1', () => resolve())
  })
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: baseUrl,
    corpid: settings.corpid,
    secret: settings.secret,
    requestLog: log,
    state,
    setFaults: (next) => faults.merge(next),
    clearFaults: () => faults.clear(),
    expireTokens: () => tokens.expireAll(),
    setRateLimit: (limit) => limiter.setLimit(limit),
    touchGroup: (chatId) => touchGroup(context, chatId),
    addCustomer: (input) => addCustomer(context, input),
    removeCustomer: (externalUserid) => removeCustomer(state, externalUserid),
    renameCustomer: (externalUserid, name) => renameCustomer(state, externalUserid, name),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
