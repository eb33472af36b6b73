import { HOUR_MS, MINUTE_MS, SECOND_MS } from './clock'
import type { MassMessage, MassMessageTask, Moment, MomentJob, MomentTask } from './model'
import { hashParts } from './random'

/**
 * How tasks move over sandbox time. Every delay is divided by the sandbox's task speed, and every
 * outcome derives from a hash, so progress is deterministic and nothing has to tick in the background.
 */

/** After add_msg_template, task and result queries answer 41063 for this long. */
const DISPATCH_MS = SECOND_MS
/** add_moment_task jobs are "started" for 1 s, "in progress" until 3 s, then complete. */
const JOB_STARTED_MS = SECOND_MS
const JOB_DONE_MS = 3 * SECOND_MS

/** Delay before a member sends an API-created mass message: 2 min to 6 h. */
export function massTaskDelayMs(seed: number, msgid: string, userid: string): number {
  return 2 * MINUTE_MS + (hashParts(seed, msgid, userid) % (6 * HOUR_MS - 2 * MINUTE_MS))
}

/** Delay before a member publishes an API-created moment: 10 min to 24 h. */
export function momentTaskDelayMs(seed: number, momentId: string, userid: string): number {
  return 10 * MINUTE_MS + (hashParts(seed, momentId, userid) % (24 * HOUR_MS - 10 * MINUTE_MS))
}

/** When a delayed action happened, or undefined if it has not (yet, or ever, or it was cancelled first). */
function doneAtMs(startMs: number, delayMs: number, speed: number, nowMs: number, cancelledAtMs: number | undefined) {
  if (!Number.isFinite(delayMs)) return undefined
  const at = startMs + delayMs / speed
  if (at > nowMs || (cancelledAtMs !== undefined && at > cancelledAtMs)) return undefined
  return at
}

/** True right after add_msg_template, while task queries answer 41063. */
export function isDispatching(message: MassMessage, speed: number, nowMs: number): boolean {
  return nowMs < message.createdAtMs + DISPATCH_MS / speed
}

/** When the member sent their part of the mass message, or undefined. */
export function taskSentAtMs(message: MassMessage, task: MassMessageTask, speed: number, nowMs: number) {
  return doneAtMs(message.createdAtMs, task.sendDelayMs, speed, nowMs, message.cancelledAtMs)
}

/**
 * A recipient's send status: 0 until the member sends; then 1, except ~2% not friends (2,
 * single chats only) and ~3% over the receive cap (3).
 */
export function recipientStatus(seed: number, message: MassMessage, recipient: string, sent: boolean): 0 | 1 | 2 | 3 {
  if (!sent) return 0
  const roll = hashParts(seed, message.msgid, recipient) % 1000
  if (roll < 20 && message.chatType === 'single') return 2
  if (roll >= 20 && roll < 50) return 3
  return 1
}

/** When the member published the moment, or undefined. */
export function momentPublishedAtMs(moment: Moment, task: MomentTask, speed: number, nowMs: number) {
  return doneAtMs(moment.createdAtMs, task.publishDelayMs, speed, nowMs, moment.cancelledAtMs)
}

/** 1 started, 2 in progress, 3 completed. */
export function momentJobStatus(job: MomentJob, speed: number, nowMs: number): 1 | 2 | 3 {
  const elapsed = (nowMs - job.createdAtMs) * speed
  if (elapsed < JOB_STARTED_MS) return 1
  return elapsed < JOB_DONE_MS ? 2 : 3
}

/** When a new moment's job completes, i.e. from when get_moment_list shows it. */
export function momentListedFromMs(createdAtMs: number, speed: number): number {
  return createdAtMs + JOB_DONE_MS / speed
}
