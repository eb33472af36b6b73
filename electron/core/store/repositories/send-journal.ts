/**
 * The send journal (schema: migration 3, tables `send_jobs` and `send_chunks`): what makes a mass
 * message go out exactly once, whatever moment the app is killed at.
 *
 * Protocol
 * 1. Freeze. `createJob` writes the job (content as validated, its `content_fingerprint`, the
 *    recipient count) and every recipient chunk (one add_msg_template call each) in ONE
 *    transaction, all chunks `pending`. Nothing is sent before this commit; after it, nothing of
 *    the plan can be lost.
 * 2. Before the call: `markInFlight` commits `in_flight` + `attempt_started_at`.
 * 3. The call. The answer → `markSent` (msgid, fail_list). A refusal WeCom answered with an
 *    errcode → `markFailed` (errcode). Proof that the request never reached WeCom (refused
 *    connection, stale token, rate block) → `markPending`. No usable answer → `markUnknown`.
 * 4. A chunk with a msgid is never sent again (`send_chunks_msgid` keeps msgids unique).
 * 5. Reconcile before any retry. An `in_flight` chunk (the app stopped around the call) or an
 *    `unknown` one is looked up in WeCom before anything is resent: get_groupmsg_list_v2 of the
 *    chunk's chat type over [attempt_started_at − 5 min, now + 1 min], filter_type 0 (corp); keep
 *    messages without a creator (API-created) whose content fingerprint equals the job's and
 *    whose msgid no chunk of any job has recorded (`isRecordedMsgid`); then tell the chunk's own
 *    message by its recipients (single: get_groupmsg_task → a member → get_groupmsg_send_result,
 *    every listed customer is one of the chunk's; group: the chunk's sender has the task and the
 *    listed groups are the chunk's). Found → `markSent` with that msgid. Not found → the call
 *    never happened: back to step 2. WeCom answering 41063 (still dispatching) means wait and
 *    look again, never "not found".
 * 6. A job ends `done` (every chunk sent), `partial` (some failed) or `failed` (all failed); a
 *    job that is not finished is resumed at the next start, before the next send, and on reconnect.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { Attachment, ChatType, SendJobState } from '../../../../shared/massMessages'
import type { LocalizedText } from '../../../../shared/result'
import { JSON_LIST, jsonList } from '../json-list'
import { runInTransaction } from '../transaction'
import { StatementCache } from './statement-cache'

/** Where one recipient chunk is in the protocol above. */
export type ChunkState = 'pending' | 'in_flight' | 'sent' | 'unknown' | 'failed'

/** The message as validated and frozen at send time (local media, uploaded when the chunk goes out). */
export interface FrozenContent {
  text: string
  attachments: Attachment[]
}

/** One add_msg_template call's worth of recipients. */
export interface RecipientChunk {
  /** 0, 1, 2, … in sending order. */
  seq: number
  /** The sending member (group messages); '' for customers, whom WeCom routes to their own member. */
  sender: string
  /** external_userids (single) or chat ids (group); empty means "all of the sender's groups". */
  recipients: string[]
  /** How many customers or groups the chunk reaches (for "all of the sender's groups": as cached). */
  recipientCount: number
}

/** A recipient chunk as journaled. */
export interface JournalChunk extends RecipientChunk {
  jobId: string
  state: ChunkState
  /** When the last attempt was journaled as in flight, ms. */
  attemptStartedAt?: number
  msgid?: string
  failList?: string[]
  errcode?: number
  updatedAt: number
}

/** Why a job failed, stopped, or finished partly: kept in every UI language. */
export interface JobNote {
  text: LocalizedText
  hint?: LocalizedText
}

/** A send job as journaled. */
export interface SendJob {
  id: string
  draftId?: string
  title: string
  chatType: ChatType
  content: FrozenContent
  contentFingerprint: string
  state: SendJobState
  scheduledAt?: number
  recipientCount: number
  note?: JobNote
  createdAt: number
  updatedAt: number
}

/** Chunk tallies of a job, for its summary. */
export interface ChunkTally {
  total: number
  sent: number
  pending: number
  unknown: number
  failed: number
  msgids: string[]
}

/** A sent chunk inside a receive-cap period. */
export interface SentChunk {
  sender: string
  recipients: string[]
  failList: string[]
  msgid: string
}

/** A message this console created: the job (draft title) it came from and when its call was made. */
export interface SentMessage {
  msgid: string
  jobId: string
  title: string
  chatType: ChatType
  /** When the chunk's add_msg_template call started, ms (the job's creation when unknown). */
  sentAt: number
}

/** Jobs the runner still has to finish (scheduled ones wait for their time). */
const UNFINISHED: readonly SendJobState[] = ['preparing', 'sending', 'reconciling']

/** Whether a job in this state has started and not finished: the runner resumes it. */
export function isUnfinished(state: SendJobState): boolean {
  return UNFINISHED.includes(state)
}

interface JobRow {
  id: string
  draft_id: string | null
  title: string
  chat_type: ChatType
  content: string
  content_fingerprint: string
  state: SendJobState
  scheduled_at: number | null
  recipient_count: number
  error: string | null
  created_at: number
  updated_at: number
}

interface ChunkRow {
  job_id: string
  seq: number
  sender: string
  recipients: string
  recipient_count: number
  state: ChunkState
  attempt_started_at: number | null
  msgid: string | null
  fail_list: string | null
  errcode: number | null
  updated_at: number
}

/** The journal's reads and writes; each write is one statement, committed on its own. */
export class SendJournalRepository {
  private readonly statements: StatementCache

  constructor(private readonly db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  /** Step 1: the job and all its chunks (`pending`), in one transaction. */
  createJob(job: SendJob, chunks: readonly RecipientChunk[]): void {
    runInTransaction(this.db, () => {
      this.statements
        .get(
          `INSERT INTO send_jobs (id, draft_id, title, chat_type, content, content_fingerprint, state, scheduled_at,
             recipient_count, error, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
        )
        .run(
          job.id,
          job.draftId ?? null,
          job.title,
          job.chatType,
          JSON.stringify(job.content),
          job.contentFingerprint,
          job.state,
          job.scheduledAt ?? null,
          job.recipientCount,
          job.createdAt,
          job.updatedAt,
        )
      const insertChunk = this.statements.get(
        `INSERT INTO send_chunks (job_id, seq, sender, recipients, recipient_count, state, updated_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      )
      for (const chunk of chunks) {
        insertChunk.run(
          job.id,
          chunk.seq,
          chunk.sender,
          JSON.stringify(chunk.recipients),
          chunk.recipientCount,
          job.createdAt,
        )
      }
    })
  }

  job(id: string): SendJob | undefined {
    const row = this.statements.get('SELECT * FROM send_jobs WHERE id = ?').get(id) as JobRow | undefined
    return row === undefined ? undefined : toJob(row)
  }

  /** Every job, newest first. */
  jobs(): SendJob[] {
    const rows = this.statements
      .get('SELECT * FROM send_jobs ORDER BY created_at DESC, rowid DESC')
      .all() as unknown as JobRow[]
    return rows.map(toJob)
  }

  /** Jobs started but not finished, oldest first (the order they are resumed in). */
  unfinishedJobs(): SendJob[] {
    const rows = this.statements
      .get(
        `SELECT * FROM send_jobs WHERE state IN (${UNFINISHED.map(() => '?').join(', ')}) ORDER BY created_at, rowid`,
      )
      .all(...UNFINISHED) as unknown as JobRow[]
    return rows.map(toJob)
  }

  /** The earliest time a scheduled job is due, if any. */
  nextScheduledAt(): number | undefined {
    const row = this.statements
      .get(`SELECT min(scheduled_at) AS at FROM send_jobs WHERE state = 'scheduled'`)
      .get() as { at: number | null }
    return row.at ?? undefined
  }

  /** Scheduled jobs due at `now`, earliest first. */
  dueScheduledJobs(now: number): SendJob[] {
    const rows = this.statements
      .get(`SELECT * FROM send_jobs WHERE state = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at, id`)
      .all(now) as unknown as JobRow[]
    return rows.map(toJob)
  }

  /**
   * Moves a job out of `scheduled` (to `preparing` when it starts, `cancelled` when cancelled) only
   * if it is still scheduled, so a cancel and the scheduler can never both win.
   */
  leaveSchedule(id: string, state: 'preparing' | 'cancelled', now: number): boolean {
    const result = this.statements
      .get(`UPDATE send_jobs SET state = ?, updated_at = ? WHERE id = ? AND state = 'scheduled'`)
      .run(state, now, id)
    return Number(result.changes) > 0
  }

  /** Sets the job's state and its note (`undefined` clears it). */
  setJobState(id: string, state: SendJobState, note: JobNote | undefined, now: number): void {
    this.statements
      .get('UPDATE send_jobs SET state = ?, error = ?, updated_at = ? WHERE id = ?')
      .run(state, note === undefined ? null : JSON.stringify(note), now, id)
  }

  chunks(jobId: string): JournalChunk[] {
    const rows = this.statements
      .get('SELECT * FROM send_chunks WHERE job_id = ? ORDER BY seq')
      .all(jobId) as unknown as ChunkRow[]
    return rows.map(toChunk)
  }

  /** Tallies and msgids of a job's chunks (`in_flight` counts as pending). */
  tally(jobId: string): ChunkTally {
    const rows = this.statements
      .get('SELECT job_id, state, msgid FROM send_chunks WHERE job_id = ? ORDER BY seq')
      .all(jobId) as unknown as TallyRow[]
    return tallyByJob(rows).get(jobId) ?? emptyTally()
  }

  /** `tally` of every job, by job id, in one read (the job list). */
  tallies(): Map<string, ChunkTally> {
    const rows = this.statements
      .get('SELECT job_id, state, msgid FROM send_chunks ORDER BY job_id, seq')
      .all() as unknown as TallyRow[]
    return tallyByJob(rows)
  }

  /** Step 2: committed before the call. */
  markInFlight(jobId: string, seq: number, now: number): void {
    this.statements
      .get(
        `UPDATE send_chunks SET state = 'in_flight', attempt_started_at = ?, errcode = NULL, updated_at = ?
         WHERE job_id = ? AND seq = ? AND msgid IS NULL`,
      )
      .run(now, now, jobId, seq)
  }

  /** The chunk's message exists in WeCom (answered, or found by reconciliation). */
  markSent(jobId: string, seq: number, msgid: string, failList: readonly string[] | undefined, now: number): void {
    this.statements
      .get(
        `UPDATE send_chunks SET state = 'sent', msgid = ?, fail_list = ?, errcode = NULL, updated_at = ?
         WHERE job_id = ? AND seq = ? AND msgid IS NULL`,
      )
      .run(msgid, failList === undefined ? null : JSON.stringify(failList), now, jobId, seq)
  }

  /** The request may or may not have been carried out: reconcile before any retry. */
  markUnknown(jobId: string, seq: number, now: number): void {
    this.setChunkState(jobId, seq, 'unknown', null, now)
  }

  /** WeCom refused the call with an errcode: nothing was created. */
  markFailed(jobId: string, seq: number, errcode: number | undefined, now: number): void {
    this.setChunkState(jobId, seq, 'failed', errcode ?? null, now)
  }

  /** The request provably never reached WeCom: the chunk can simply be sent later. */
  markPending(jobId: string, seq: number, now: number): void {
    this.setChunkState(jobId, seq, 'pending', null, now)
  }

  /** Whether some chunk (of any job) already owns this msgid. */
  isRecordedMsgid(msgid: string): boolean {
    return this.statements.get('SELECT 1 FROM send_chunks WHERE msgid = ?').get(msgid) !== undefined
  }

  /** Chunks of one chat type whose message was created in [from, to), for the receive-cap estimate. */
  sentChunksBetween(chatType: ChatType, from: number, to: number): SentChunk[] {
    const rows = this.statements
      .get(
        `SELECT c.sender, c.recipients, c.fail_list AS failList, c.msgid
         FROM send_chunks c JOIN send_jobs j ON j.id = c.job_id
         WHERE c.state = 'sent' AND c.attempt_started_at >= ? AND c.attempt_started_at < ? AND j.chat_type = ?`,
      )
      .all(from, to, chatType) as Array<{ sender: string; recipients: string; failList: string | null; msgid: string }>
    return rows.map((row) => ({
      sender: row.sender,
      recipients: JSON.parse(row.recipients) as string[],
      failList: row.failList === null ? [] : (JSON.parse(row.failList) as string[]),
      msgid: row.msgid,
    }))
  }

  /** The messages among `msgids` that this console created, by msgid: the title it was sent under and when. */
  sentMessages(msgids: readonly string[]): Map<string, SentMessage> {
    if (msgids.length === 0) return new Map()
    const rows = this.statements
      .get(
        `SELECT c.msgid, j.id AS jobId, j.title, j.chat_type AS chatType, coalesce(c.attempt_started_at, j.created_at) AS sentAt
         FROM send_chunks c JOIN send_jobs j ON j.id = c.job_id
         WHERE c.msgid IN ${JSON_LIST}`,
      )
      .all(jsonList(msgids)) as unknown as SentMessage[]
    return new Map(rows.map((row) => [row.msgid, { ...row }]))
  }

  private setChunkState(jobId: string, seq: number, state: ChunkState, errcode: number | null, now: number): void {
    this.statements
      .get(
        'UPDATE send_chunks SET state = ?, errcode = ?, updated_at = ? WHERE job_id = ? AND seq = ? AND msgid IS NULL',
      )
      .run(state, errcode, now, jobId, seq)
  }
}

interface TallyRow {
  job_id: string
  state: ChunkState
  msgid: string | null
}

/** The tally of a job without chunks. */
export function emptyTally(): ChunkTally {
  return { total: 0, sent: 0, pending: 0, unknown: 0, failed: 0, msgids: [] }
}

/** Chunk rows (in seq order within a job) counted per job. */
function tallyByJob(rows: readonly TallyRow[]): Map<string, ChunkTally> {
  const tallies = new Map<string, ChunkTally>()
  for (const row of rows) {
    let tally = tallies.get(row.job_id)
    if (tally === undefined) tallies.set(row.job_id, (tally = emptyTally()))
    tally.total++
    if (row.state === 'sent') tally.sent++
    else if (row.state === 'failed') tally.failed++
    else if (row.state === 'unknown') tally.unknown++
    else tally.pending++
    if (row.msgid !== null) tally.msgids.push(row.msgid)
  }
  return tallies
}

function toJob(row: JobRow): SendJob {
  const job: SendJob = {
    id: row.id,
    title: row.title,
    chatType: row.chat_type,
    content: JSON.parse(row.content) as FrozenContent,
    contentFingerprint: row.content_fingerprint,
    state: row.state,
    recipientCount: row.recipient_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
  if (row.draft_id !== null) job.draftId = row.draft_id
  if (row.scheduled_at !== null) job.scheduledAt = row.scheduled_at
  if (row.error !== null) job.note = JSON.parse(row.error) as JobNote
  return job
}

function toChunk(row: ChunkRow): JournalChunk {
  const chunk: JournalChunk = {
    jobId: row.job_id,
    seq: row.seq,
    sender: row.sender,
    recipients: JSON.parse(row.recipients) as string[],
    recipientCount: row.recipient_count,
    state: row.state,
    updatedAt: row.updated_at,
  }
  if (row.attempt_started_at !== null) chunk.attemptStartedAt = row.attempt_started_at
  if (row.msgid !== null) chunk.msgid = row.msgid
  if (row.fail_list !== null) chunk.failList = JSON.parse(row.fail_list) as string[]
  if (row.errcode !== null) chunk.errcode = row.errcode
  return chunk
}
