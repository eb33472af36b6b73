/**
 * The publish journal (schema slot 11, table `moment_publish_jobs`): what makes a moment go out
 * exactly once, whatever moment the app is killed at. One job = one add_moment_task call.
 *
 * Protocol
 * 1. Freeze. `create` writes the job with its validated content, visible range and content
 *    fingerprint, `pending` (or `scheduled`). Nothing is sent before this commit.
 * 2. Upload the media (media/upload_attachment, attachment_type 1; media_ids reused < 2.5 days).
 *    Uploads are not writes to the corp: repeating them is harmless.
 * 3. Before the call: `markInFlight` commits `in_flight` + `attempt_started_at`.
 * 4. The call. The answer → `markCreated` (jobid). A refusal WeCom answered with an errcode →
 *    `markFailed`. Proof the request never reached WeCom (network refused, stale token, rate
 *    block) → back to `pending`. No usable answer → `markUnknown`.
 * 5. Reconcile before any retry. An `in_flight` or `unknown` job is looked up in get_moment_list
 *    before anything is sent again: corp moments (filter_type 0) over [attempt − 5 min, now + 1 min],
 *    without a creator (API-created), with the job's fingerprint (same text, same attachment types
 *    and count, same link), and whose moment_id no job has recorded. Found → `markDone` with that
 *    moment_id (`recovered`: WeCom's job result was not read). Not found once the attempt is old
 *    enough to be listed → back to step 3.
 * 6. `created`: poll get_moment_task_result (GET, jobid valid 24 h) with backoff until status 3;
 *    `polls` and `next_poll_at` are journaled, so polling resumes after a restart where it was.
 *    Status 3 → `markDone` (moment_id, invalid lists) or `markFailed` (result errcode). A jobid
 *    past its 24 h → reconcile as in step 5.
 * 7. A job not finished is resumed at start, on reconnect and before the next publish.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { DraftPublish, MomentContent, PublishState, VisibleRange } from '../../../../../shared/moments-publish'
import type { LocalizedText } from '../../../../../shared/result'
import { StatementCache } from '../../../store/repositories/statement-cache'
import { runInTransaction } from '../../../store/transaction'

/** What WeCom answered with status 3, as ids. */
export interface PublishResultIds {
  invalidUserids: string[]
  invalidDepartmentIds: number[]
  invalidTagIds: string[]
}

export interface JobNote {
  text: LocalizedText
  hint?: LocalizedText
}

export interface PublishJob {
  id: string
  draftId?: string
  title: string
  content: MomentContent
  range: VisibleRange
  fingerprint: string
  state: PublishState
  scheduledAt?: number
  attemptStartedAt?: number
  jobid?: string
  jobidAt?: number
  polls: number
  nextPollAt?: number
  momentId?: string
  result?: PublishResultIds
  recovered: boolean
  errcode?: number
  note?: JobNote
  createdAt: number
  updatedAt: number
}

interface JobRow {
  id: string
  draft_id: string | null
  title: string
  content: string
  range: string
  fingerprint: string
  state: PublishState
  scheduled_at: number | null
  attempt_started_at: number | null
  jobid: string | null
  jobid_at: number | null
  polls: number
  next_poll_at: number | null
  moment_id: string | null
  result: string | null
  recovered: number
  errcode: number | null
  note: string | null
  created_at: number
  updated_at: number
}

/** States the runner still has to carry on (scheduled ones wait for their time). */
export const UNFINISHED: readonly PublishState[] = ['pending', 'in_flight', 'unknown', 'created']

function toJob(row: JobRow): PublishJob {
  const job: PublishJob = {
    id: row.id,
    title: row.title,
    content: JSON.parse(row.content) as MomentContent,
    range: JSON.parse(row.range) as VisibleRange,
    fingerprint: row.fingerprint,
    state: row.state,
    polls: row.polls,
    recovered: row.recovered === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
  if (row.draft_id !== null) job.draftId = row.draft_id
  if (row.scheduled_at !== null) job.scheduledAt = row.scheduled_at
  if (row.attempt_started_at !== null) job.attemptStartedAt = row.attempt_started_at
  if (row.jobid !== null) job.jobid = row.jobid
  if (row.jobid_at !== null) job.jobidAt = row.jobid_at
  if (row.next_poll_at !== null) job.nextPollAt = row.next_poll_at
  if (row.moment_id !== null) job.momentId = row.moment_id
  if (row.result !== null) job.result = JSON.parse(row.result) as PublishResultIds
  if (row.errcode !== null) job.errcode = row.errcode
  if (row.note !== null) job.note = JSON.parse(row.note) as JobNote
  return job
}

/** The publish journal's table, one method per protocol step. */
export class PublishJournal {
  private readonly statements: StatementCache

  constructor(private readonly db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  create(job: PublishJob): void {
    this.statements
      .get(
        `INSERT INTO moment_publish_jobs (id, draft_id, title, content, range, fingerprint, state, scheduled_at,
           polls, recovered, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`,
      )
      .run(
        job.id,
        job.draftId ?? null,
        job.title,
        JSON.stringify(job.content),
        JSON.stringify(job.range),
        job.fingerprint,
        job.state,
        job.scheduledAt ?? null,
        job.createdAt,
        job.updatedAt,
      )
  }

  job(id: string): PublishJob | undefined {
    const row = this.statements.get('SELECT * FROM moment_publish_jobs WHERE id = ?').get(id) as JobRow | undefined
    return row && toJob(row)
  }

  /** Newest first. */
  jobs(limit = 200): PublishJob[] {
    return (
      this.statements
        .get('SELECT * FROM moment_publish_jobs ORDER BY created_at DESC, id LIMIT ?')
        .all(limit) as unknown as JobRow[]
    ).map(toJob)
  }

  /** Oldest first. */
  unfinished(): PublishJob[] {
    return (
      this.statements
        .get(
          `SELECT * FROM moment_publish_jobs WHERE state IN (${UNFINISHED.map(() => '?').join(', ')})
           ORDER BY created_at, id`,
        )
        .all(...UNFINISHED) as unknown as JobRow[]
    ).map(toJob)
  }

  dueScheduled(now: number): PublishJob[] {
    return (
      this.statements
        .get("SELECT * FROM moment_publish_jobs WHERE state = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at")
        .all(now) as unknown as JobRow[]
    ).map(toJob)
  }

  nextScheduledAt(): number | undefined {
    const row = this.statements
      .get("SELECT min(scheduled_at) AS at FROM moment_publish_jobs WHERE state = 'scheduled'")
      .get() as { at: number | null }
    return row.at ?? undefined
  }

  /** Whether any job recorded this moment (so reconciliation never claims it twice). */
  isRecordedMoment(momentId: string): boolean {
    return this.statements.get('SELECT 1 FROM moment_publish_jobs WHERE moment_id = ?').get(momentId) !== undefined
  }

  /** The latest publish of each draft. */
  latestByDraft(): Map<string, DraftPublish> {
    const rows = this.statements
      .get(
        `SELECT j.draft_id AS draftId, j.id AS jobId, j.state, j.scheduled_at AS scheduledAt, j.updated_at AS at
         FROM moment_publish_jobs j
         WHERE j.draft_id IS NOT NULL AND j.state != 'cancelled' AND j.created_at = (
           SELECT max(created_at) FROM moment_publish_jobs k WHERE k.draft_id = j.draft_id AND k.state != 'cancelled')`,
      )
      .all() as Array<{ draftId: string; jobId: string; state: PublishState; scheduledAt: number | null; at: number }>
    return new Map(
      rows.map((row) => [
        row.draftId,
        {
          jobId: row.jobId,
          state: row.state,
          at: row.at,
          ...(row.scheduledAt === null ? {} : { scheduledAt: row.scheduledAt }),
        },
      ]),
    )
  }

  /** Leaves `scheduled` for `to` ('pending' when due, 'cancelled'); false when it already left. */
  leaveSchedule(id: string, to: 'pending' | 'cancelled', now: number): boolean {
    const changed = this.statements
      .get("UPDATE moment_publish_jobs SET state = ?, updated_at = ? WHERE id = ? AND state = 'scheduled'")
      .run(to, now, id).changes
    return Number(changed) > 0
  }

  markInFlight(id: string, now: number): void {
    this.set(id, "state = 'in_flight', attempt_started_at = ?, note = NULL", [now], now)
  }

  markPending(id: string, now: number): void {
    this.set(id, "state = 'pending'", [], now)
  }

  markUnknown(id: string, now: number): void {
    this.set(id, "state = 'unknown'", [], now)
  }

  markCreated(id: string, jobid: string, now: number): void {
    this.set(
      id,
      "state = 'created', jobid = ?, jobid_at = ?, polls = 0, next_poll_at = ?, note = NULL",
      [jobid, now, now],
      now,
    )
  }

  /** One more poll that did not find status 3; the next one is due at `nextPollAt`. */
  markPolled(id: string, polls: number, nextPollAt: number, now: number): void {
    this.set(id, 'polls = ?, next_poll_at = ?', [polls, nextPollAt], now)
  }

  markDone(id: string, momentId: string, result: PublishResultIds | undefined, recovered: boolean, now: number): void {
    runInTransaction(this.db, () =>
      this.set(
        id,
        "state = 'done', moment_id = ?, result = ?, recovered = ?, note = NULL",
        [momentId, result ? JSON.stringify(result) : null, recovered ? 1 : 0],
        now,
      ),
    )
  }

  markFailed(id: string, errcode: number | undefined, note: JobNote, now: number): void {
    this.set(id, "state = 'failed', errcode = ?, note = ?", [errcode ?? null, JSON.stringify(note)], now)
  }

  /** A note on a job that keeps its state (a pause, a wait). */
  setNote(id: string, note: JobNote | undefined, now: number): void {
    this.set(id, 'note = ?', [note ? JSON.stringify(note) : null], now)
  }

  private set(id: string, assignments: string, values: Array<string | number | null>, now: number): void {
    this.statements
      .get(`UPDATE moment_publish_jobs SET ${assignments}, updated_at = ? WHERE id = ?`)
      .run(...values, now, id)
  }
}
