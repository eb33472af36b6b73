import type { ConnectionStatus, ConnectionTestResult } from '../../../shared/profiles'
import { SANDBOX_PROFILE_ID } from '../../../shared/profiles'
import type { Locale } from '../../../shared/result'
import { AppError } from '../errors'
import type { CoreEvents } from '../events'
import type { Logger } from '../log'
import type { WorkspaceManager } from '../store/manager'
import { createWecomClient, type WecomClient } from '../wecom'
import type { WecomRequestOutcome } from '../wecom/types'
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
  private current: ConnectionStatus
  private generation = 0

  constructor(
    private readonly deps: {
      profiles: ProfileService
      events: CoreEvents
      log: Logger
      locale: () => Locale
      workspaces: WorkspaceManager
    },
  ) {
    const id = deps.profiles.activeId()
    this.current = { profileId: id, profileName: '', isSandbox: id === SANDBOX_PROFILE_ID, state: 'connecting' }
  }

  status(): ConnectionStatus {
    return this.current
  }

  private publish(status: ConnectionStatus): ConnectionStatus {
    this.current = status
    this.deps.events.emit('app:onStatus', status)
    return status
  }

  private clientFor(credentials: ProfileCredentials): WecomClient {
    const { log, workspaces } = this.deps
    return createWecomClient({
      baseUrl: credentials.baseUrl,
      corpid: credentials.corpid,
      secret: credentials.secret,
      ...(credentials.agentid ? { agentid: credentials.agentid } : {}),
      onEvent: (event) => log.info('wecom event', { profileId: credentials.id, event }),
      onRequest: (record) => {
        if (record.kind !== 'write') return
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
    const { profiles, locale } = this.deps
    const profileId = profiles.activeId()
    const name =
      profileId === SANDBOX_PROFILE_ID
        ? SANDBOX_NAME[locale()]
        : ((await profiles.list(locale())).find((p) => p.id === profileId)?.name ?? '')
    const base = { profileId, profileName: name, isSandbox: profileId === SANDBOX_PROFILE_ID }
    this.active = undefined
    this.publish({ ...base, state: 'connecting' })
    try {
      const client = this.clientFor(await profiles.credentials(profileId))
      await client.members.getFollowUserList()
      if (generation !== this.generation) return this.current
      this.active = { profileId, client }
      return this.publish({ ...base, state: 'connected', lastOkAt: Date.now() })
    } catch (error) {
      if (generation !== this.generation) return this.current
      this.deps.log.warn('connect failed', { profileId, error })
      const offline = error instanceof AppError && error.code === 'wecom_network'
      const message = error instanceof AppError ? error.text[locale()] : undefined
      return this.publish({ ...base, state: offline ? 'offline' : 'error', ...(message ? { message } : {}) })
    }
  }

  /** "Test connection": a token and the follow-user list with the profile's stored credentials. */
  async test(profileId: string): Promise<ConnectionTestResult> {
    const started = Date.now()
    const client = this.clientFor(await this.deps.profiles.credentials(profileId))
    const followUsers = await client.members.getFollowUserList()
    return { ok: true, followUserCount: followUsers.length, elapsedMs: Date.now() - started }
  }

  /** The client of the active profile, connecting first when needed. */
  async client(): Promise<WecomClient> {
    if (!this.active) await this.activate()
    if (!this.active)
      throw new AppError('not_connected', {
        'zh-CN': this.current.message ?? '尚未连接企业微信。',
        en: this.current.message ?? 'Not connected to WeCom.',
      })
    return this.active.client
  }
}
