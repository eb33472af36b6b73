import type { MomentContent, VisibleRange } from '../../../../../shared/moments-publish'
import { AppError, text } from '../../../errors'
import type { Workspace } from '../../../store/workspace'
import {
  describeWecomErrcode,
  WecomApiError,
  WecomOutcomeUnknownError,
  type AddMomentTaskRequest,
  type MomentAttachment as WecomMomentAttachment,
  type WecomClient,
} from '../../../wecom'
import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import { outcomeStillUnknown } from './errors'
import { PublishJournal, type JobNote, type PublishJob } from './journal'
import { uploadMomentAttachments } from './media'
import { findPublishedMoment, pollDelayMs, type PublishTiming } from './reconcile'

/**
 * The named points of one publish: after `in_flight` is committed and before the call, after the
 * answer and before it is journaled, after it is journaled, and after each result poll. Crash
 * tests stop the process there.
 */
export type PublishStep = 'before-call' | 'after-call' | 'after-write' | 'poll'

export interface PublishRunDeps {
  workspace: Workspace
  client: WecomClient
  timing: PublishTiming
  onStep?: (step: PublishStep, job: PublishJob) => void
  /** Called after every journal change of the job. */
  onChange: () => void
  /** True once the app is closing: the run stops at the next step and resumes at the next start. */
  stopping: () => boolean
}

/** A job that cannot go on for now (network, rate block, credentials): it stays unfinished and resumes later. */
export class PublishPaused extends Error {
  constructor(readonly reason: AppError) {
    super(reason.message, { cause: reason })
    this.name = 'PublishPaused'
  }
}

const PASSING_CODES = new Set(['wecom_network', 'wecom_rate_limited', 'wecom_credentials', 'not_connected'])
/** -1 system busy: ask again later. */
const PASSING_ERRCODES = new Set([-1])
/** Reconcile rounds in one run before an unknown outcome is left for a later run. */
const MAX_RECONCILES = 3

/** The error itself when it means "try again later" rather than a refusal; undefined otherwise. */
export function passingReason(error: unknown): AppError | undefined {
  if (!(error instanceof AppError)) return undefined
  const passing =
    PASSING_CODES.has(error.code) || (error.wecomErrcode !== undefined && PASSING_ERRCODES.has(error.wecomErrcode))
  return passing ? error : undefined
}

function failureNote(error: AppError): JobNote {
  return error.hint ? { text: error.text, hint: error.hint } : { text: error.text }
}

/** add_moment_task's body: the content with uploaded media, and the visible range when one was chosen. */
export function addMomentTaskBody(
  content: MomentContent,
  range: VisibleRange,
  attachments: WecomMomentAttachment[],
): AddMomentTaskRequest {
  const body: AddMomentTaskRequest = {}
  if (content.text !== '') body.text = { content: content.text }
  if (attachments.length > 0) body.attachments = attachments
  const senders = range.userids.length > 0 || range.departmentIds.length > 0
  if (senders || range.tagIds.length > 0) {
    body.visible_range = {}
    if (senders)
      body.visible_range.sender_list = {
        ...(range.userids.length > 0 ? { user_list: range.userids } : {}),
        ...(range.departmentIds.length > 0 ? { department_list: range.departmentIds } : {}),
      }
    if (range.tagIds.length > 0) body.visible_range.external_contact_list = { tag_list: range.tagIds }
  }
  return body
}

/**
 * Runs one publish job to its end, following the journal's protocol (see journal.ts). Returns
 * 'stopped' when the app is closing; throws `PublishPaused` when it must wait.
 */
export async function runPublishJob(jobId: string, deps: PublishRunDeps): Promise<'finished' | 'stopped'> {
  const journal = deps.workspace.repository(PublishJournal)
  const now = () => deps.timing.now()
  const changed = () => deps.onChange()
  let reconciles = 0
  for (;;) {
    if (deps.stopping()) return 'stopped'
    const job = journal.job(jobId)
    if (job === undefined) return 'finished'
    switch (job.state) {
      case 'in_flight':
      case 'unknown': {
        if (reconciles++ >= MAX_RECONCILES) throw new PublishPaused(outcomeStillUnknown())
        let momentId: string | undefined
        try {
          momentId = await findPublishedMoment(deps.client, journal, job, deps.timing)
        } catch (error) {
          const passing = passingReason(error)
          throw passing ? new PublishPaused(passing) : error
        }
        if (momentId !== undefined) journal.markDone(job.id, momentId, undefined, true, now())
        else journal.markPending(job.id, now())
        changed()
        break
      }
      case 'pending':
        await publish(job, journal, deps)
        break
      case 'created':
        await poll(job, journal, deps)
        break
      default:
        return 'finished'
    }
  }
}

async function publish(job: PublishJob, journal: PublishJournal, deps: PublishRunDeps): Promise<void> {
  const now = () => deps.timing.now()
  let attachments: WecomMomentAttachment[]
  try {
    attachments = await uploadMomentAttachments(job.content.attachments, {
      workspace: deps.workspace,
      client: deps.client,
      now,
    })
  } catch (error) {
    const passing = passingReason(error)
    if (passing) throw new PublishPaused(passing)
    if (!(error instanceof AppError)) throw error
    journal.markFailed(job.id, error.wecomErrcode, failureNote(error), now())
    return deps.onChange()
  }
  if (deps.stopping()) return
  journal.markInFlight(job.id, now())
  deps.onChange()
  deps.onStep?.('before-call', job)
  let jobid: string
  try {
    jobid = (await deps.client.moments.addMomentTask(addMomentTaskBody(job.content, job.range, attachments))).jobid
  } catch (error) {
    const busy = error instanceof WecomApiError && error.errcode === -1
    if (error instanceof WecomOutcomeUnknownError || busy || !(error instanceof AppError)) {
      journal.markUnknown(job.id, now())
    } else if (passingReason(error)) {
      journal.markPending(job.id, now())
      deps.onChange()
      throw new PublishPaused(error)
    } else {
      journal.markFailed(job.id, error.wecomErrcode, failureNote(error), now())
    }
    return deps.onChange()
  }
  deps.onStep?.('after-call', job)
  journal.markCreated(job.id, jobid, now())
  deps.onChange()
  deps.onStep?.('after-write', job)
}

/** One poll of get_moment_task_result, after waiting for its turn (the journaled `next_poll_at`). */
async function poll(job: PublishJob, journal: PublishJournal, deps: PublishRunDeps): Promise<void> {
  const { timing } = deps
  const jobid = job.jobid ?? ''
  // A jobid answers for 24 h; past that only WeCom's list can tell.
  if (timing.now() - (job.jobidAt ?? job.createdAt) >= WECOM_LIMITS.moment.jobidValidMs) {
    journal.markUnknown(job.id, timing.now())
    return deps.onChange()
  }
  const wait = (job.nextPollAt ?? 0) - timing.now()
  if (wait > 0) await timing.sleep(wait)
  if (deps.stopping()) return
  let answer
  try {
    answer = await deps.client.moments.getMomentTaskResult(jobid)
  } catch (error) {
    const passing = passingReason(error)
    if (passing) throw new PublishPaused(passing)
    // WeCom no longer knows the jobid: look the moment up in the list instead.
    if (error instanceof WecomApiError) {
      journal.markUnknown(job.id, timing.now())
      return deps.onChange()
    }
    throw error
  }
  const now = timing.now()
  if (answer.status === 3 && answer.result) {
    const { result } = answer
    if (result.errcode === 0 && result.moment_id) {
      journal.markDone(
        job.id,
        result.moment_id,
        {
          invalidUserids: result.invalid_sender_list?.user_list ?? [],
          invalidDepartmentIds: result.invalid_sender_list?.department_list ?? [],
          invalidTagIds: result.invalid_external_contact_list?.tag_list ?? [],
        },
        false,
        now,
      )
    } else {
      const described = describeWecomErrcode(result.errcode, result.errmsg ?? '')
      journal.markFailed(
        job.id,
        result.errcode,
        { text: described.text, ...(described.hint ? { hint: described.hint } : {}) },
        now,
      )
    }
  } else if (answer.status === 3) {
    journal.markFailed(
      job.id,
      undefined,
      { text: text('企业微信没有返回发表结果。', 'WeCom did not return the publish result.') },
      now,
    )
  } else {
    journal.markPolled(job.id, job.polls + 1, now + pollDelayMs(job.polls, timing), now)
  }
  deps.onChange()
  deps.onStep?.('poll', journal.job(job.id) ?? job)
}
