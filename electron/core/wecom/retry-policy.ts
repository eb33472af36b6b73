import {
  CONCURRENCY_LIMITED_ERRCODE,
  CREDENTIAL_ERRCODES,
  RATE_LIMITED_ERRCODE,
  SYSTEM_BUSY_ERRCODE,
  TOKEN_ERRCODES,
} from './errcodes'
import type { WecomTransportFailure, WecomUncertainFailure } from './errors'
import type { EndpointKind } from './endpoints'
import type { WecomRetryOptions, WecomRetryReason } from './types'

/** How one HTTP attempt ended, as the retry policy sees it. */
export type AttemptResult =
  | { type: 'ok'; body: unknown }
  | { type: 'errcode'; errcode: number; errmsg: string }
  /** `sent: false` when the request provably never left this machine (e.g. connection refused). */
  | { type: 'failed'; failure: WecomTransportFailure; sent: boolean; httpStatus?: number; cause: unknown }

/** What to do after a failed attempt. */
export type RetryDecision =
  | { type: 'refresh_token' }
  | { type: 'wait_rate_block' }
  | { type: 'lower_concurrency'; delayMs: number }
  | { type: 'retry'; reason: WecomRetryReason; delayMs: number }
  | { type: 'outcome_unknown'; failure: WecomUncertainFailure }
  | { type: 'fail' }

/** A token is refreshed at most once per call. */
const MAX_TOKEN_REFRESHES = 1
/** 45009 blocks one call sits out before giving up (the limiter escalates to the hourly block). */
const MAX_RATE_BLOCK_RETRIES = 3
/** 45033 retries per call: enough to halve a concurrency of 8 down to 1 and still succeed. */
const MAX_CONCURRENCY_RETRIES = 5

/** Per-call counters of every kind of retry, each with its own bound. */
export class RetryBudget {
  transientAttempts = 1
  tokenRefreshes = 0
  rateBlocks = 0
  concurrencyRetries = 0
}

/**
 * Decides whether a failed attempt may be sent again. Reads (and uploads, where a duplicate is
 * harmless) retry transient failures with back-off. Writes only retry answers that prove nothing
 * was executed (stale token, 45009, 45033, not sent at all); a sent write without a usable answer
 * becomes "outcome unknown" and -1 on a write is final.
 */
export function decideRetry(
  result: Exclude<AttemptResult, { type: 'ok' }>,
  kind: EndpointKind,
  budget: RetryBudget,
  options: WecomRetryOptions,
): RetryDecision {
  const retryable = kind !== 'write'
  const transient = (reason: WecomRetryReason): RetryDecision => {
    if (budget.transientAttempts >= options.maxAttempts) return { type: 'fail' }
    budget.transientAttempts++
    return { type: 'retry', reason, delayMs: backoffDelay(budget.transientAttempts - 1, options) }
  }

  if (result.type === 'failed') {
    if (result.failure === 'http_rejected') return { type: 'fail' }
    if (retryable || !result.sent) return transient(result.failure)
    return { type: 'outcome_unknown', failure: result.failure }
  }

  const { errcode } = result
  if (CREDENTIAL_ERRCODES.has(errcode)) return { type: 'fail' }
  if (TOKEN_ERRCODES.has(errcode)) {
    if (budget.tokenRefreshes >= MAX_TOKEN_REFRESHES) return { type: 'fail' }
    budget.tokenRefreshes++
    return { type: 'refresh_token' }
  }
  if (errcode === RATE_LIMITED_ERRCODE) {
    if (budget.rateBlocks >= MAX_RATE_BLOCK_RETRIES) return { type: 'fail' }
    budget.rateBlocks++
    return { type: 'wait_rate_block' }
  }
  if (errcode === CONCURRENCY_LIMITED_ERRCODE) {
    if (budget.concurrencyRetries >= MAX_CONCURRENCY_RETRIES) return { type: 'fail' }
    budget.concurrencyRetries++
    return { type: 'lower_concurrency', delayMs: backoffDelay(budget.concurrencyRetries, options) }
  }
  if (errcode === SYSTEM_BUSY_ERRCODE && retryable) return transient('system_busy')
  return { type: 'fail' }
}

/**
 * Delay before retry number `retry` (1 = first retry): exponential from `baseDelayMs`, capped at
 * `maxDelayMs`, with "equal jitter" (half fixed, half random) so parallel callers spread out.
 */
export function backoffDelay(retry: number, options: WecomRetryOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
