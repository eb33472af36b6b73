import type { JournalChunk, SendJob, SendJournalRepository } from '../../../store/repositories/send-journal'
import { WecomApiError, type GroupMsg, type WecomClient } from '../../../wecom'
import { listedMessageFingerprint } from './fingerprint'

const MINUTE_MS = 60_000
/** get_groupmsg_list_v2 accepts windows of at most one month. */
const LIST_WINDOW_MS = 30 * 24 * 60 * MINUTE_MS
/** "Still dispatching": task and result queries answer it for a moment after add_msg_template. */
const DISPATCHING_ERRCODE = 41063

/** Timing of reconciliation; the defaults live with the service options. */
export interface ReconcileTiming {
  /**
   * An attempt younger than this may still be on its way to WeCom, so its absence from the list
   * proves nothing yet: reconciliation waits until the attempt is this old (the client's request
   * timeout).
   */
  settleMs: number
  /** Pause between looks while WeCom answers 41063. */
  dispatchPollMs: number
  /** 41063 answers in a row after which reconciliation gives up for now (the job resumes later). */
  dispatchPolls: number
  now: () => number
  sleep: (ms: number) => Promise<void>
}

/**
 * Finds the message an `in_flight` or `unknown` chunk created, if its call was carried out: the
 * protocol's step 5 (see the send journal). Returns its msgid, or undefined when the call never
 * happened. Errors (network, 41063 for too long) propagate: nothing may be concluded then.
 */
export async function findChunkMessage(
  client: WecomClient,
  journal: SendJournalRepository,
  job: SendJob,
  chunk: JournalChunk,
  timing: ReconcileTiming,
): Promise<string | undefined> {
  const attemptAt = chunk.attemptStartedAt ?? job.createdAt
  const settleFor = attemptAt + timing.settleMs - timing.now()
  if (settleFor > 0) await timing.sleep(settleFor)

  for (const candidate of await candidates(client, journal, job, attemptAt, timing.now())) {
    if (await belongsToChunk(client, job, chunk, candidate.msgid, timing)) return candidate.msgid
  }
  return undefined
}

/** API-created corp messages with the job's content that no chunk has claimed, oldest first. */
async function candidates(
  client: WecomClient,
  journal: SendJournalRepository,
  job: SendJob,
  attemptAt: number,
  now: number,
): Promise<GroupMsg[]> {
  const found: GroupMsg[] = []
  const end = now + MINUTE_MS
  for (let start = attemptAt - 5 * MINUTE_MS; start < end; start += LIST_WINDOW_MS) {
    const list = client.massMessages.getGroupMsgListV2({
      chat_type: job.chatType,
      start_time: Math.floor(start / 1000),
      end_time: Math.ceil(Math.min(end, start + LIST_WINDOW_MS) / 1000),
      filter_type: 0,
      limit: 100,
    })
    for await (const message of list) {
      if (message.creator) continue
      if (listedMessageFingerprint(message) !== job.contentFingerprint) continue
      if (journal.isRecordedMsgid(message.msgid)) continue
      found.push(message)
    }
  }
  return found.sort((a, b) => Number(a.create_time) - Number(b.create_time))
}

/**
 * Whether a candidate message is this chunk's, told by its recipients. A job's chunks never share
 * a recipient, so one member's results decide: single, the first member with results must list
 * only the chunk's customers; group, the chunk's sender must have the task and list only the
 * chunk's groups (any of them when the chunk means all of the sender's groups).
 */
async function belongsToChunk(
  client: WecomClient,
  job: SendJob,
  chunk: JournalChunk,
  msgid: string,
  timing: ReconcileTiming,
): Promise<boolean> {
  const api = client.massMessages
  const tasks = await whileDispatching(() => api.getGroupMsgTask({ msgid, limit: 1000 }).all(), timing)
  const chunkRecipients = new Set(chunk.recipients)
  const resultsOf = async (userid: string) => {
    const results = await whileDispatching(
      () => api.getGroupMsgSendResult({ msgid, userid, limit: 1000 }).all(),
      timing,
    )
    return results.map((result) => (job.chatType === 'single' ? result.external_userid : result.chat_id) ?? '')
  }

  if (job.chatType === 'group') {
    if (!tasks.some((task) => task.userid === chunk.sender)) return false
    if (chunk.recipients.length === 0) return true
    const reached = await resultsOf(chunk.sender)
    return reached.length > 0 && reached.every((id) => chunkRecipients.has(id))
  }
  for (const task of tasks) {
    const reached = await resultsOf(task.userid)
    if (reached.length > 0) return reached.every((id) => chunkRecipients.has(id))
  }
  return false
}

/** Runs a task/result query, waiting and asking again while WeCom answers 41063. */
async function whileDispatching<T>(query: () => Promise<T>, timing: ReconcileTiming): Promise<T> {
  for (let poll = 1; ; poll++) {
    try {
      return await query()
    } catch (error) {
      const dispatching = error instanceof WecomApiError && error.errcode === DISPATCHING_ERRCODE
      if (!dispatching || poll >= timing.dispatchPolls) throw error
      await timing.sleep(timing.dispatchPollMs)
    }
  }
}
