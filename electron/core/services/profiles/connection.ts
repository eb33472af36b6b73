import type { ConnectionState, ConnectionStatus, ConnectionTestResult } from '../../../../shared/profiles'
import { SANDBOX_PROFILE_ID } from '../../../../shared/profiles'
import type { Locale } from '../../../../shared/result'
import { AppError, text } from '../../errors'
import type { CoreEvents } from '../../events'
import type { Logger } from '../../log'
import type { WorkspaceManager } from '../../store/manager'
import { createWecomClient, type WecomClient } from '../../wecom'
import type { WecomRequestOutcome } from '../../wecom/types'
import { SANDBOX_NAME, type ProfileCredentials, type ProfileService } from './profiles'

/** A write whose answer never arrived may or may not have happened: the audit log says so. */
function auditResultOf(outcome: WecomRequestOutcome): 'ok' | 'error' | 'unknown' {
  if (outcome === 'ok') return 'ok'
  return outcome === 'network' || outcome === 'timeout' || outcome === 'server_error' || outcome === 'bad_response'
    ? 'unknown'
    : 'error'
}

/**
 * The active connection: one WeCom client for the active profile, its status for the status bar,
 * and the audit trail of every write sent through it.
 */
export class ConnectionService {
  private active: { profileId: string; client: WecomClient } | undefined
  /** The status without its words; `status()` puts them in the current language. */
  private current: { profileId: string; name: string; state: ConnectionState; error?: AppError; lastOkAt?: number }
  private generation = 0
  /** Paths waiting out a rate limit (45009 or the console's own budget), until calls resume. */
  private readonly paused = new Map<string, number>()

  constructor(
    private readonly deps: {
      profiles: ProfileService
      events: CoreEvents
      log: Logger
      locale: () => Locale
      workspaces: WorkspaceManager
    },
  ) {
    this.current = { profileId: deps.profiles.activeId(), name: '', state: 'connecting' }
  }

  /** The status bar's view, in the user's current language. */
  status(): ConnectionStatus {
    const { profileId, name, state, error, lastOkAt } = this.current
    const locale = this.deps.locale()
    const isSandbox = profileId === SANDBOX_PROFILE_ID
    const status: ConnectionStatus = {
      profileId,
      profileName: isSandbox ? SANDBOX_NAME[locale] : name,
      isSandbox,
      state,
    }
    if (error) status.message = error.text[locale]
    if (lastOkAt !== undefined) status.lastOkAt = lastOkAt
    if (this.paused.size > 0) status.paused = [...this.paused].map(([path, resumeAt]) => ({ path, resumeAt }))
    return status
  }

  /** Sends the status again, e.g. after the language changed. */
  republish(): ConnectionStatus {
    const status = this.status()
    this.deps.events.emit('app:onStatus', status)
    return status
  }

  private publish(next: ConnectionService['current']): ConnectionStatus {
    this.current = next
    return this.republish()
  }

  private clientFor(credentials: ProfileCredentials): WecomClient {
    const { log, workspaces } = this.deps
    return createWecomClient({
      baseUrl: credentials.baseUrl,
      corpid: credentials.corpid,
      secret: credentials.secret,
      ...(credentials.agentid ? { agentid: credentials.agentid } : {}),
      onEvent: (event) => {
        log.info('wecom event', { profileId: credentials.id, event })
        if (credentials.id !== this.current.profileId) return
        if (event.type === 'rate_blocked') this.paused.set(event.path, event.resumeAt)
        else if (event.type === 'rate_resumed') this.paused.delete(event.path)
        else return
        this.republish()
      },
      onRequest: (record) => {
        // One entry per write call: attempts that are retried were provably not carried out.
        if (record.kind !== 'write' || !record.final) return
        workspaces.forProfile(credentials.id).auditLog.record({
          at: record.startedAt,
          profileId: credentials.id,
          api: record.path,
          summary: `${record.method} ${record.path} (attempt ${record.attempt})`,
          result: auditResultOf(record.outcome),
          errcode: record.errcode,
          detail: { httpStatus: record.httpStatus, durationMs: record.durationMs, query: record.query },
        })
      },
    })
  }

  /** (Re)connects to the active profile; never throws: failures become the status. */
  async activate(): Promise<ConnectionStatus> {
    const generation = ++this.generation
    const { profiles } = this.deps
    const profileId = profiles.activeId()
    const name = profiles.find(profileId)?.name ?? ''
    this.active = undefined
    this.paused.clear()
    this.publish({ profileId, name, state: 'connecting' })
    try {
      const client = this.clientFor(await profiles.credentials(profileId))
      await client.members.getFollowUserList()
      if (generation !== this.generation) return this.status()
      this.active = { profileId, client }
      return this.publish({ profileId, name, state: 'connected', lastOkAt: Date.now() })
    } catch (error) {
      if (generation !== this.generation) return this.status()
      this.deps.log.warn('connect failed', { profileId, error })
      const offline = error instanceof AppError && error.code === 'wecom_network'
      return this.publish({
        profileId,
        name,
        state: offline ? 'offline' : 'error',
        ...(error instanceof AppError ? { error } : {}),
      })
    }
  }

  /** "Test connection": a token and the follow-user list with the profile's stored credentials. */
  async test(profileId: string): Promise<ConnectionTestResult> {
    const started = Date.now()
    const client = this.clientFor(await this.deps.profiles.credentials(profileId))
    const followUsers = await client.members.getFollowUserList()
    return { ok: true, followUserCount: followUsers.length, elapsedMs: Date.now() - started }
  }

  /**
   * A client for any profile, active or not (copying a welcome template to another corp): the
   * active profile's own client when it is that one, otherwise a new one with the stored credentials.
   */
  async clientForProfile(profileId: string): Promise<WecomClient> {
    if (this.active?.profileId === profileId) return this.active.client
    return this.clientFor(await this.deps.profiles.credentials(profileId))
  }

  /** The client of the active profile, connecting first when needed. */
  async client(): Promise<WecomClient> {
    if (!this.active) await this.activate()
    if (!this.active)
      throw this.current.error ?? new AppError('not_connected', text('尚未连接企业微信。', 'Not connected to WeCom.'))
    return this.active.client
  }
}
