import { randomBytes } from 'node:crypto'
import { SECOND_MS } from './clock'
import { WeComError } from './wecom-error'

/** Issued access_tokens and their expiry. Every gettoken issues a new one; old ones stay valid until they expire. */
export class TokenStore {
  private readonly expiries = new Map<string, number>()

  constructor(
    private readonly now: () => number,
    private readonly ttlSeconds: number,
  ) {}

  issue(): { accessToken: string; expiresIn: number } {
    const accessToken = randomBytes(64).toString('base64url')
    this.expiries.set(accessToken, this.now() + this.ttlSeconds * SECOND_MS)
    return { accessToken, expiresIn: this.ttlSeconds }
  }

  /** Throws 41001 (missing), 40014 (unknown) or 42001 (expired). */
  verify(token: string | undefined): void {
    if (!token) throw new WeComError(41001, 'access_token missing')
    const expiresAt = this.expiries.get(token)
    if (expiresAt === undefined) throw new WeComError(40014, 'invalid access_token')
    if (this.now() >= expiresAt) throw new WeComError(42001, 'access_token expired')
  }

  /** Every issued token answers 42001 from now on. */
  expireAll(): void {
    for (const token of this.expiries.keys()) this.expiries.set(token, 0)
  }
}
