import { DEFAULT_WECOM_BASE_URL } from '../../../shared/profiles'
import { createCustomersApi } from './api/customers'
import { createGroupsApi } from './api/groups'
import { createMassMessagesApi } from './api/mass-messages'
import { createMediaApi } from './api/media'
import { createMembersApi } from './api/members'
import { createMessagesApi } from './api/messages'
import { createMomentsApi } from './api/moments'
import { createStatisticsApi } from './api/statistics'
import { createTagsApi } from './api/tags'
import { createWelcomeTemplatesApi } from './api/welcome-templates'
import type { WecomRateLimiter } from './rate-limiter'
import { defaultRateLimiter } from './rate-limiter'
import type { WecomTokenCache } from './token-cache'
import { defaultTokenCache } from './token-cache'
import { WecomTransport } from './transport'
import type { Clock, Sleep, WecomClientEvent, WecomRateLimits, WecomRequestRecord, WecomRetryOptions } from './types'

/** Options of `createWecomClient`; only `corpid` and `secret` are required. */
export interface WecomClientOptions {
  /** Default `https://qyapi.weixin.qq.com`; any URL is accepted (the sandbox, a proxy). */
  baseUrl?: string
  corpid: string
  secret: string
  /** Sent with tag and welcome-template writes (legacy third-party suites only); digits as text are accepted. */
  agentid?: number | string
  limits?: Partial<WecomRateLimits>
  retry?: Partial<WecomRetryOptions>
  /** Per-attempt timeout of JSON calls, ms. */
  timeoutMs?: number
  /** Per-attempt timeout of uploads, ms. */
  uploadTimeoutMs?: number
  /** Longest pause (45009 block or spent local budget) a call waits out before failing with `wecom_rate_limited`. */
  maxBlockWaitMs?: number
  now?: Clock
  sleep?: Sleep
  /** Progress events (blocks, retries, token refreshes). */
  onEvent?: (event: WecomClientEvent) => void
  /** One record per HTTP attempt, without token or secret. */
  onRequest?: (record: WecomRequestRecord) => void
  /** Token cache to share; default: the process-wide one. */
  tokenCache?: WecomTokenCache
  /** Rate-limit state to share; default: the process-wide one. */
  rateLimiter?: WecomRateLimiter
}

/** Defaults: 10 % below WeCom's per-minute cap and ~7 % below its hourly cap. */
export const DEFAULT_WECOM_LIMITS: Readonly<WecomRateLimits> = {
  perMinute: 9_000,
  perHour: 140_000,
  concurrencyPerPath: 8,
}
/** 4 attempts, 0.5 s → 1 s → 2 s (±jitter), never more than 8 s apart. */
export const DEFAULT_WECOM_RETRY: Readonly<WecomRetryOptions> = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 }
const DEFAULT_TIMEOUT_MS = 15_000
const DEFAULT_UPLOAD_TIMEOUT_MS = 120_000
/** Long enough to wait out a per-minute block (60 s), short of an hourly one. */
const DEFAULT_MAX_BLOCK_WAIT_MS = 120_000

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A WeCom API client for one app (corpid + secret), grouped by domain. Every call is rate
 * limited per corp and path, authenticated with a shared cached token, retried when that is
 * safe, and fails only with bilingual `AppError`s (see `./errors`).
 *
 * @example
 * const wecom = createWecomClient({ corpid, secret, onEvent: (e) => log.info(e.type, e) })
 * for await (const customer of wecom.customers.batchGetByUser({ userid_list: ['zhangsan'], limit: 100 })) {
 *   save(customer)
 * }
 */
export function createWecomClient(options: WecomClientOptions) {
  const agentidNumber = Number(options.agentid)
  const agentid = options.agentid !== '' && Number.isInteger(agentidNumber) ? agentidNumber : undefined
  const transport = new WecomTransport({
    baseUrl: options.baseUrl ?? DEFAULT_WECOM_BASE_URL,
    corpid: options.corpid,
    secret: options.secret,
    limits: { ...DEFAULT_WECOM_LIMITS, ...options.limits },
    retry: { ...DEFAULT_WECOM_RETRY, ...options.retry },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    uploadTimeoutMs: options.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS,
    maxBlockWaitMs: options.maxBlockWaitMs ?? DEFAULT_MAX_BLOCK_WAIT_MS,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? realSleep,
    tokenCache: options.tokenCache ?? defaultTokenCache,
    rateLimiter: options.rateLimiter ?? defaultRateLimiter,
    onEvent: options.onEvent,
    onRequest: options.onRequest,
  })
  return {
    corpid: options.corpid,
    members: createMembersApi(transport),
    customers: createCustomersApi(transport),
    tags: createTagsApi(transport, agentid),
    groups: createGroupsApi(transport),
    massMessages: createMassMessagesApi(transport),
    moments: createMomentsApi(transport),
    messages: createMessagesApi(transport, agentid),
    welcomeTemplates: createWelcomeTemplatesApi(transport, agentid),
    statistics: createStatisticsApi(transport),
    media: createMediaApi(transport),
  }
}

/** The client `createWecomClient` returns. */
export type WecomClient = ReturnType<typeof createWecomClient>
