import { JobLines } from '../../../job-lines'
import { randomUUID } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import {
  massMessageContentSchema,
  type ReceiveCapRule,
  type SendJobSummary,
  type SendPreview,
  type SendTestInput,
} from '../../../../../shared/massMessages'
import { describeIssues } from '../../../../../shared/validation'
import type { ConnectionStatus } from '../../../../../shared/profiles'
import type { CoreContext } from '../../../context'
import { DraftRepository } from '../../../store/repositories/drafts'
import { emptyTally, SendJournalRepository, type SendJob } from '../../../store/repositories/send-journal'
import type { Workspace } from '../../../store/workspace'
import { draftNotFound } from '../drafts/errors'
import { Alarm } from '../../../alarm'
import { StatementCache } from '../../../store/repositories/statement-cache'
import {
  draftNotSendable,
  interruptedNote,
  jobNotCancellable,
  jobNotFound,
  repeatNotConfirmed,
  scheduleInPast,
  testRecipientInvalid,
} from './errors'
import { DraftSends } from './draft-sends'
import { contentFingerprint } from './fingerprint'
import { jobSummary } from './job-summary'
import { sendPreview } from './preview'
import { receiveCapRule, setReceiveCapRule } from './receive-cap'
import type { ReconcileTiming } from './reconcile'
import { passingReason, runSendJob, SendPaused, type SendStep } from './send-run'
import { planSend } from './send-plan'
import { TestSends } from './test-sends'

/** Knobs of the campaign service; the defaults suit the app, tests and benchmarks tighten the timing. */
export interface CampaignServiceOptions {
  now?: () => number
  /** Test-only hook at each step of each chunk's send (see `SendStep`). */
  onStep?: (step: SendStep, chunkSeq: number) => void
  /** How old an attempt must be before its absence from WeCom's list proves it never happened. Default 15 s (the client's request timeout). */
  reconcileSettleMs?: number
  /** Pause between looks while WeCom answers 41063 (still dispatching). Default 1 s. */
  dispatchPollMs?: number
  /** 41063 answers in a row before reconciliation waits for a later run. Default 60. */
  dispatchPolls?: number
  /** Delay before a paused job (network, rate block, still unknown) is tried again. Default 60 s. */
  retryDelayMs?: number
}

/**
 * Mass messages (企业群发), sent exactly once: preview, freezing a draft into a journaled job,
 * running jobs one at a time per profile, recovering unfinished jobs (at start, on reconnect,
 * before a new send, when the job list is read), scheduled sends, and the receive-cap setting.
 */
export class CampaignService {
  private readonly now: () => number
  private readonly timing: ReconcileTiming
  private readonly retryDelayMs: number
  private readonly lines = new JobLines((jobId, error) =>
    this.ctx.log.error('campaigns: send job failed', { jobId, error }),
  )
  private readonly scheduler: Alarm
  private readonly retry: Alarm
  private readonly closing = new AbortController()

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: CampaignServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now
    this.timing = {
      settleMs: options.reconcileSettleMs ?? 15_000,
      dispatchPollMs: options.dispatchPollMs ?? 1000,
      dispatchPolls: options.dispatchPolls ?? 60,
      now: this.now,
      sleep: (ms) => delay(ms, undefined, { signal: this.closing.signal }),
    }
    this.retryDelayMs = options.retryDelayMs ?? 60_000
    this.scheduler = new Alarm(() => this.resume(), this.now)
    this.retry = new Alarm(() => this.resume(), this.now)
  }

  /** Recovers and schedules now if connected, again on every (re)connection; stops with the core. */
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

  preview(draftId: string): SendPreview {
    const workspace = this.ctx.workspace()
    return sendPreview(workspace, this.draft(workspace, draftId), this.ctx.locale(), this.now())
  }

  /**
   * Freezes the draft's content and recipient plan into a journaled job (one transaction), then
   * runs it, or leaves it to the scheduler when `scheduledAt` is given. Unfinished jobs go first.
   */
  send(input: {
    draftId: string
    scheduledAt?: number | undefined
    confirmRepeat?: boolean | undefined
  }): SendJobSummary {
    const workspace = this.ctx.workspace()
    const now = this.now()
    if (input.scheduledAt !== undefined && input.scheduledAt <= now) throw scheduleInPast()
    this.resume()
    const draft = this.draft(workspace, input.draftId)
    const plan = planSend(workspace, draft)
    if (plan.sendable === undefined || plan.problems.en.length > 0) throw draftNotSendable(plan.problems)
    const fingerprint = contentFingerprint(plan.sendable.content)
    // The core refuses a repeat itself (not only the dialog's question): another window, a retried
    // call or a script must say the user confirmed it.
    if (input.confirmRepeat !== true) {
      const earlier = workspace.repository(DraftSends).sameContent(fingerprint, now)
      if (earlier) throw repeatNotConfirmed(earlier)
    }
    const job: SendJob = {
      id: randomUUID(),
      draftId: draft.id,
      title: draft.title,
      chatType: draft.chatType,
      content: plan.sendable.content,
      contentFingerprint: fingerprint,
      state: input.scheduledAt === undefined ? 'preparing' : 'scheduled',
      recipientCount: plan.recipients.recipientIds.length,
      createdAt: now,
      updatedAt: now,
      ...(input.scheduledAt === undefined ? {} : { scheduledAt: input.scheduledAt }),
    }
    this.journal(workspace).createJob(job, plan.recipients.chunks)
    this.emit(workspace, job.id)
    if (input.scheduledAt === undefined) this.enqueue(workspace, job.id)
    else this.scheduler.set(this.journal(workspace).nextScheduledAt())
    return this.summary(workspace, job.id)
  }

  /**
   * "Send to myself first": the draft's content, now, to one customer (a customer draft) or one
   * group (a group draft) of `sender`, as one add_msg_template naming that member. It is an ordinary
   * journaled job (exactly once, resumable), marked as a test in the same transaction, so it never
   * makes the draft sent and never counts as an earlier send of the same content.
   */
  sendTest(input: SendTestInput): SendJobSummary {
    const workspace = this.ctx.workspace()
    const now = this.now()
    this.resume()
    const draft = this.draft(workspace, input.draftId)
    const content = massMessageContentSchema.safeParse(draft.content)
    if (!content.success) {
      const issues = content.error.issues
      throw draftNotSendable({ 'zh-CN': describeIssues(issues, 'zh-CN'), en: describeIssues(issues, 'en') })
    }
    const recipient = this.testRecipient(workspace, draft.chatType, input)
    const job: SendJob = {
      id: randomUUID(),
      draftId: draft.id,
      title: draft.title,
      chatType: draft.chatType,
      content: content.data,
      contentFingerprint: contentFingerprint(content.data),
      state: 'preparing',
      recipientCount: 1,
      createdAt: now,
      updatedAt: now,
    }
    workspace.transaction(() => {
      this.journal(workspace).createJob(job, [
        { seq: 0, sender: input.sender, recipients: [recipient], recipientCount: 1 },
      ])
      workspace.repository(TestSends).mark(job.id)
    })
    this.emit(workspace, job.id)
    this.enqueue(workspace, job.id)
    return this.summary(workspace, job.id)
  }

  /** The test's one recipient, checked over the cache: a live customer of `sender`, or a live group `sender` owns. */
  private testRecipient(workspace: Workspace, chatType: 'single' | 'group', input: SendTestInput): string {
    const sql = workspace.repository(StatementCache)
    if (chatType === 'single') {
      const id = input.externalUserid
      const followed =
        id !== undefined &&
        sql
          .get(
            `SELECT 1 FROM follows f JOIN customers c ON c.external_userid = f.external_userid
             WHERE f.external_userid = ? AND f.userid = ? AND f.gone_at IS NULL AND c.gone_at IS NULL`,
          )
          .get(id, input.sender) !== undefined
      if (!followed) throw testRecipientInvalid('customer')
      return id
    }
    const id = input.chatId
    const owned =
      id !== undefined &&
      sql.get('SELECT 1 FROM group_chats WHERE chat_id = ? AND owner = ? AND gone_at IS NULL').get(id, input.sender) !==
        undefined
    if (!owned) throw testRecipientInvalid('group')
    return id
  }

  /** Every job of the active profile, newest first (resuming any unfinished one first). */
  jobs(): SendJobSummary[] {
    this.resume()
    const journal = this.journal(this.ctx.workspace())
    const tallies = journal.tallies()
    const tests = this.ctx.workspace().repository(TestSends).all()
    const locale = this.ctx.locale()
    return journal.jobs().map((job) => jobSummary(job, tallies.get(job.id) ?? emptyTally(), locale, tests.has(job.id)))
  }

  /** Cancels a scheduled send that has not started; anything else is refused. */
  cancelJob(jobId: string): SendJobSummary {
    const workspace = this.ctx.workspace()
    const journal = this.journal(workspace)
    if (journal.job(jobId) === undefined) throw jobNotFound(jobId)
    if (!journal.leaveSchedule(jobId, 'cancelled', this.now())) throw jobNotCancellable(jobId)
    this.emit(workspace, jobId)
    this.scheduler.set(journal.nextScheduledAt())
    return this.summary(workspace, jobId)
  }

  settings(): { receiveCap: ReceiveCapRule } {
    return { receiveCap: receiveCapRule(this.ctx.workspace()) }
  }

  setSettings(receiveCap: ReceiveCapRule): { receiveCap: ReceiveCapRule } {
    setReceiveCapRule(this.ctx.workspace(), receiveCap)
    return this.settings()
  }

  /** Resolves once no job is running or queued (tests, benchmarks). */
  async idle(): Promise<void> {
    await this.lines.idle()
  }

  /**
   * Recovery: queues every unfinished job of the active profile (oldest first), starts scheduled
   * jobs that are due, and sets the scheduler for the next one. Never throws (it runs from timers).
   */
  resume(): void {
    if (this.closing.signal.aborted) return
    try {
      const workspace = this.ctx.workspace()
      const journal = this.journal(workspace)
      for (const job of journal.unfinishedJobs()) this.enqueue(workspace, job.id)
      for (const job of journal.dueScheduledJobs(this.now())) {
        if (!journal.leaveSchedule(job.id, 'preparing', this.now())) continue
        this.emit(workspace, job.id)
        this.enqueue(workspace, job.id)
      }
      this.scheduler.set(journal.nextScheduledAt())
    } catch (error) {
      this.ctx.log.error('campaigns: resuming send jobs failed', { error })
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

  /** Runs one job with the profile's client; a pause leaves it unfinished with a note and retries later. */
  private async run(workspace: Workspace, jobId: string): Promise<void> {
    if (this.closing.signal.aborted) return
    try {
      const client = await this.ctx.connection.client()
      // Another profile became active: the job resumes when its own profile is active again.
      if (this.ctx.workspace() !== workspace) return
      await runSendJob(jobId, {
        workspace,
        client,
        timing: this.timing,
        onChange: () => this.emit(workspace, jobId),
        stopping: () => this.closing.signal.aborted,
        ...(this.options.onStep ? { onStep: this.options.onStep } : {}),
      })
    } catch (error) {
      if (this.closing.signal.aborted) return
      const reason = error instanceof SendPaused ? error.reason : passingReason(error)
      if (reason === undefined) {
        this.ctx.log.error('campaigns: send job stopped', { jobId, error })
        return
      }
      const journal = this.journal(workspace)
      const job = journal.job(jobId)
      if (job) journal.setJobState(jobId, job.state, interruptedNote(reason), this.now())
      this.emit(workspace, jobId)
      // Wrong credentials or settings: retrying would only repeat the failing gettoken (WeCom may
      // ban the IP); the job resumes when the user reconnects. Anything else may pass by itself.
      if (this.ctx.connection.status().state !== 'error') this.retry.set(this.now() + this.retryDelayMs)
    }
  }

  private journal(workspace: Workspace): SendJournalRepository {
    return workspace.repository(SendJournalRepository)
  }

  private draft(workspace: Workspace, draftId: string) {
    const draft = workspace.repository(DraftRepository).get(draftId)
    if (draft === undefined) throw draftNotFound(draftId)
    return draft
  }

  private summary(workspace: Workspace, jobId: string): SendJobSummary {
    const journal = this.journal(workspace)
    const job = journal.job(jobId)
    if (job === undefined) throw jobNotFound(jobId)
    return jobSummary(job, journal.tally(jobId), this.ctx.locale(), workspace.repository(TestSends).isTest(jobId))
  }

  private emit(workspace: Workspace, jobId: string): void {
    const journal = this.journal(workspace)
    const job = journal.job(jobId)
    if (job) {
      const test = workspace.repository(TestSends).isTest(jobId)
      this.ctx.events.emit('massMessages:onJobUpdate', jobSummary(job, journal.tally(jobId), this.ctx.locale(), test))
    }
  }
}
