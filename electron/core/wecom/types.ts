/** Shared option, event and log-record types of the WeCom client. */
import type { EndpointKind } from './endpoints'

/** Milliseconds since the epoch; injectable so tests (and the sandbox) can share a fake clock. */
export type Clock = () => number

/** Waits `ms` milliseconds; injectable so back-off and rate-limit waits can run in fake time. */
export type Sleep = (ms: number) => Promise<void>

/** Client-side call budget per corp and API path, kept below WeCom's published caps. */
export interface WecomRateLimits {
  /** Calls that may start in any 60 s window. WeCom's cap is 10,000. */
  perMinute: number
  /** Calls that may start in any 60 min window. WeCom's cap is 150,000. */
  perHour: number
  /** Calls to one path in flight at once (WeCom answers 45033 above an unpublished cap). */
  concurrencyPerPath: number
}

/** Bounded exponential back-off for transient failures of reads. */
export interface WecomRetryOptions {
  /** Total attempts for one call, the first included. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

/** Why a call is being sent again. */
export type WecomRetryReason =
  | 'system_busy'
  | 'network'
  | 'timeout'
  | 'server_error'
  | 'bad_response'
  | 'token_expired'
  | 'rate_limited'
  | 'concurrency_limited'

/** Progress the client reports so the UI can explain pauses instead of looking stuck. */
export type WecomClientEvent =
  /**
   * Calls to `path` wait until `resumeAt` (ms epoch): WeCom answered 45009 (`wecom`), or the
   * console's own per-minute/hour budget is spent for a second or more (`local`).
   */
  | { type: 'rate_blocked'; path: string; resumeAt: number; source: 'wecom' | 'local' }
  /** Calls to `path` started again after a block. */
  | { type: 'rate_resumed'; path: string }
  /** WeCom answered 45033: at most `limit` calls to `path` now run at once. */
  | { type: 'concurrency_lowered'; path: string; limit: number }
  /** A call to `path` is about to be sent again; `attempt` is the number of the coming attempt. */
  | { type: 'retry'; path: string; attempt: number; reason: WecomRetryReason; delayMs: number }
  /** A new access_token was fetched; `expiresAt` is ms epoch. The token itself is never reported. */
  | { type: 'token_refreshed'; expiresAt: number }

/** How one HTTP attempt ended. */
export type WecomRequestOutcome =
  'ok' | 'errcode' | 'network' | 'timeout' | 'server_error' | 'http_rejected' | 'bad_response'

/** One HTTP attempt, for the app log. access_token and corpsecret are never included. */
export interface WecomRequestRecord {
  method: 'GET' | 'POST'
  /** WeCom path relative to /cgi-bin/, e.g. `externalcontact/batch/get_by_user`. */
  path: string
  /** From the endpoint table: writes are the ones worth an audit trail. */
  kind: EndpointKind
  /** Query parameters without access_token / corpsecret. */
  query: Record<string, string>
  /** 1 for the first attempt of a call, 2 for its first retry, … */
  attempt: number
  startedAt: number
  durationMs: number
  httpStatus: number | null
  /** errcode answered (0 on success, also when WeCom omitted it), null when there was no JSON answer. */
  errcode: number | null
  outcome: WecomRequestOutcome
  /** True for the attempt that settled the call: no retry follows it. */
  final: boolean
}
