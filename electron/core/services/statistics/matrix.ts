/**
 * The statistics cache as column arrays in memory, one row of cells per (subject, day): what the
 * dashboards read. Loaded from SQLite once per change of the cache (the fill bumps a version in
 * the same transaction as its rows; other connections' commits show in `PRAGMA data_version`),
 * then any range and scope is a loop over typed arrays: 500 members × 180 days, the member table
 * with its sparklines included, in a few ms, with nothing for the event loop to wait on.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { Workspace } from '../../store/workspace'
import { StatisticsCache, type DepartmentRow, type Subject } from './cache'

const VERSION_KEY = 'statistics.version'

/** Marks the cache as changed (call inside the write's transaction). */
export function bumpVersion(workspace: Workspace): void {
  workspace.kv.set(VERSION_KEY, (workspace.kv.get<number>(VERSION_KEY) ?? 0) + 1)
}

/** Contact columns: counts, then ratio × chats and the chats they weigh (0 where WeCom gave no ratio). */
export const CONTACT_COLUMNS = [
  'new_apply_cnt',
  'new_contact_cnt',
  'chat_cnt',
  'message_cnt',
  'negative_feedback_cnt',
  'rw',
  'rn',
  'tw',
  'tn',
] as const
export type ContactColumn = (typeof CONTACT_COLUMNS)[number]

/** Group columns, all per day (snapshots included: the query picks the right day). */
export const GROUP_COLUMNS = [
  'new_chat_cnt',
  'chat_total',
  'chat_has_msg',
  'new_member_cnt',
  'member_total',
  'member_has_msg',
  'msg_total',
] as const
export type GroupColumn = (typeof GROUP_COLUMNS)[number]

/** Subjects × days of some columns; `present` says which cells the cache has. */
export class Matrix<C extends string> {
  /** Day number of column 0. */
  readonly first: number
  readonly days: number
  readonly index: Map<string, number>
  readonly present: Uint8Array
  readonly cols: Record<C, Float64Array>

  constructor(
    readonly subjects: string[],
    columns: readonly C[],
    first: number,
    days: number,
  ) {
    this.first = first
    this.days = days
    this.index = new Map(subjects.map((subject, i) => [subject, i]))
    this.present = new Uint8Array(subjects.length * days)
    this.cols = Object.fromEntries(
      columns.map((column) => [column, new Float64Array(subjects.length * days)]),
    ) as Record<C, Float64Array>
  }

  /** The cell of (subject row, day number), or -1 outside the matrix. */
  cell(row: number, day: number): number {
    const offset = day - this.first
    return offset < 0 || offset >= this.days ? -1 : row * this.days + offset
  }

  /** The clipped day span [from, to] inside the matrix as offsets, or undefined when empty. */
  offsets(from: number, to: number): [number, number] | undefined {
    const a = Math.max(0, from - this.first)
    const b = Math.min(this.days - 1, to - this.first)
    return a > b ? undefined : [a, b]
  }
}

export interface StatsMatrices {
  members: Matrix<ContactColumn>
  team: Matrix<ContactColumn>
  owners: Matrix<GroupColumn>
  /** The cache's members and owners (by name), and its departments, read with the same version. */
  subjects: { member: Subject[]; owner: Subject[]; byId: { member: Map<string, Subject>; owner: Map<string, Subject> } }
  departments: DepartmentRow[]
}

const cached = new WeakMap<DatabaseSync, { key: string; matrices: StatsMatrices }>()
const versionStatements = new WeakMap<DatabaseSync, { data: StatementSync; kv: StatementSync }>()

/** The matrices of a workspace's cache, loaded again only when the cache changed. */
export function matricesOf(db: DatabaseSync): StatsMatrices {
  let statements = versionStatements.get(db)
  if (!statements) {
    statements = {
      data: db.prepare('PRAGMA data_version'),
      kv: db.prepare(`SELECT value FROM kv WHERE key = '${VERSION_KEY}'`),
    }
    versionStatements.set(db, statements)
  }
  const data = (statements.data.get() as { data_version: number }).data_version
  const version = (statements.kv.get() as { value: string } | undefined)?.value ?? '0'
  const key = `${data}:${version}`
  const hit = cached.get(db)
  if (hit?.key === key) return hit.matrices
  const matrices = load(db)
  cached.set(db, { key, matrices })
  return matrices
}

function load(db: DatabaseSync): StatsMatrices {
  const span = db
    .prepare(
      `SELECT MIN(lo) AS lo, MAX(hi) AS hi FROM (
         SELECT MIN(day) AS lo, MAX(day) AS hi FROM stat_member_days
         UNION ALL SELECT MIN(day), MAX(day) FROM stat_team_days
         UNION ALL SELECT MIN(day), MAX(day) FROM stat_owner_days)`,
    )
    .get() as { lo: number | null; hi: number | null }
  const first = span.lo ?? 0
  const days = span.lo === null || span.hi === null ? 0 : span.hi - span.lo + 1
  const subjects = (sql: string) => (db.prepare(sql).all() as Array<{ id: string }>).map((row) => row.id)
  const members = new Matrix(
    subjects('SELECT DISTINCT userid AS id FROM stat_member_days ORDER BY userid'),
    CONTACT_COLUMNS,
    first,
    days,
  )
  const team = new Matrix(['team'], CONTACT_COLUMNS, first, days)
  const owners = new Matrix(
    subjects('SELECT DISTINCT owner AS id FROM stat_owner_days ORDER BY owner'),
    GROUP_COLUMNS,
    first,
    days,
  )
  const contactSelect = `day, new_apply_cnt, new_contact_cnt, chat_cnt, message_cnt, negative_feedback_cnt,
    COALESCE(reply_percentage * chat_cnt, 0), CASE WHEN reply_percentage IS NOT NULL THEN chat_cnt ELSE 0 END,
    COALESCE(avg_reply_time * chat_cnt, 0), CASE WHEN avg_reply_time IS NOT NULL THEN chat_cnt ELSE 0 END`
  fill(members, db.prepare(`SELECT userid, ${contactSelect} FROM stat_member_days`), CONTACT_COLUMNS)
  fill(team, db.prepare(`SELECT 'team', ${contactSelect} FROM stat_team_days`), CONTACT_COLUMNS)
  fill(
    owners,
    db.prepare(
      `SELECT owner, day, new_chat_cnt, chat_total, chat_has_msg, new_member_cnt, member_total, member_has_msg, msg_total
       FROM stat_owner_days`,
    ),
    GROUP_COLUMNS,
  )
  const cache = new StatisticsCache(db)
  const member = cache.subjects('member')
  const owner = cache.subjects('owner')
  return {
    members,
    team,
    owners,
    subjects: {
      member,
      owner,
      byId: {
        member: new Map(member.map((subject) => [subject.userid, subject])),
        owner: new Map(owner.map((subject) => [subject.userid, subject])),
      },
    },
    departments: cache.departments(),
  }
}

/** Rows `[subject, day, ...columns]` into the matrix. */
function fill<C extends string>(matrix: Matrix<C>, statement: StatementSync, columns: readonly C[]): void {
  statement.setReturnArrays(true)
  const arrays = columns.map((column) => matrix.cols[column])
  for (const row of statement.iterate() as Iterable<unknown[]>) {
    const subject = matrix.index.get(row[0] as string)
    if (subject === undefined) continue
    const cell = matrix.cell(subject, row[1] as number)
    if (cell < 0) continue
    matrix.present[cell] = 1
    for (let c = 0; c < arrays.length; c++) arrays[c]![cell] = row[c + 2] as number
  }
}
