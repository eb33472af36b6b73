import { createHash } from 'node:crypto'
import { WecomCredentialsError } from './errors'
import type { Clock } from './types'

/** Which app a token belongs to. The secret is only hashed into the cache key, never stored. */
export interface WecomTokenOwner {
  baseUrl: string
  corpid: string
  secret: string
}

/** What gettoken answered. */
export interface IssuedToken {
  accessToken: string
  expiresInSeconds: number
}

interface CachedToken {
  value: string
  expiresAt: number
  /** From here on the token is renewed before use (a margin before it actually expires). */
  refreshAt: number
}

interface Slot {
  current?: CachedToken
  pending?: Promise<string>
  /** gettoken rejected these credentials: answer with the same error until `until`. */
  rejected?: { error: WecomCredentialsError; until: number }
  /** The last tokens this slot replaced or forgot, newest first: a late answer may still echo one. */
  retired: string[]
}

/** How many replaced tokens are remembered for masking. */
const RETIRED_TOKENS_KEPT = 4

function retire(slot: Slot, token: string): void {
  slot.retired = [token, ...slot.retired.filter((t) => t !== token)].slice(0, RETIRED_TOKENS_KEPT)
}

/** Renew at most this long before expiry (WeCom tokens normally live 7,200 s). */
const MAX_REFRESH_MARGIN_MS = 5 * 60_000
/** …and never more than this share of the token's lifetime before expiry. */
const REFRESH_MARGIN_SHARE = 0.1
/**
 * After gettoken rejects a corpid/secret, the same pair is not tried again for this long: repeated
 * failures can get this machine's IP banned for an hour. New credentials are tried at once.
 */
const REJECTED_CREDENTIALS_MEMORY_MS = 60_000

/**
 * access_token cache shared by every client with the same (baseUrl, corpid, secret): one gettoken
 * in flight at a time per app (single-flight), renewed shortly before expiry, invalidated token
 * by token so a late 42001 never throws away a token that was already renewed, and a rejected
 * corpid/secret is not retried for a minute.
 * Hold one per process; `defaultTokenCache` is the process-wide default.
 */
export class WecomTokenCache {
  private readonly slots = new Map<string, Slot>()

  /**
   * A valid token for `owner`, calling `fetchToken` only when none is cached or the cached one is
   * about to expire. Concurrent callers share one fetch.
   */
  async get(owner: WecomTokenOwner, now: Clock, fetchToken: () => Promise<IssuedToken>): Promise<string> {
    const slot = this.slot(owner)
    const current = slot.current
    if (current && now() < current.refreshAt) return current.value
    if (slot.rejected && now() < slot.rejected.until) throw slot.rejected.error
    slot.pending ??= this.refresh(slot, now, fetchToken)
    return slot.pending
  }

  /**
   * The tokens this cache knows for `owner` (the current one, and the last few it replaced or
   * forgot), so errors and logs can mask them wherever WeCom echoes one.
   */
  knownTokens(owner: WecomTokenOwner): string[] {
    const slot = this.slots.get(cacheKey(owner))
    if (!slot) return []
    return slot.current ? [slot.current.value, ...slot.retired] : [...slot.retired]
  }

  /** Forget `token` if it is still the cached one (WeCom rejected it with 40014 / 42001). */
  invalidate(owner: WecomTokenOwner, token: string): void {
    const slot = this.slots.get(cacheKey(owner))
    if (slot?.current?.value === token) {
      retire(slot, token)
      delete slot.current
    }
  }

  private async refresh(slot: Slot, now: Clock, fetchToken: () => Promise<IssuedToken>): Promise<string> {
    try {
      const issuedAt = now()
      const issued = await fetchToken()
      const lifetimeMs = issued.expiresInSeconds * 1000
      const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs * REFRESH_MARGIN_SHARE)
      const expiresAt = issuedAt + lifetimeMs
      if (slot.current) retire(slot, slot.current.value)
      slot.current = { value: issued.accessToken, expiresAt, refreshAt: expiresAt - margin }
      delete slot.rejected
      return issued.accessToken
    } catch (error) {
      if (error instanceof WecomCredentialsError)
        slot.rejected = { error, until: now() + REJECTED_CREDENTIALS_MEMORY_MS }
      throw error
    } finally {
      delete slot.pending
    }
  }

  private slot(owner: WecomTokenOwner): Slot {
    const key = cacheKey(owner)
    let slot = this.slots.get(key)
    if (!slot) {
      slot = { retired: [] }
      this.slots.set(key, slot)
    }
    return slot
  }
}

function cacheKey(owner: WecomTokenOwner): string {
  return createHash('sha256').update(`${owner.baseUrl}\n${owner.corpid}\n${owner.secret}`).digest('hex')
}

/** The process-wide cache used when a client is created without one. */
export const defaultTokenCache = new WecomTokenCache()
