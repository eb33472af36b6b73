import type { SendJobState } from '../../../../../shared/massMessages'
import { AppError } from '../../../errors'
import {
  isUnfinished,
  SendJournalRepository,
  type JobNote,
  type JournalChunk,
  type SendJob,
} from '../../../store/repositories/send-journal'
import type { Workspace } from '../../../store/workspace'
import {
  describeWecomErrcode,
  WecomApiError,
  WecomOutcomeUnknownError,
  type AddMsgTemplateResponse,
  type MessageAttachment,
  type WecomClient,
} from '../../../wecom'
import { failureNote, outcomeStillUnknown, UNEXPLAINED_FAILURE } from './errors'
import { uploadAttachments } from './media-upload'
import { addMsgTemplateBody } from './message-body'
import { findChunkMessage, type ReconcileTiming } from './reconcile'

/**
 * The named points of one chunk's send: after `in_flight` is committed and before the call, after
 * the answer and before it is journaled, and after it is journaled. Crash tests stop the process there.
 */
export type SendStep = 'before-call' | 'after-call' | 'after-write'

/** What a job run needs: the profile's workspace and client, timing, and the hooks to report through. */
export interface SendRunDeps {
  workspace: Workspace
  client: WecomClient
  timing: ReconcileTiming
  /** Test-only hook, called at each `SendStep` of each chunk. */
  onStep?: (step: SendStep, chunkSeq: number) => void
  /** Called after every journal change of the job, to publish its summary. */
  onChange: () => void
  /** True once the app is closing: the run stops between chunks and the job resumes at the next start. */
  stopping: () => boolean
}

/** A job that cannot go on for now (network, rate block, credentials): it stays unfinished and resumes later. */
export class SendPaused extends Error {
  constructor(readonly reason: AppError) {
    super(reason.message, { cause: reason })
    this.name = 'SendPaused'
  }
}

/** Passes by itself or once the user fixes the connection; nothing was carried out. */
const PASSING_CODES = new Set(['wecom_network', 'wecom_rate_limited', 'wecom_credentials', 'not_connected'])
/** -1 system busy, 41063 still dispatching: ask again later. */
const PASSING_ERRCODES = new Set([-1, 41063])
/** Reconcile-and-resend rounds per run before unknown outcomes are left for a later run. */
const MAX_PASSES = 3

/** The error itself when it means "try again later" rather than a refusal; undefined otherwise. */
export function passingReason(error: unknown): AppError | undefined {
  if (!(error instanceof AppError)) return undefined
  const passing =
    PASSING_CODES.has(error.code) || (error.wecomErrcode !== undefined && PASSING_ERRCODES.has(error.wecomErrcode))
  return passing ? error : undefined
}

/**
 * Runs one send job to its end, following the send journal's protocol: reconcile `in_flight` and
 * `unknown` chunks, send `pending` ones, never touch a chunk with a msgid. Returns 'stopped' when
 * the app is closing; throws `SendPaused` when it must wait (the job stays unfinished).
 */
export async function runSendJob(jobId: string, deps: SendRunDeps): Promise<'finished' | 'stopped'> {
  const journal = deps.workspace.repository(SendJournalRepository)
  const job = journal.job(jobId)
  if (job === undefined || !isUnfinished(job.state)) return 'finished'
  return new SendJobRun(job, journal, deps).run()
}

class SendJobRun {
  private state: SendJobState
  /** Whether the job carries a note (a pause reason is cleared once it moves on). */
  private noted: boolean
  /** Why chunks failed in this run, for the job's final note. */
  private failure: JobNote | undefined
  private media: Promise<MessageAttachment[] | undefined> | undefined

  constructor(
    private readonly job: SendJob,
    private readonly journal: SendJournalRepository,
    private readonly deps: SendRunDeps,
  ) {
    this.state = job.state
    this.noted = job.note !== undefined
  }

  async run(): Promise<'finished' | 'stopped'> {
    for (let pass = 1; ; pass++) {
      for (const chunk of this.journal.chunks(this.job.id)) {
        if (this.deps.stopping()) return 'stopped'
        if (chunk.state === 'in_flight' || chunk.state === 'unknown') {
          if (await this.reconcile(chunk)) continue
        } else if (chunk.state !== 'pending') continue
        await this.send(chunk)
      }
      if (!this.journal.chunks(this.job.id).some((chunk) => chunk.state === 'unknown')) break
      if (pass >= MAX_PASSES) throw new SendPaused(outcomeStillUnknown())
    }
    this.finish()
    return 'finished'
  }

  private now(): number {
    return this.deps.timing.now()
  }

  private enter(state: SendJobState, note?: JobNote): void {
    if (state === this.state && note === undefined && !this.noted) return
    this.state = state
    this.noted = note !== undefined
    this.journal.setJobState(this.job.id, state, note, this.now())
    this.deps.onChange()
  }

  /** True when the chunk's message was found (now `sent`); false when its call never happened. */
  private async reconcile(chunk: JournalChunk): Promise<boolean> {
    this.enter('reconciling')
    let msgid: string | undefined
    try {
      msgid = await findChunkMessage(this.deps.client, this.journal, this.job, chunk, this.deps.timing)
    } catch (error) {
      const passing = passingReason(error)
      throw passing ? new SendPaused(passing) : error
    }
    if (msgid === undefined) return false
    this.journal.markSent(this.job.id, chunk.seq, msgid, undefined, this.now())
    this.deps.onChange()
    return true
  }

  private async send(chunk: JournalChunk): Promise<void> {
    const { journal, job, deps } = this
    const attachments = await this.attachments()
    if (attachments === undefined) {
      journal.markFailed(job.id, chunk.seq, undefined, this.now())
      return deps.onChange()
    }
    this.enter('sending')
    journal.markInFlight(job.id, chunk.seq, this.now())
    deps.onChange()
    deps.onStep?.('before-call', chunk.seq)
    let answer: AddMsgTemplateResponse
    try {
      answer = await deps.client.massMessages.addMsgTemplate(
        addMsgTemplateBody(job.chatType, chunk, job.content, attachments),
      )
    } catch (error) {
      return this.recordCallError(chunk, error)
    }
    deps.onStep?.('after-call', chunk.seq)
    journal.markSent(job.id, chunk.seq, answer.msgid, answer.fail_list ?? [], this.now())
    deps.onChange()
    deps.onStep?.('after-write', chunk.seq)
  }

  /** Step 3 of the protocol for a call without an answer to record. */
  private recordCallError(chunk: JournalChunk, error: unknown): void {
    const { journal, job } = this
    const busy = error instanceof WecomApiError && error.errcode === -1
    if (error instanceof WecomOutcomeUnknownError || busy || !(error instanceof AppError)) {
      journal.markUnknown(job.id, chunk.seq, this.now())
    } else if (passingReason(error)) {
      journal.markPending(job.id, chunk.seq, this.now())
      this.deps.onChange()
      throw new SendPaused(error)
    } else {
      journal.markFailed(job.id, chunk.seq, error.wecomErrcode, this.now())
      this.failure ??= failureNote(error)
    }
    this.deps.onChange()
  }

  /** The attachments with fresh media_ids, uploaded once per run; undefined when the media cannot be sent. */
  private attachments(): Promise<MessageAttachment[] | undefined> {
    this.media ??= uploadAttachments(this.job.content.attachments, {
      workspace: this.deps.workspace,
      client: this.deps.client,
      now: () => this.now(),
    }).catch((error: unknown) => {
      const passing = passingReason(error)
      if (passing) throw new SendPaused(passing)
      if (!(error instanceof AppError)) throw error
      this.failure ??= failureNote(error)
      return undefined
    })
    return this.media
  }

  /** done when every chunk was sent, failed when none was, partial otherwise. */
  private finish(): void {
    const chunks = this.journal.chunks(this.job.id)
    const failed = chunks.filter((chunk) => chunk.state === 'failed')
    if (failed.length === 0) return this.enter('done')
    const errcode = failed.find((chunk) => chunk.errcode !== undefined)?.errcode
    const described = errcode === undefined ? undefined : describeWecomErrcode(errcode)
    const note = this.failure ?? (described ? { text: described.text, hint: described.hint } : UNEXPLAINED_FAILURE)
    this.enter(failed.length === chunks.length ? 'failed' : 'partial', note)
  }
}
