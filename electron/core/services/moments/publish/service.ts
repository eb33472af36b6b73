import { JobLines } from '../../../job-lines'
import { randomUUID } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import {
  describeMomentIssues,
  momentContentSchema,
  momentKind,
  visibleRangeSchema,
  type PublishJobSummary,
} from '../../../../../shared/moments-publish'
import type { ConnectionStatus } from '../../../../../shared/profiles'
import type { Locale } from '../../../../../shared/result'
import { Alarm } from '../../../alarm'
import type { CoreContext } from '../../../context'
import type { Workspace } from '../../../store/workspace'
import { excerpt, MomentDraftRepository } from './drafts'
import {
  momentDraftNotFound,
  momentNotPublishable,
  pausedNote,
  publishJobNotFound,
  publishNotCancellable,
  scheduleInPast,
} from './errors'
import { contentFingerprint } from './fingerprint'
import { PublishJournal, type PublishJob } from './journal'
import { nameInvalid } from './range'
import type { PublishTiming } from './reconcile'
import { passingReason, PublishPaused, runPublishJob, type PublishStep } from './run'

/** Knobs of the publish service; the defaults suit the app, tests and benchmarks tighten the timing. */
export interface PublishServiceOptions {
  now?: () => number
  /** Test-only hook at each step (see `PublishStep`). */
  onStep?: (step: PublishStep, job: PublishJob) => void
  /** How old an attempt must be before its absence from get_moment_list proves it never happened. Default 60 s. */
  settleMs?: number
  /** First pause between result polls (doubling up to `pollMaxMs`). Default 1 s, at most 30 s. */
  pollBaseMs?: number
  pollMaxMs?: number
  /** Delay before a paused job (network, rate block, still unknown) is tried again. Default 60 s. */
  retryDelayMs?: number
}

/**
 * Publishing customer moments (add_moment_task) exactly once: freezing a draft into a journaled
 * job, running jobs one at a time per profile (upload, call, poll the result), recovering
 * unfinished jobs (at start, on reconnect, before a new publish, when the job list is read) and
 * scheduled publishing.
 */
export class PublishService {
  private readonly now: () => number
  private readonly timing: PublishTiming
  private readonly retryDelayMs: number
  private readonly lines = new JobLines((jobId, error) =>
    this.ctx.log.error('moments: publish job failed', { jobId, error }),
  )
  private readonly scheduler: Alarm
  private readonly retry: Alarm
  private readonly closing = new AbortController()

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: PublishServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now
    this.timing = {
      settleMs: options.settleMs ?? 60_000,
      pollBaseMs: options.pollBaseMs ?? 1000,
      pollMaxMs: options.pollMaxMs ?? 30_000,
      now: this.now,
      sleep: (ms) => delay(ms, undefined, { signal: this.closing.signal }),
    }
    this.retryDelayMs = options.retryDelayMs ?? 60_000
    this.scheduler = new Alarm(() => this.resume(), this.now)
    this.retry = new Alarm(() => this.resume(), this.now)
  }

  /** Recovers now if connected, again on every (re)connection; stops with the core. */
  start(): this {
    const unsubscribe = this.ctx.events.subscribe((channel, payload) => {
      if (channel === 'app:onStatus' && (payload as ConnectionStatus).state === 'connected') this.resume()
    })
    this.ctx.onClose(async () => {
      unsubscribe()
      await this.close()
    })
    if (this.ctx.connection.status().state === 'connected') this.resume()
    return this
  }

  /**
   * Checks the draft with the shared composer rules, freezes its content and visible range into a
   * journaled job, then runs it, or leaves it to the scheduler when `scheduledAt` is given.
   */
  publish(input: { draftId: string; scheduledAt?: number | undefined }): PublishJobSummary {
    const workspace = this.ctx.workspace()
    const now = this.now()
    if (input.scheduledAt !== undefined && input.scheduledAt <= now) throw scheduleInPast()
    this.resume()
    const draft = workspace.repository(MomentDraftRepository).get(input.draftId)
    if (draft === undefined) throw momentDraftNotFound(input.draftId)
    const content = momentContentSchema.safeParse(draft.content)
    if (!content.success) {
      const say = (locale: Locale) => describeMomentIssues(content.error.issues, locale).join(' ')
      throw momentNotPublishable({ 'zh-CN': say('zh-CN'), en: say('en') })
    }
    const job: PublishJob = {
      id: randomUUID(),
      draftId: draft.id,
      title: draft.title,
      content: content.data,
      range: visibleRangeSchema.parse(draft.range),
      fingerprint: contentFingerprint(content.data),
      state: input.scheduledAt === undefined ? 'pending' : 'scheduled',
      polls: 0,
      recovered: false,
      createdAt: now,
      updatedAt: now,
      ...(input.scheduledAt === undefined ? {} : { scheduledAt: input.scheduledAt }),
    }
    const journal = workspace.repository(PublishJournal)
    journal.create(job)
    this.emit(workspace, job.id)
    if (input.scheduledAt === undefined) this.enqueue(workspace, job.id)
    else this.scheduler.set(journal.nextScheduledAt())
    return this.summary(workspace, job.id)
  }

  /** Every publish of the active profile, newest first (resuming any unfinished one first). */
  jobs(): PublishJobSummary[] {
    this.resume()
    const workspace = this.ctx.workspace()
    return workspace
      .repository(PublishJournal)
      .jobs()
      .map((job) => this.describe(workspace, job))
  }

  /** Cancels a scheduled publish that has not started. */
  cancel(jobId: string): PublishJobSummary {
    const workspace = this.ctx.workspace()
    const journal = workspace.repository(PublishJournal)
    if (journal.job(jobId) === undefined) throw publishJobNotFound(jobId)
    if (!journal.leaveSchedule(jobId, 'cancelled', this.now())) throw publishNotCancellable()
    this.emit(workspace, jobId)
    this.scheduler.set(journal.nextScheduledAt())
    return this.summary(workspace, jobId)
  }

  /** Resolves once no job is running or queued (tests, benchmarks). */
  async idle(): Promise<void> {
    await this.lines.idle()
  }

  /** Queues every unfinished job (oldest first), starts due scheduled ones, sets the scheduler. Never throws. */
  resume(): void {
    if (this.closing.signal.aborted) return
    try {
      const workspace = this.ctx.workspace()
      const journal = workspace.repository(PublishJournal)
      for (const job of journal.unfinished()) this.enqueue(workspace, job.id)
      for (const job of journal.dueScheduled(this.now())) {
        if (!journal.leaveSchedule(job.id, 'pending', this.now())) continue
        this.emit(workspace, job.id)
        this.enqueue(workspace, job.id)
      }
      this.scheduler.set(journal.nextScheduledAt())
    } catch (error) {
      this.ctx.log.error('moments: resuming publish jobs failed', { error })
    }
  }

  private async close(): Promise<void> {
    this.closing.abort()
    this.scheduler.clear()
    this.retry.clear()
    await this.lines.drain()
  }

  private enqueue(workspace: Workspace, jobId: string): void {
    this.lines.enqueue(workspace.filePath, jobId, () => this.run(workspace, jobId))
  }

  private async run(workspace: Workspace, jobId: string): Promise<void> {
    if (this.closing.signal.aborted) return
    try {
      const client = await this.ctx.connection.client()
      if (this.ctx.workspace() !== workspace) return
      await runPublishJob(jobId, {
        workspace,
        client,
        timing: this.timing,
        onChange: () => this.emit(workspace, jobId),
        stopping: () => this.closing.signal.aborted,
        ...(this.options.onStep ? { onStep: this.options.onStep } : {}),
      })
    } catch (error) {
      if (this.closing.signal.aborted) return
      const reason = error instanceof PublishPaused ? error.reason : passingReason(error)
      if (reason === undefined) {
        this.ctx.log.error('moments: publish job stopped', { jobId, error })
        return
      }
      workspace.repository(PublishJournal).setNote(jobId, pausedNote(reason), this.now())
      this.emit(workspace, jobId)
      if (this.ctx.connection.status().state !== 'error') this.retry.set(this.now() + this.retryDelayMs)
    }
  }

  private summary(workspace: Workspace, jobId: string): PublishJobSummary {
    const job = workspace.repository(PublishJournal).job(jobId)
    if (job === undefined) throw publishJobNotFound(jobId)
    return this.describe(workspace, job)
  }

  private describe(workspace: Workspace, job: PublishJob): PublishJobSummary {
    const locale = this.ctx.locale()
    return {
      id: job.id,
      ...(job.draftId ? { draftId: job.draftId } : {}),
      title: job.title,
      excerpt: excerpt(job.content.text),
      kind: momentKind(job.content.attachments),
      attachmentCount: job.content.attachments.length,
      state: job.state,
      ...(job.scheduledAt === undefined ? {} : { scheduledAt: job.scheduledAt }),
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      ...(job.momentId ? { momentId: job.momentId } : {}),
      ...(job.result ? { invalid: nameInvalid(workspace, job.result) } : {}),
      recovered: job.recovered,
      ...(job.note ? { note: job.note.text[locale] } : {}),
      ...(job.note?.hint ? { hint: job.note.hint[locale] } : {}),
    }
  }

  private emit(workspace: Workspace, jobId: string): void {
    const job = workspace.repository(PublishJournal).job(jobId)
    if (job) this.ctx.events.emit('moments:onPublishUpdate', this.describe(workspace, job))
  }
}
