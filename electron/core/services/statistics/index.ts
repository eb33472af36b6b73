import type { Locale } from '../../../../shared/result'
import type { FillStatus, Unavailable } from '../../../../shared/statistics'
import type { ConnectionStatus } from '../../../../shared/profiles'
import type { CoreContext } from '../../context'
import type { Logger } from '../../log'
import type { Workspace } from '../../store/workspace'
import { DEFAULT_WECOM_LIMITS, type WecomClient } from '../../wecom'
import { StatisticsCache } from './cache'
import { dayFromNumber } from '../../../../shared/date'
import { fillableDays, planWindows } from './days'
import { planSubjects } from './plan'
import { FILL_OUTCOME_KEY, FillRun, LAST_REFRESH_KEY, type StoredFillOutcome } from './fill'

/** At most ~5 progress events a second. */
const PROGRESS_INTERVAL_MS = 200
/** While a fill runs, the cache's facts (data up to, provisional days) are read again at most this often. */
const RUNNING_FACTS_INTERVAL_MS = 3000

/** What the service needs: the active profile's workspace and client, a clock, events. */
export interface StatisticsDeps {
  profileId: () => string
  workspace: (profileId: string) => Workspace
  client: () => Promise<WecomClient>
  now: () => number
  locale: () => Locale
  log: Logger
  emit: (status: FillStatus) => void
  concurrency?: number
}

/** Builds the deps from the core's context (Date.now, the connection's client). */
export function statisticsDeps(ctx: CoreContext): StatisticsDeps {
  return {
    profileId: () => ctx.activeProfileId(),
    workspace: (profileId) => ctx.workspaces.forProfile(profileId),
    client: () => ctx.connection.client(),
    now: Date.now,
    locale: ctx.locale,
    log: ctx.log,
    emit: (status) => ctx.events.emit('statistics:onFillProgress', status),
  }
}

/**
 * The statistics cache's fill, one run at a time per profile, in the background (like the
 * customer sync). Switching profile cancels a running fill; so does closing the core.
 */
export class StatisticsService {
  private readonly runs = new Map<string, FillRun>()
  private lastEmit = 0
  private readonly lastFacts = new Map<string, { at: number; facts: ReturnType<typeof cacheFacts>; locale: Locale }>()
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly deps: StatisticsDeps) {}

  /** Subscribes to profile switches (cancels the other profiles' fills); returns the unsubscribe. */
  watchProfiles(ctx: CoreContext): () => void {
    return ctx.events.subscribe((channel, payload) => {
      if (channel !== 'app:onStatus') return
      const { profileId } = payload as ConnectionStatus
      for (const [id, run] of this.runs) if (id !== profileId) run.cancel()
    })
  }

  /** Starts (or resumes) a fill of the active profile; the running one's status if any. */
  start(): FillStatus {
    const profileId = this.deps.profileId()
    const current = this.runs.get(profileId)
    if (current?.active) return this.status()
    const run: FillRun = new FillRun({
      workspace: this.deps.workspace(profileId),
      client: async () => {
        const client = await this.deps.client()
        if (this.deps.profileId() !== profileId) run.cancel()
        return client
      },
      now: this.deps.now,
      concurrency: this.deps.concurrency ?? DEFAULT_WECOM_LIMITS.concurrencyPerPath,
      log: this.deps.log,
      progressed: () => this.progressed(run),
    })
    this.runs.set(profileId, run)
    return this.status()
  }

  /** The active profile's run of this session, if any (tests and the bench wait on `finished`). */
  run(): FillRun | undefined {
    return this.runs.get(this.deps.profileId())
  }

  cancel(): FillStatus {
    this.runs.get(this.deps.profileId())?.cancel()
    return this.status()
  }

  /** The active profile's fill and cache: this session's run, or how the last one ended. */
  status(): FillStatus {
    const profileId = this.deps.profileId()
    const workspace = this.deps.workspace(profileId)
    const run = this.runs.get(profileId)
    const facts = this.facts(profileId, workspace, !!run?.active)
    if (run) {
      const status: FillStatus = {
        ...facts,
        state: run.state,
        kind: run.kind,
        done: run.done,
        total: Math.max(run.total, run.done),
        startedAt: run.startedAt,
        teamSource: run.teamSource,
        resumable: run.state === 'cancelled' || run.state === 'failed',
      }
      const eta = run.etaSeconds()
      if (eta !== undefined) status.etaSeconds = eta
      if (run.finishedAt !== undefined) status.finishedAt = run.finishedAt
      return withFailure(status, failureOf(run.failure), this.deps.locale())
    }
    const outcome = workspace.kv.get<StoredFillOutcome>(FILL_OUTCOME_KEY)
    const interrupted = outcome?.state === 'running' || outcome?.state === 'cancelling'
    const state = interrupted ? 'cancelled' : (outcome?.state ?? 'idle')
    const status: FillStatus = {
      ...facts,
      state,
      kind: outcome?.kind ?? 'first',
      done: outcome?.done ?? 0,
      total: Math.max(outcome?.total ?? 0, outcome?.done ?? 0),
      teamSource: outcome?.teamSource ?? 'department',
      resumable: state === 'cancelled' || state === 'failed',
      ...(outcome ? { startedAt: outcome.startedAt } : {}),
      ...(outcome?.finishedAt !== undefined ? { finishedAt: outcome.finishedAt } : {}),
    }
    return withFailure(status, outcome?.error, this.deps.locale())
  }

  /**
   * The cache's facts: fresh when no fill runs; while one runs, at most every few seconds (the
   * progress events ask 5 times a second, and the fill's answers must not wait on these reads).
   */
  private facts(profileId: string, workspace: Workspace, running: boolean): ReturnType<typeof cacheFacts> {
    const now = this.deps.now()
    const last = this.lastFacts.get(profileId)
    if (running && last && Date.now() - last.at < RUNNING_FACTS_INTERVAL_MS && last.locale === this.deps.locale())
      return last.facts
    const facts = cacheFacts(workspace, now, this.deps.locale(), !running)
    this.lastFacts.set(profileId, { at: Date.now(), facts, locale: this.deps.locale() })
    return facts
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    const runs = [...this.runs.values()]
    for (const run of runs) run.cancel()
    await Promise.all(runs.map((run) => run.finished))
  }

  /** Throttled progress: at most one event per PROGRESS_INTERVAL_MS, and always the last one. */
  private progressed(run: FillRun): void {
    if (this.runs.get(this.deps.profileId()) !== run) return
    const now = Date.now()
    const send = () => {
      this.timer = undefined
      this.lastEmit = Date.now()
      try {
        this.deps.emit(this.status())
      } catch (error) {
        this.deps.log.warn('statistics: progress not sent', { error })
      }
    }
    if (!run.active) {
      if (this.timer) clearTimeout(this.timer)
      send()
      return
    }
    if (this.timer) return
    const wait = PROGRESS_INTERVAL_MS - (now - this.lastEmit)
    if (wait <= 0) send()
    else this.timer = setTimeout(send, wait)
  }
}

type Failure = StoredFillOutcome['error']

function failureOf(error: unknown): Failure {
  if (error === undefined) return undefined
  if (error && typeof error === 'object' && 'text' in error && 'code' in error) {
    const app = error as { code: string; text: { 'zh-CN': string; en: string }; hint?: { 'zh-CN': string; en: string } }
    return { code: app.code, text: app.text, ...(app.hint ? { hint: app.hint } : {}) }
  }
  return { code: 'internal', text: { 'zh-CN': '', en: '' } }
}

const INTERRUPTED = {
  text: {
    'zh-CN': '数据统计的获取意外中断，已获取的数据都已保存。',
    en: 'Fetching the statistics stopped unexpectedly; everything fetched so far is saved.',
  },
  hint: {
    'zh-CN': '请点击「继续获取」从中断处继续；如果反复出现，请把日志文件（设置 → 日志）发给技术支持。',
    en: 'Press Resume to continue where it stopped; if this keeps happening, send the log file (Settings → Log) to support.',
  },
}

function withFailure(status: FillStatus, failure: Failure, locale: Locale): FillStatus {
  if (!failure) return status
  const text = failure.text[locale] ? failure : { ...INTERRUPTED, code: failure.code }
  return { ...status, message: text.text[locale], ...(text.hint ? { hint: text.hint[locale] } : {}) }
}

const UNAVAILABLE_TEXT = {
  left: {
    'zh-CN': '已不在可联系客户的成员中，保留之前的数据。',
    en: 'No longer a member with customer contact; earlier figures are kept.',
  },
  not_visible: {
    'zh-CN': '不在应用的可见范围内（或已离职），企业微信不提供该成员的数据。请在管理后台把该成员加入应用的可见范围。',
    en: 'Outside the app’s visible range (or has left): WeCom gives no figures for this member. Add the member to the app’s visible range in the admin console.',
  },
}

/**
 * What the cache holds (for the status): "data up to", provisional days, days still to fetch,
 * unavailable members and owners. `exact` computes the days still to fetch from the full plan;
 * while a fill runs the cheaper team-only count is used.
 */
export function cacheFacts(
  workspace: Workspace,
  now: number,
  locale: Locale,
  exact: boolean,
): Pick<FillStatus, 'dataUpTo' | 'dataFrom' | 'provisionalDays' | 'missingDays' | 'unavailable' | 'lastRefreshAt'> {
  const cache = new StatisticsCache(workspace.db)
  const { first, last } = fillableDays(now)
  const newest = cache.newestDays()
  const team = cache.teamSpan()
  const candidates = [newest.members, newest.owners, team.max].filter((day): day is number => day !== null)
  // -1: someone has no day yet.
  const upTo = candidates.length && !candidates.includes(-1) ? Math.min(...candidates) : undefined
  const subjects = cache.subjects()
  const unavailable: Unavailable[] = subjects
    .filter((subject) => subject.status !== 'ok' && !(subject.kind === 'owner' && subject.status === 'left'))
    .map((subject) => ({
      userid: subject.userid,
      name: subject.name || subject.userid,
      kind: subject.kind,
      reason: subject.status === 'left' ? 'left' : 'not_visible',
      ...(subject.errcode !== null ? { errcode: subject.errcode } : {}),
      message: UNAVAILABLE_TEXT[subject.status === 'left' ? 'left' : 'not_visible'][locale],
    }))
  let missing = new Set<number>()
  const teamDays = new Set(cache.teamDays(first, last))
  for (let day = first; day <= last; day++) if (!teamDays.has(day)) missing.add(day)
  if (exact && subjects.length > 0) {
    missing = new Set<number>()
    const add = (windows: Array<{ first: number; last: number }>) => {
      for (const window of windows) for (let day = window.first; day <= window.last; day++) missing.add(day)
    }
    add(planWindows(first, last, cache.teamSkipDays(first, last, now)))
    for (const kind of ['member', 'owner'] as const) {
      const ok = subjects.filter((subject) => subject.kind === kind && subject.status === 'ok').map((s) => s.userid)
      for (const windows of planSubjects(cache, kind, ok, first, last, now).values()) add(windows)
    }
  }
  const provisional = cache.provisionalDays(first, last).map(dayFromNumber)
  const lastRefreshAt = workspace.kv.get<number>(LAST_REFRESH_KEY)
  return {
    ...(upTo !== undefined ? { dataUpTo: dayFromNumber(upTo) } : {}),
    ...(team.min !== null ? { dataFrom: dayFromNumber(Math.max(team.min, first)) } : {}),
    provisionalDays: provisional,
    missingDays: [...missing].filter((day) => !provisional.includes(dayFromNumber(day))).length,
    unavailable,
    ...(lastRefreshAt !== undefined ? { lastRefreshAt } : {}),
  }
}
