import type { ReceiveCapRule } from './deliveries'
import type { SandboxState } from './model'

export type { SandboxState } from './model'
export type { ReceiveCapRule } from './deliveries'

/**
 * The sandbox corp's programmatic surface. The sandbox is a WeCom-compatible HTTP server over a
 * seeded demo corp; the client talks to it over real HTTP and does not know it is a sandbox.
 */

/** Faults injected per request; all optional. Paths are WeCom paths relative to /cgi-bin/, e.g. `externalcontact/batch/get_by_user`. */
export interface SandboxFaults {
  /** Extra latency added to every request, in ms. */
  latencyMs?: number
  /** Per-path extra latency in ms (added to latencyMs). */
  latencyByPath?: Record<string, number>
  /** Probability 0..1 that a request answers errcode -1 (system busy) without doing anything. */
  errorRate?: number
  /**
   * Forced errcodes per path: the next `count` requests to that path (all of them when count is
   * omitted) answer this errcode without doing anything.
   */
  forcedErrcodes?: Record<string, { errcode: number; count?: number }>
  /** Forced HTTP status (e.g. 502) per path for the next `count` requests, without doing anything. */
  httpStatus?: Record<string, { status: number; count?: number }>
  /**
   * The next `count` requests to the path are processed (state changes happen) but the socket is
   * destroyed before the response is written: the caller cannot know the outcome.
   */
  dropResponse?: Record<string, { count?: number }>
}

export interface SandboxOptions {
  /** 0 or omitted: a free port. Always binds 127.0.0.1. */
  port?: number
  /** Seed of the deterministic demo corp. Default 1. */
  seed?: number
  /** Number of customers. Default 20,000. */
  customers?: number
  /** Number of members with 客户联系 (follow users). Default 200. */
  members?: number
  /** Number of customer groups. Default 320. */
  groups?: number
  /** access_token lifetime in seconds. Default 7200. */
  tokenTtlSeconds?: number
  /** Per corp, per API path limits (WeCom: 10,000/min and 150,000/hour). */
  rateLimit?: { perMinute: number; perHour: number }
  /** Concurrent requests per path above which the sandbox answers 45033. Default: unlimited. */
  maxConcurrentPerPath?: number
  /** Multiplies the speed at which mass-message and moment tasks progress (tests use large values). Default 1. */
  taskSpeed?: number
  /**
   * The corp admin's receive cap for mass messages (reference §3.7): as many per month as the month
   * has days (WeCom's default), 7 per week, or 1 per day. Recipients over it end in status 3.
   */
  receiveCap?: ReceiveCapRule
  /** Injected faults; can be changed later with setFaults. */
  faults?: SandboxFaults
  /** Clock in ms since epoch; defaults to Date.now. Tests may control it. */
  now?: () => number
}

/** One request as the sandbox saw it. The access_token and corpsecret are not recorded. */
export interface SandboxRequestRecord {
  /** Sequence number, from 1. */
  seq: number
  /** ms since epoch when the request arrived, and when it was answered. */
  startedAt: number
  finishedAt: number
  method: string
  /** WeCom path relative to /cgi-bin/, e.g. `gettoken`, `externalcontact/add_msg_template`. */
  path: string
  /** Parsed JSON body (POST JSON), or undefined. Multipart bodies are summarised as `{ media: { filename, size } }`. */
  body: unknown
  /** Query parameters other than access_token / corpsecret. */
  query: Record<string, string>
  /** errcode answered (0 on success); -1 for injected busy; null when the response was dropped. */
  errcode: number | null
  /** HTTP status answered; 0 when the response was dropped. Injected HTTP statuses log errcode null. */
  httpStatus: number
  /** True when the request changed state (a successful write). */
  mutated: boolean
}

export interface SandboxHandle {
  /** Base URL to use instead of https://qyapi.weixin.qq.com, e.g. `http://127.0.0.1:41234`. */
  url: string
  corpid: string
  secret: string
  /** Every request so far, in arrival order. */
  readonly requestLog: readonly SandboxRequestRecord[]
  /** Replace the injected faults (merged over the current ones; pass `{}` values to clear). */
  setFaults(faults: SandboxFaults): void
  /** Clear all injected faults. */
  clearFaults(): void
  /** Make every issued access_token expired right now (next use answers 42001). */
  expireTokens(): void
  /** Change the rate limit at run time. */
  setRateLimit(limit: { perMinute: number; perHour: number }): void
  /** Read-only view of the demo corp's state, for assertions in tests. */
  readonly state: SandboxState
  /** Test hook: a customer of the group's owner joins (or the last customer leaves), so member_version changes. */
  touchGroup(chatId: string): void
  /** Test hook: a new customer followed by `userid`, added now; returns its external_userid. */
  addCustomer(input: { userid: string; name?: string }): string
  /** Test hook: the customer and all follow relations disappear (externalcontact/get then answers 40096). */
  removeCustomer(externalUserid: string): void
  /** Test hook: the customer changes their WeChat name. */
  renameCustomer(externalUserid: string, name: string): void
  close(): Promise<void>
}
