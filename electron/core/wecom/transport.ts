import { CREDENTIAL_ERRCODES } from './errcodes'
import type { EndpointSpec } from './endpoints'
import { WECOM_ENDPOINTS } from './endpoints'
import { WecomApiError, WecomCredentialsError, WecomNetworkError, WecomOutcomeUnknownError, safeCause } from './errors'
import { redact } from '../log'
import { sendHttpAttempt } from './http-attempt'
import type { CallInput, DownloadedFile } from './http-attempt'
import type { AcquireContext, WecomRateLimiter } from './rate-limiter'
import { RetryBudget, decideRetry } from './retry-policy'
import type { AttemptResult } from './retry-policy'
import type { WecomTokenCache, WecomTokenOwner } from './token-cache'
import type {
  Clock,
  Sleep,
  WecomClientEvent,
  WecomRateLimits,
  WecomRequestRecord,
  WecomRetryOptions,
  WecomRetryReason,
} from './types'

/** Everything the transport needs, with every default already applied. */
export interface TransportConfig {
  baseUrl: string
  corpid: string
  secret: string
  limits: WecomRateLimits
  retry: WecomRetryOptions
  timeoutMs: number
  uploadTimeoutMs: number
  maxBlockWaitMs: number
  now: Clock
  sleep: Sleep
  tokenCache: WecomTokenCache
  rateLimiter: WecomRateLimiter
  onEvent?: (event: WecomClientEvent) => void
  onRequest?: (record: WecomRequestRecord) => void
}

interface GetTokenResponse {
  access_token?: string
  expires_in?: number
}

const DEFAULT_TOKEN_LIFETIME_S = 7200

/**
 * Sends WeCom calls: rate limiting, access_token, timeouts, retries and error mapping, all driven
 * by the endpoint's row in `WECOM_ENDPOINTS`. Never throws anything but an `AppError` subclass,
 * and never lets the secret or the token reach an error, an event or a request record.
 */
export class WecomTransport {
  private readonly owner: WecomTokenOwner
  private readonly acquireContext: AcquireContext

  constructor(private readonly config: TransportConfig) {
    this.owner = { baseUrl: config.baseUrl, corpid: config.corpid, secret: config.secret }
    this.acquireContext = {
      limits: config.limits,
      now: config.now,
      sleep: config.sleep,
      maxBlockWaitMs: config.maxBlockWaitMs,
      emit: (event) => this.emit(event),
    }
  }

  /** Calls a JSON endpoint and returns WeCom's answer (errcode 0 or absent). */
  async call<T>(endpoint: EndpointSpec, input: CallInput = {}): Promise<T> {
    return (await this.execute(endpoint, input)) as T
  }

  /** Calls a binary endpoint (media/get) and returns the file. */
  async download(endpoint: EndpointSpec, input: CallInput = {}): Promise<DownloadedFile> {
    return (await this.execute(endpoint, input)) as DownloadedFile
  }

  private async execute(endpoint: EndpointSpec, input: CallInput): Promise<unknown> {
    const limiter = this.config.rateLimiter.forPath(this.config.corpid, endpoint.path)
    const budget = new RetryBudget()
    for (let attempt = 1; ; attempt++) {
      const slot = await limiter.acquire(this.acquireContext)
      let token: string | undefined
      try {
        if (endpoint.auth !== false) token = await this.accessToken()
      } catch (error) {
        slot.release(false)
        throw error
      }
      const { result, record } = await this.send(endpoint, input, token, attempt)
      slot.release(result.type !== 'failed' || result.sent)
      if (result.type === 'ok') {
        this.record({ ...record, final: true })
        limiter.reportSuccess(this.config.limits)
        return result.body
      }

      const decision = decideRetry(result, endpoint.kind, budget, this.config.retry)
      this.record({ ...record, final: decision.type === 'fail' || decision.type === 'outcome_unknown' })
      const retry = (reason: WecomRetryReason, delayMs: number) =>
        this.emit({ type: 'retry', path: endpoint.path, attempt: attempt + 1, reason, delayMs })
      switch (decision.type) {
        case 'refresh_token':
          if (token) this.config.tokenCache.invalidate(this.owner, token)
          retry('token_expired', 0)
          break
        case 'wait_rate_block': {
          const resumeAt = limiter.reportRateLimited(slot, this.acquireContext)
          retry('rate_limited', Math.max(0, resumeAt - this.config.now()))
          break
        }
        case 'lower_concurrency':
          limiter.reportConcurrencyLimited(slot, this.acquireContext)
          retry('concurrency_limited', decision.delayMs)
          await this.config.sleep(decision.delayMs)
          break
        case 'retry':
          retry(decision.reason, decision.delayMs)
          await this.config.sleep(decision.delayMs)
          break
        case 'outcome_unknown':
          throw new WecomOutcomeUnknownError(endpoint.path, decision.failure, this.cause(result, token))
        case 'fail':
          if (token && result.type === 'errcode' && CREDENTIAL_ERRCODES.has(result.errcode)) {
            this.config.tokenCache.invalidate(this.owner, token)
          }
          throw this.toError(endpoint, result, token)
      }
    }
  }

  private accessToken(): Promise<string> {
    return this.config.tokenCache.get(this.owner, this.config.now, async () => {
      const answer = await this.call<GetTokenResponse>(WECOM_ENDPOINTS.getToken, {
        query: { corpid: this.config.corpid, corpsecret: this.config.secret },
      })
      if (typeof answer.access_token !== 'string' || answer.access_token === '') {
        throw new WecomNetworkError(WECOM_ENDPOINTS.getToken.path, 'bad_response', undefined, undefined)
      }
      const expiresInSeconds = answer.expires_in ?? DEFAULT_TOKEN_LIFETIME_S
      this.emit({ type: 'token_refreshed', expiresAt: this.config.now() + expiresInSeconds * 1000 })
      return { accessToken: answer.access_token, expiresInSeconds }
    })
  }

  /** One HTTP attempt and its record for onRequest (sent once the retry decision is known); never throws. */
  private async send(
    endpoint: EndpointSpec,
    input: CallInput,
    token: string | undefined,
    attempt: number,
  ): Promise<{ result: AttemptResult; record: Omit<WecomRequestRecord, 'final'> }> {
    const startedAt = this.config.now()
    const startedClock = performance.now()
    const timeoutMs = endpoint.kind === 'upload' ? this.config.uploadTimeoutMs : this.config.timeoutMs
    const { result, httpStatus, errcode } = await sendHttpAttempt(
      this.config.baseUrl,
      endpoint,
      input,
      token,
      timeoutMs,
    )
    const record = {
      method: endpoint.method,
      path: endpoint.path,
      kind: endpoint.kind,
      query: publicQuery(input.query),
      attempt,
      startedAt,
      durationMs: Math.round(performance.now() - startedClock),
      httpStatus,
      errcode,
      outcome: result.type === 'failed' ? result.failure : result.type,
    }
    return { result, record }
  }

  private toError(
    endpoint: EndpointSpec,
    result: Exclude<AttemptResult, { type: 'ok' }>,
    token: string | undefined,
  ): Error {
    if (result.type === 'failed')
      return new WecomNetworkError(endpoint.path, result.failure, result.httpStatus, this.cause(result, token))
    // WeCom's errmsg can echo the request: mask the token sent, every token the cache knows, and
    // any access_token= / corpsecret= query, before the errmsg reaches a message, a log or the page.
    const errmsg = redact(result.errmsg, this.credentials(token))
    if (CREDENTIAL_ERRCODES.has(result.errcode)) return new WecomCredentialsError(result.errcode, errmsg, endpoint.path)
    return new WecomApiError(result.errcode, errmsg, endpoint.path)
  }

  private cause(result: AttemptResult, token: string | undefined): Error | undefined {
    return result.type === 'failed' && result.cause !== undefined
      ? safeCause(result.cause, this.credentials(token))
      : undefined
  }

  /** The secret, the token of this attempt and the tokens the cache knows for this app. */
  private credentials(token: string | undefined): string[] {
    return [this.config.secret, ...(token ? [token] : []), ...this.config.tokenCache.knownTokens(this.owner)]
  }

  /** Listeners are the app's business: a throwing listener must not break the call. */
  private emit(event: WecomClientEvent): void {
    try {
      this.config.onEvent?.(event)
    } catch {
      // ignored on purpose, see above
    }
  }

  private record(record: WecomRequestRecord): void {
    try {
      this.config.onRequest?.(record)
    } catch {
      // ignored on purpose, see emit()
    }
  }
}

/** The query as it may be logged: stringified, without access_token / corpsecret. */
function publicQuery(query: CallInput['query']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || key === 'access_token' || key === 'corpsecret') continue
    out[key] = String(value)
  }
  return out
}
