import type { DatabaseSync } from 'node:sqlite'
import { corpDayNumber, corpDayNumberStart } from '../../../../shared/date'
import { StatementCache } from '../../store/repositories/statement-cache'
import { settledAt } from './days'

/** One member's (or the team's) figures for one corp day, as cached. */
export interface ContactDayRow {
  day: number
  new_apply_cnt: number
  new_contact_cnt: number
  chat_cnt: number
  message_cnt: number
  reply_percentage: number | null
  avg_reply_time: number | null
  negative_feedback_cnt: number
}

/** One owner's group figures for one corp day, as cached. */
export interface GroupDayRow {
  day: number
  new_chat_cnt: number
  chat_total: number
  chat_has_msg: number
  new_member_cnt: number
  member_total: number
  member_has_msg: number
  msg_total: number
}

export type SubjectKind = 'member' | 'owner'
export type SubjectStatus = 'ok' | 'left' | 'not_visible'

export interface Subject {
  kind: SubjectKind
  userid: string
  name: string
  departments: number[]
  status: SubjectStatus
  errcode: number | null
}

export interface DepartmentRow {
  id: number
  name: string
  parentId: number
  order: number
}

/**
 * The days a plan skips: final ones, and provisional ones not due yet — before 08:00 China time
 * the next day WeCom would answer zeros again, and a settled-but-suspect answer is asked again at
 * most once per corp day. `settledAt` is linear in the day number (every corp day is 24 hours), so
 * SQL computes it as day × 86,400,000 + settledAt(0), from the one rule in days.ts. Parameters ?3
 * now, ?4 today's 00:00 China time.
 */
const SETTLED = `(day * 86400000 + ${settledAt(0)})`
const SKIP = `(final = 1 OR ?3 < ${SETTLED} OR (fetched_at >= ${SETTLED} AND fetched_at >= ?4))`

/** Skipped days (see SKIP) of one subject inside a span: how many, the oldest and the newest. */
export interface FinalSummary {
  key: string
  count: number
  min: number
  max: number
}

/** The statistics tables (migration 12): writes of the fill, reads of the plan and the status. */
export class StatisticsCache {
  private readonly statements: StatementCache

  constructor(readonly db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  // ── writes ──

  /** Upserts a member's days; a final row is never overwritten. */
  putMemberDays(
    userid: string,
    rows: readonly ContactDayRow[],
    fetchedAt: number,
    final: (row: ContactDayRow) => boolean,
  ) {
    const statement = this.statements.get(
      `INSERT INTO stat_member_days (userid, day, new_apply_cnt, new_contact_cnt, chat_cnt, message_cnt,
         reply_percentage, avg_reply_time, negative_feedback_cnt, fetched_at, final)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (userid, day) DO UPDATE SET new_apply_cnt = excluded.new_apply_cnt,
         new_contact_cnt = excluded.new_contact_cnt, chat_cnt = excluded.chat_cnt, message_cnt = excluded.message_cnt,
         reply_percentage = excluded.reply_percentage, avg_reply_time = excluded.avg_reply_time,
         negative_feedback_cnt = excluded.negative_feedback_cnt, fetched_at = excluded.fetched_at, final = excluded.final
       WHERE stat_member_days.final = 0`,
    )
    for (const row of rows) {
      statement.run(
        userid,
        row.day,
        row.new_apply_cnt,
        row.new_contact_cnt,
        row.chat_cnt,
        row.message_cnt,
        row.reply_percentage,
        row.avg_reply_time,
        row.negative_feedback_cnt,
        fetchedAt,
        final(row) ? 1 : 0,
      )
    }
  }

  putTeamDays(
    rows: readonly ContactDayRow[],
    source: 'department' | 'members',
    fetchedAt: number,
    final: (row: ContactDayRow) => boolean,
  ) {
    const statement = this.statements.get(
      `INSERT INTO stat_team_days (day, new_apply_cnt, new_contact_cnt, chat_cnt, message_cnt,
         reply_percentage, avg_reply_time, negative_feedback_cnt, source, fetched_at, final)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (day) DO UPDATE SET new_apply_cnt = excluded.new_apply_cnt,
         new_contact_cnt = excluded.new_contact_cnt, chat_cnt = excluded.chat_cnt, message_cnt = excluded.message_cnt,
         reply_percentage = excluded.reply_percentage, avg_reply_time = excluded.avg_reply_time,
         negative_feedback_cnt = excluded.negative_feedback_cnt, source = excluded.source,
         fetched_at = excluded.fetched_at, final = excluded.final
       WHERE stat_team_days.final = 0`,
    )
    for (const row of rows) {
      statement.run(
        row.day,
        row.new_apply_cnt,
        row.new_contact_cnt,
        row.chat_cnt,
        row.message_cnt,
        row.reply_percentage,
        row.avg_reply_time,
        row.negative_feedback_cnt,
        source,
        fetchedAt,
        final(row) ? 1 : 0,
      )
    }
  }

  putOwnerDays(owner: string, rows: readonly GroupDayRow[], fetchedAt: number, final: (row: GroupDayRow) => boolean) {
    const statement = this.statements.get(
      `INSERT INTO stat_owner_days (owner, day, new_chat_cnt, chat_total, chat_has_msg, new_member_cnt,
         member_total, member_has_msg, msg_total, fetched_at, final)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (owner, day) DO UPDATE SET new_chat_cnt = excluded.new_chat_cnt,
         chat_total = excluded.chat_total, chat_has_msg = excluded.chat_has_msg,
         new_member_cnt = excluded.new_member_cnt, member_total = excluded.member_total,
         member_has_msg = excluded.member_has_msg, msg_total = excluded.msg_total,
         fetched_at = excluded.fetched_at, final = excluded.final
       WHERE stat_owner_days.final = 0`,
    )
    for (const row of rows) {
      statement.run(
        owner,
        row.day,
        row.new_chat_cnt,
        row.chat_total,
        row.chat_has_msg,
        row.new_member_cnt,
        row.member_total,
        row.member_has_msg,
        row.msg_total,
        fetchedAt,
        final(row) ? 1 : 0,
      )
    }
  }

  /** Replaces the subjects of one kind: the ones listed now, plus earlier ones (marked `left` unless unavailable). */
  putSubjects(kind: SubjectKind, subjects: readonly Omit<Subject, 'kind'>[], now: number): void {
    this.statements
      .get(`UPDATE stat_subjects SET status = 'left', updated_at = ? WHERE kind = ? AND status = 'ok'`)
      .run(now, kind)
    const statement = this.statements.get(
      `INSERT INTO stat_subjects (kind, userid, name, departments, status, errcode, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, userid) DO UPDATE SET name = excluded.name, departments = excluded.departments,
         status = excluded.status, errcode = excluded.errcode, updated_at = excluded.updated_at`,
    )
    for (const subject of subjects) {
      statement.run(
        kind,
        subject.userid,
        subject.name,
        JSON.stringify(subject.departments),
        subject.status,
        subject.errcode,
        now,
      )
    }
  }

  /** Marks one subject as out of the app's reach (WeCom refused it with `errcode`). */
  markUnavailable(kind: SubjectKind, userid: string, errcode: number | undefined, now: number): void {
    this.statements
      .get(`UPDATE stat_subjects SET status = 'not_visible', errcode = ?, updated_at = ? WHERE kind = ? AND userid = ?`)
      .run(errcode ?? null, now, kind, userid)
  }

  putDepartments(departments: readonly DepartmentRow[]): void {
    this.statements.get('DELETE FROM stat_departments').run()
    const statement = this.statements.get(
      'INSERT INTO stat_departments (id, name, parent_id, sort_order) VALUES (?, ?, ?, ?)',
    )
    for (const department of departments)
      statement.run(department.id, department.name, department.parentId, department.order)
  }

  // ── reads ──

  subjects(kind?: SubjectKind): Subject[] {
    const rows = (
      kind
        ? this.statements.get('SELECT * FROM stat_subjects WHERE kind = ? ORDER BY name, userid').all(kind)
        : this.statements.get('SELECT * FROM stat_subjects ORDER BY kind, name, userid').all()
    ) as Array<{
      kind: SubjectKind
      userid: string
      name: string
      departments: string
      status: SubjectStatus
      errcode: number | null
    }>
    return rows.map((row) => ({ ...row, departments: JSON.parse(row.departments) as number[] }))
  }

  departments(): DepartmentRow[] {
    return this.statements
      .get(
        'SELECT id, name, parent_id AS parentId, sort_order AS "order" FROM stat_departments ORDER BY sort_order, id',
      )
      .all() as unknown as DepartmentRow[]
  }

  /** One subject's rows in [first, last]: how many, the oldest and the newest (index seeks, no scan). */
  span(kind: SubjectKind, userid: string, first: number, last: number): FinalSummary {
    const table = kind === 'member' ? 'stat_member_days WHERE userid' : 'stat_owner_days WHERE owner'
    const row = this.statements
      .get(`SELECT COUNT(*) AS count, MIN(day) AS min, MAX(day) AS max FROM ${table} = ? AND day BETWEEN ? AND ?`)
      .get(userid, first, last) as { count: number; min: number | null; max: number | null }
    return { key: userid, count: row.count, min: row.min ?? 0, max: row.max ?? 0 }
  }

  /** Provisional rows in [first, last] that a plan at `now` fetches again, per subject (partial index). */
  dueDays(kind: SubjectKind, first: number, last: number, now: number): Map<string, Set<number>> {
    const sql =
      kind === 'member'
        ? `SELECT userid AS key, day FROM stat_member_days WHERE final = 0 AND day BETWEEN ?1 AND ?2 AND NOT ${SKIP}`
        : `SELECT owner AS key, day FROM stat_owner_days WHERE final = 0 AND day BETWEEN ?1 AND ?2 AND NOT ${SKIP}`
    const due = new Map<string, Set<number>>()
    for (const row of this.statements.get(sql).all(first, last, now, todayStart(now)) as Array<{
      key: string
      day: number
    }>) {
      let days = due.get(row.key)
      if (!days) due.set(row.key, (days = new Set()))
      days.add(row.day)
    }
    return due
  }

  teamSkipDays(first: number, last: number, now: number): number[] {
    return days(
      this.statements
        .get(`SELECT day FROM stat_team_days WHERE day BETWEEN ?1 AND ?2 AND ${SKIP} ORDER BY day`)
        .all(first, last, now, todayStart(now)),
    )
  }

  memberSkipDays(userid: string, first: number, last: number, now: number): number[] {
    return days(
      this.statements
        .get(`SELECT day FROM stat_member_days WHERE day BETWEEN ?1 AND ?2 AND ${SKIP} AND userid = ?5 ORDER BY day`)
        .all(first, last, now, todayStart(now), userid),
    )
  }

  ownerSkipDays(owner: string, first: number, last: number, now: number): number[] {
    return days(
      this.statements
        .get(`SELECT day FROM stat_owner_days WHERE day BETWEEN ?1 AND ?2 AND ${SKIP} AND owner = ?5 ORDER BY day`)
        .all(first, last, now, todayStart(now), owner),
    )
  }

  /** Members with any non-zero count in the cache: they have contacts, so an all-zero day from them is suspect. */
  activeMembers(): Set<string> {
    const rows = this.statements
      .get(
        `SELECT s.userid FROM stat_subjects s WHERE s.kind = 'member' AND EXISTS (
           SELECT 1 FROM stat_member_days d WHERE d.userid = s.userid
             AND d.new_apply_cnt + d.new_contact_cnt + d.chat_cnt + d.message_cnt + d.negative_feedback_cnt > 0)`,
      )
      .all() as Array<{ userid: string }>
    return new Set(rows.map((row) => row.userid))
  }

  /** Provisional (not final) days anywhere in the cache, oldest first. */
  provisionalDays(first = 0, last = 1e9): number[] {
    const rows = this.statements
      .get(
        `SELECT day FROM stat_member_days WHERE final = 0 AND day BETWEEN ?1 AND ?2
         UNION SELECT day FROM stat_team_days WHERE final = 0 AND day BETWEEN ?1 AND ?2
         UNION SELECT day FROM stat_owner_days WHERE final = 0 AND day BETWEEN ?1 AND ?2 ORDER BY day`,
      )
      .all(first, last) as Array<{ day: number }>
    return rows.map((row) => row.day)
  }

  /** Team rows' days in [first, last], ascending. */
  teamDays(first: number, last: number): number[] {
    return (
      this.statements
        .get('SELECT day FROM stat_team_days WHERE day BETWEEN ? AND ? ORDER BY day')
        .all(first, last) as Array<{
        day: number
      }>
    ).map((row) => row.day)
  }

  /** The oldest and newest team day cached. */
  teamSpan(): { min: number | null; max: number | null } {
    return this.statements.get('SELECT MIN(day) AS min, MAX(day) AS max FROM stat_team_days').get() as {
      min: number | null
      max: number | null
    }
  }

  /** The newest day each available member and owner has: "data up to" is the oldest of them and the team's. */
  newestDays(): { members: number | null; owners: number | null } {
    const newest = (kind: SubjectKind, table: string, column: string) =>
      (
        this.statements
          .get(
            `SELECT MIN(COALESCE((SELECT MAX(day) FROM ${table} d WHERE d.${column} = s.userid), -1)) AS value
             FROM stat_subjects s WHERE s.kind = ? AND s.status = 'ok'`,
          )
          .get(kind) as { value: number | null }
      ).value
    // A member or owner with no day yet (a first fill under way): no "data up to" for anyone.
    const value = (kind: SubjectKind, table: string, column: string) => {
      const day = newest(kind, table, column)
      return day === -1 ? -1 : day
    }
    return {
      members: value('member', 'stat_member_days', 'userid'),
      owners: value('owner', 'stat_owner_days', 'owner'),
    }
  }
}

function days(rows: unknown[]): number[] {
  return (rows as Array<{ day: number }>).map((row) => row.day)
}

function todayStart(now: number): number {
  return corpDayNumberStart(corpDayNumber(now))
}
