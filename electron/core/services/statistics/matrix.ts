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
  /** Which cells WeCom has settled (a provisional day may still read zeros). */
  readonly final: Uint8Array
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
    this.final = new Uint8Array(subjects.length * days)
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

const cached = new WeakMap<DatabaseSync, { key: string; at: number; matrices: StatsMatrices }>()
const versionStatements = new WeakMap<DatabaseSync, { data: StatementSync; kv: StatementSync }>()
const loading = new WeakMap<DatabaseSync, Promise<void>>()
/** Connections a fill is writing through right now (see `fillRunning`). */
const filling = new WeakMap<DatabaseSync, number>()
/** While a fill writes, a snapshot this young is still served (a dashboard lags the fill by at most this). */
const FILL_STALE_MS = 2000
/** Rows read per slice of an asynchronous load: a few ms each, so the event loop keeps turning. */
const SLICE_ROWS = 5000

/** Marks a fill writing through `db` until the returned function is called. */
export function fillRunning(db: DatabaseSync): () => void {
  filling.set(db, (filling.get(db) ?? 0) + 1)
  return () => filling.set(db, (filling.get(db) ?? 1) - 1)
}

function versionKey(db: DatabaseSync): string {
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
  return `${data}:${version}`
}

/** The loaded snapshot when it is current (or young enough while a fill writes). */
function current(db: DatabaseSync): { key: string; matrices?: StatsMatrices } {
  const key = versionKey(db)
  const hit = cached.get(db)
  if (hit && (hit.key === key || ((filling.get(db) ?? 0) > 0 && Date.now() - hit.at < FILL_STALE_MS)))
    return { key, matrices: hit.matrices }
  return { key }
}

/** The matrices of a workspace's cache, loaded again (at once) only when the cache changed. */
export function matricesOf(db: DatabaseSync): StatsMatrices {
  const { key, matrices } = current(db)
  if (matrices) return matrices
  const loader = load(db)
  for (let step = loader.next(); ; step = loader.next()) {
    if (step.done) {
      cached.set(db, { key, at: Date.now(), matrices: step.value })
      return step.value
    }
  }
}

/**
 * Makes the snapshot current in slices of a few ms (the event loop keeps turning between them),
 * so the next `matricesOf` is instant. One load at a time per connection.
 */
export function prepareMatrices(db: DatabaseSync): Promise<void> {
  const running = loading.get(db)
  if (running) return running
  const { key, matrices } = current(db)
  if (matrices) return Promise.resolve()
  const task = (async () => {
    const loader = load(db)
    for (let step = loader.next(); ; step = loader.next()) {
      if (step.done) {
        cached.set(db, { key, at: Date.now(), matrices: step.value })
        return
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
  })().finally(() => loading.delete(db))
  loading.set(db, task)
  return task
}

/** Reads the cache into matrices, yielding after every slice of rows. */
function* load(db: DatabaseSync): Generator<void, StatsMatrices> {
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
  const cache = new StatisticsCache(db)
  const member = cache.subjects('member')
  const owner = cache.subjects('owner')
  const sorted = (subjects: Subject[]) => subjects.map((subject) => subject.userid).sort()
  const members = new Matrix(sorted(member), CONTACT_COLUMNS, first, days)
  const team = new Matrix(['team'], CONTACT_COLUMNS, first, days)
  const owners = new Matrix(sorted(owner), GROUP_COLUMNS, first, days)
  const contactSelect = `day, new_apply_cnt, new_contact_cnt, chat_cnt, message_cnt, negative_feedback_cnt,
    COALESCE(reply_percentage * chat_cnt, 0), CASE WHEN reply_percentage IS NOT NULL THEN chat_cnt ELSE 0 END,
    COALESCE(avg_reply_time * chat_cnt, 0), CASE WHEN avg_reply_time IS NOT NULL THEN chat_cnt ELSE 0 END, final`
  yield* fill(
    members,
    db.prepare(
      `SELECT userid, ${contactSelect} FROM stat_member_days WHERE (userid, day) > (?, ?) ORDER BY userid, day LIMIT ${SLICE_ROWS}`,
    ),
    CONTACT_COLUMNS,
  )
  yield* fill(
    team,
    db.prepare(
      `SELECT 'team', ${contactSelect} FROM stat_team_days WHERE ('team', day) > (?, ?) ORDER BY day LIMIT ${SLICE_ROWS}`,
    ),
    CONTACT_COLUMNS,
  )
  yield* fill(
    owners,
    db.prepare(
      `SELECT owner, day, new_chat_cnt, chat_total, chat_has_msg, new_member_cnt, member_total, member_has_msg, msg_total, final
       FROM stat_owner_days WHERE (owner, day) > (?, ?) ORDER BY owner, day LIMIT ${SLICE_ROWS}`,
    ),
    GROUP_COLUMNS,
  )
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

/** Rows `[subject, day, ...columns, final]` into the matrix, a slice at a time (keyset paging on the key). */
function* fill<C extends string>(matrix: Matrix<C>, statement: StatementSync, columns: readonly C[]): Generator<void> {
  statement.setReturnArrays(true)
  const arrays = columns.map((column) => matrix.cols[column])
  let after: [string, number] = ['', -1e9]
  for (;;) {
    const rows = statement.all(...after) as unknown as unknown[][]
    for (const row of rows) {
      const subject = matrix.index.get(row[0] as string)
      if (subject === undefined) continue
      const cell = matrix.cell(subject, row[1] as number)
      if (cell < 0) continue
      matrix.present[cell] = 1
      matrix.final[cell] = row[arrays.length + 2] ? 1 : 0
      for (let c = 0; c < arrays.length; c++) arrays[c]![cell] = row[c + 2] as number
    }
    if (rows.length < SLICE_ROWS) return
    const last = rows.at(-1)!
    after = [last[0] as string, last[1] as number]
    yield
  }
}
