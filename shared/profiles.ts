import { z } from 'zod'

/** The WeCom API host a profile calls unless it routes through a fixed-IP proxy. */
export const DEFAULT_WECOM_BASE_URL = 'https://qyapi.weixin.qq.com'

/** Id of the built-in sandbox corp, which is always available and never stored. */
export const SANDBOX_PROFILE_ID = 'sandbox'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** https anywhere; plain http only for this machine (the sandbox or a local proxy). */
export function isAllowedBaseUrl(value: string): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  if (url.username || url.password || url.search || url.hash) return false
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && (LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith('127.'))
}

/** A base URL without trailing slashes, so paths join cleanly. */
export function normalizeBaseUrl(value: string): string {
  return value.trim().replace(/\/+$/, '')
}

export const profileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'v.invalid' })

/** What the user fills in to connect a corp. `secret` may be omitted on edit to keep the stored one. */
export const profileInputSchema = z
  .object({
    id: profileIdSchema.optional(),
    name: z.string().trim().min(1).max(30),
    corpid: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'v.corpidFormat' }),
    secret: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'v.secretFormat' })
      .optional(),
    agentid: z
      .string()
      .trim()
      .regex(/^\d{0,12}$/, { error: 'v.agentidFormat' })
      .optional(),
    baseUrl: z
      .string()
      .trim()
      .min(1)
      .max(2048)
      .refine(isAllowedBaseUrl, { error: 'v.baseUrlNotHttps' })
      .transform(normalizeBaseUrl)
      .default(DEFAULT_WECOM_BASE_URL),
  })
  .strict()

export type ProfileInput = z.input<typeof profileInputSchema>

/** How the secret is protected on this machine (shown in Settings). */
export type SecretProtection = 'os-encrypted' | 'plain-text' | 'local-file'

/** What the renderer may know about a profile: never the secret, only whether one is set. */
export interface ProfileSummary {
  id: string
  name: string
  corpid: string
  agentid?: string
  baseUrl: string
  hasSecret: boolean
  isSandbox: boolean
  active: boolean
}

export type ConnectionState = 'connecting' | 'connected' | 'offline' | 'error'

/** The status bar's view of the active connection. */
export interface ConnectionStatus {
  profileId: string
  profileName: string
  isSandbox: boolean
  state: ConnectionState
  /** Localized detail when state is offline or error. */
  message?: string
  /** ms since epoch of the last successful call. */
  lastOkAt?: number
  /** Calls paused by a rate limit: which API and when calls resume (ms since epoch). */
  paused?: Array<{ path: string; resumeAt: number }>
}

/** Result of "Test connection". */
export interface ConnectionTestResult {
  ok: true
  followUserCount: number
  /** How long fetching the token and the follow-user list took, in ms. */
  elapsedMs: number
}
