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

/** A duration in [minMs, maxMs) picked by a hash. */
function spread(hash: number, minMs: number, maxMs: number): number {
  return minMs + (hash % (maxMs - minMs))
}

/**
 * Delay before a member confirms an API-created mass message in their WeCom client: as members
 * answer a notification, most within minutes (60% within 2 min, 90% within 15 min), the rest
 * within 6 h. Every member sends in the end, so a send from the console completes on its own.
 */
export function massTaskDelayMs(seed: number, msgid: string, userid: string): number {
  const roll = hashParts(seed, msgid, userid)
  const bucket = roll % 100
  const within = Math.floor(roll / 100)
  if (bucket < 60) return spread(within, 10 * SECOND_MS, 2 * MINUTE_MS)
  if (bucket < 90) return spread(within, 2 * MINUTE_MS, 15 * MINUTE_MS)
  return spread(within, 15 * MINUTE_MS, 6 * HOUR_MS)
}

/** How long a member who has not sent takes to act on a remind (remind_groupmsg_send): 30 s to 5 min. */
function remindReactionMs(seed: number, msgid: string, userid: string, remindedAtMs: number): number {
  return spread(hashParts(seed, msgid, userid, 'remind', remindedAtMs), 30 * SECOND_MS, 5 * MINUTE_MS)
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

/**
 * When the member sends (or sent) their part of the mass message, whatever the time now: the
 * member's own delay, or sooner when reminded before it (members who never send ignore reminds
 * too); undefined when the member never sends or the message was stopped first.
 */
export function taskSendAtMs(seed: number, message: MassMessage, task: MassMessageTask, speed: number) {
  if (!Number.isFinite(task.sendDelayMs)) return undefined
  let at = message.createdAtMs + task.sendDelayMs / speed
  for (const remindedAt of message.reminderTimesMs) {
    if (remindedAt >= at) break
    at = Math.min(at, remindedAt + remindReactionMs(seed, message.msgid, task.userid, remindedAt) / speed)
  }
  return message.cancelledAtMs !== undefined && at > message.cancelledAtMs ? undefined : at
}

/** When the member sent their part of the mass message, or undefined (not yet, never, or stopped first). */
export function taskSentAtMs(seed: number, message: MassMessage, task: MassMessageTask, speed: number, nowMs: number) {
  const at = taskSendAtMs(seed, message, task, speed)
  return at !== undefined && at <= nowMs ? at : undefined
}

/**
 * Whether the customer has deleted the member (WeCom's 单向删除: the member still lists the
 * customer, but messages fail with "not a friend", send result status 2). About 2% of follow
 * relations, the same for every message, and only customers: groups have no friendship.
 */
export function deletedByCustomer(seed: number, chatType: 'single' | 'group', recipient: string, userid: string) {
  return chatType === 'single' && hashParts(seed, 'deleted-by-customer', recipient, userid) % 1000 < 20
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
