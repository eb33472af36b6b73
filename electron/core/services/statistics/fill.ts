import { corpDayNumber, corpDayNumberStart } from '../../../../shared/date'
import type { FillState } from '../../../../shared/statistics'
import { AppError } from '../../errors'
import type { Logger } from '../../log'
import type { Workspace } from '../../store/workspace'
import type { WecomClient } from '../../wecom'
import type { GroupChatStatData, UserBehaviorDay } from '../../wecom/api/statistics'
import { StatisticsCache, type ContactDayRow, type GroupDayRow, type Subject } from './cache'
import { bumpVersion, fillRunning } from './matrix'
import { fillableDays, isFinal, planWindows, settledAt, type Window } from './days'
import { planSubjects } from './plan'

/** WeCom errcodes that mean "this member is out of the app's reach": recorded, the fill goes on. */
const NOT_VISIBLE_ERRCODES: ReadonlySet<number> = new Set([40003, 60011, 60111, 81013])
/** Answers written in one transaction at most, and how long an answer waits for others. */
const WRITE_BATCH = 32
const WRITE_DELAY_MS = 20
/** Ids per get_user_behavior_data / owner_filter call. */
const IDS_PER_CALL = 100

/** What the fill did, saved in the workspace so a later session shows it. */
export interface StoredFillOutcome {
  state: FillState
  kind: 'first' | 'refresh'
  startedAt: number
  finishedAt?: number
  done: number
  total: number
  teamSource: 'department' | 'members'
  error?: { code: string; text: { 'zh-CN': string; en: string }; hint?: { 'zh-CN': string; en: string } }
}

export const FILL_OUTCOME_KEY = 'statistics.fill'
export const LAST_REFRESH_KEY = 'statistics.lastRefreshAt'

export interface FillDeps {
  workspace: Workspace
  client: () => Promise<WecomClient>
  now: () => number
  /** Calls per API path at once (the client's limiter cap). */
  concurrency: number
  log: Logger
  /** Called after every answer and at the end (the service throttles it). */
  progressed: () => void
}

/** A planned call: who, which window. */
interface Task {
  path: 'behavior' | 'group'
  run: () => Promise<void>
  /** Skipped when its subject became unavailable meanwhile. */
  subject?: string
}

/** The calls a fill makes, for the bench and the tests. */
export interface FillCounts {
  directory: number
  team: number
  members: number
  owners: number
}

/**
 * One fill of the statistics cache, started on construction: the member and owner lists first
 * (a few directory calls), then every window the incremental plan needs (per member, per owner,
 * for the team), newest windows first, on two API paths side by side under the client's
 * concurrency cap. Each answer is written as it comes (one short transaction), so a fill stopped
 * at any point — cancelled, failed, or the app killed — resumes from the cache itself: the next
 * plan skips every final day.
 */
export class FillRun {
  readonly finished: Promise<void>
  readonly startedAt: number
  readonly kind: 'first' | 'refresh'
  state: FillState = 'running'
  done = 0
  total = 0
  finishedAt: number | undefined
  failure: unknown
  teamSource: 'department' | 'members' = 'department'
  readonly counts: FillCounts = { directory: 0, team: 0, members: 0, owners: 0 }
  private cancelRequested = false
  private dataStartedAt: number | undefined
  private dataDone = 0
  private readonly cache: StatisticsCache
  private readonly unavailable = new Set<string>()
  private readonly pending: Array<() => void> = []
  private flushTimer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly deps: FillDeps) {
    this.startedAt = deps.now()
    this.cache = new StatisticsCache(deps.workspace.db)
    const last = deps.workspace.kv.get<number>(LAST_REFRESH_KEY)
    this.kind = last === undefined ? 'first' : 'refresh'
    this.total = 2
    this.saveOutcome()
    this.finished = this.execute()
  }

  get active(): boolean {
    return this.state === 'running' || this.state === 'cancelling'
  }

  cancel(): void {
    if (this.state !== 'running') return
    this.cancelRequested = true
    this.state = 'cancelling'
    this.deps.progressed()
  }

  /** Seconds left at the pace of the data calls so far; undefined before there is one. */
  etaSeconds(): number | undefined {
    if (this.state !== 'running' || this.dataStartedAt === undefined || this.dataDone < 8) return undefined
    const elapsed = this.deps.now() - this.dataStartedAt
    return Math.max(0, Math.round(((this.total - this.done) * elapsed) / this.dataDone / 1000))
  }

  private stopping(): boolean {
    return this.cancelRequested || this.failure !== undefined
  }

  private async execute(): Promise<void> {
    // Dashboards read during the fill may lag it by a moment instead of reloading on every answer.
    const done = fillRunning(this.deps.workspace.db)
    try {
      const client = await this.deps.client()
      const scope = await this.discover(client)
      if (!this.stopping()) {
        const tasks = this.plan(client, scope)
        this.total = this.done + tasks.behavior.length + tasks.group.length
        this.dataStartedAt = this.deps.now()
        this.deps.progressed()
        await Promise.all([this.runPool(tasks.behavior), this.runPool(tasks.group)])
      }
    } catch (error) {
      this.failure ??= error
    }
    this.flush()
    done()
    this.finishedAt = this.deps.now()
    this.state = this.failure !== undefined ? 'failed' : this.cancelRequested ? 'cancelled' : 'done'
    if (this.failure !== undefined) {
      const error = this.failure
      if (error instanceof AppError)
        this.deps.log.warn('statistics fill failed', { code: error.code, errcode: error.wecomErrcode })
      else this.deps.log.error('statistics fill failed unexpectedly', { error })
    }
    try {
      this.deps.workspace.transaction(() => {
        if (this.state === 'done') this.deps.workspace.kv.set(LAST_REFRESH_KEY, this.finishedAt)
        this.saveOutcome()
      })
    } catch (error) {
      this.deps.log.warn('statistics fill: outcome not saved', { error })
    }
    this.deps.progressed()
  }

  private saveOutcome(): void {
    const failure = this.failure
    const outcome: StoredFillOutcome = {
      state: this.state,
      kind: this.kind,
      startedAt: this.startedAt,
      ...(this.finishedAt !== undefined ? { finishedAt: this.finishedAt } : {}),
      done: this.done,
      total: this.total,
      teamSource: this.teamSource,
      ...(failure instanceof AppError
        ? { error: { code: failure.code, text: failure.text, ...(failure.hint ? { hint: failure.hint } : {}) } }
        : failure !== undefined
          ? { error: { code: 'internal', text: { 'zh-CN': '', en: '' } } }
          : {}),
    }
    this.deps.workspace.kv.set(FILL_OUTCOME_KEY, outcome)
  }

  // ── 1. who: members, departments, group owners ──

  private async discover(client: WecomClient): Promise<{ members: string[]; owners: string[]; roots: number[] }> {
    const { now } = this.deps
    const [follow, departments] = await Promise.all([
      client.members.getFollowUserList().finally(() => this.answered('directory')),
      optional(client.members.listDepartments()).finally(() => this.answered('directory')),
    ])
    const ids = departments?.map((department) => department.id) ?? []
    const roots = (departments ?? [])
      .filter((department) => !ids.includes(department.parentid))
      .map((department) => department.id)
      .slice(0, IDS_PER_CALL)
    // Names and departments from the directory (each visible root with its sub-departments), owners beside.
    this.total += roots.length
    const [directory, owners] = await Promise.all([
      Promise.all(
        roots.map((root) =>
          optional(client.members.listUsersSimple(root, true)).finally(() => this.answered('directory')),
        ),
      ),
      this.discoverOwners(client, follow),
    ])
    const named = new Map(directory.flatMap((list) => list ?? []).map((member) => [member.userid, member]))
    const subject = (userid: string): Omit<Subject, 'kind'> => ({
      userid,
      name: named.get(userid)?.name ?? '',
      departments: named.get(userid)?.department ?? [],
      status: 'ok',
      errcode: null,
    })
    this.teamSource = roots.length > 0 ? 'department' : 'members'
    this.write(() => {
      if (departments)
        this.cache.putDepartments(
          departments.map((department) => ({
            id: department.id,
            name: department.name ?? String(department.id),
            parentId: department.parentid,
            order: department.order ?? 0,
          })),
        )
      this.cache.putSubjects('member', follow.map(subject), now())
      this.cache.putSubjects('owner', owners.map(subject), now())
    })
    return { members: follow, owners, roots }
  }

  /**
   * Group owners among the members: groupchat/statistic over the last 30 days, ≤ 100 members per
   * owner_filter; an owner is a member with groups (or new groups) in that window.
   */
  private async discoverOwners(client: WecomClient, members: readonly string[]): Promise<string[]> {
    // Ends with the newest settled day: before 08:00 China time yesterday still reads as zeros.
    const now = this.deps.now()
    const { last } = fillableDays(now)
    const end = now >= settledAt(last) ? last : last - 1
    const window = { day_begin_time: seconds(end - 29), day_end_time: seconds(end) }
    const batches: string[][] = []
    for (let index = 0; index < members.length; index += IDS_PER_CALL)
      batches.push(members.slice(index, index + IDS_PER_CALL))
    this.total += batches.length
    const found = await Promise.all(
      batches.map(async (userid_list) => {
        const owners: string[] = []
        try {
          for await (const page of client.statistics
            .groupChatStatistic({ ...window, owner_filter: { userid_list }, limit: 1000 })
            .pages()) {
            this.answered('directory')
            for (const item of page.items ?? []) {
              const data = item.data
              if ((data.chat_total ?? 0) > 0 || (data.new_chat_cnt ?? 0) > 0 || (data.msg_total ?? 0) > 0)
                owners.push(item.owner)
            }
          }
        } catch (error) {
          if (!(error instanceof AppError) || !NOT_VISIBLE_ERRCODES.has(error.wecomErrcode ?? 0)) throw error
          this.answered('directory')
        }
        return owners
      }),
    )
    const owners = found.flat()
    return owners
  }

  private answered(kind: keyof FillCounts): void {
    this.counts[kind]++
    this.done++
    if (kind !== 'directory') this.dataDone++
    this.deps.progressed()
  }

  // ── 2. what: the incremental plan ──

  private plan(
    client: WecomClient,
    scope: { members: string[]; owners: string[]; roots: number[] },
  ): { behavior: Task[]; group: Task[] } {
    const now = this.deps.now()
    const { first, last } = fillableDays(now)
    const active = this.cache.activeMembers()
    const memberPlans = planSubjects(this.cache, 'member', scope.members, first, last, now)
    const ownerPlans = planSubjects(this.cache, 'owner', scope.owners, first, last, now)
    const behavior: Array<Task & { window: Window }> = []
    const group: Array<Task & { window: Window }> = []

    for (const window of planWindows(first, last, this.cache.teamSkipDays(first, last, now))) {
      if (scope.roots.length > 0)
        behavior.push({ path: 'behavior', window, run: () => this.fetchTeam(client, window, scope.roots) })
      else this.planTeamByMembers(client, window, scope.members, behavior)
    }
    for (const userid of scope.members) {
      for (const window of memberPlans.get(userid) ?? [])
        behavior.push({
          path: 'behavior',
          window,
          subject: userid,
          run: () => this.fetchMember(client, userid, window, active.has(userid)),
        })
    }
    for (const owner of scope.owners) {
      for (const window of ownerPlans.get(owner) ?? [])
        group.push({ path: 'group', window, subject: owner, run: () => this.fetchOwner(client, owner, window) })
    }
    // Newest windows first: the days people look at arrive first.
    const newestFirst = (a: { window: Window }, b: { window: Window }) => b.window.last - a.window.last
    return { behavior: behavior.sort(newestFirst), group: group.sort(newestFirst) }
  }

  /** The team where the app cannot see departments: members in batches of ≤ 100, summed (ratios weighted by chats). */
  private planTeamByMembers(
    client: WecomClient,
    window: Window,
    members: readonly string[],
    tasks: Array<Task & { window: Window }>,
  ) {
    const batches: string[][] = []
    for (let index = 0; index < members.length; index += IDS_PER_CALL)
      batches.push(members.slice(index, index + IDS_PER_CALL))
    if (batches.length === 0) return
    const sums = new Map<number, Sum>()
    let pending = batches.length
    for (const userid of batches)
      tasks.push({
        path: 'behavior',
        window,
        run: async () => {
          const answer = await client.statistics.getUserBehaviorData({
            userid,
            start_time: seconds(window.first),
            end_time: seconds(window.last),
          })
          for (const row of contactRows(answer, window)) addSum(sums, row)
          this.answered('team')
          if (--pending === 0) this.writeTeam([...sums.values()].map(sumRow), 'members', true)
        },
      })
  }

  // ── 3. the calls ──

  private async fetchTeam(client: WecomClient, window: Window, roots: number[]): Promise<void> {
    const answer = await client.statistics.getUserBehaviorData({
      partyid: roots,
      start_time: seconds(window.first),
      end_time: seconds(window.last),
    })
    this.answered('team')
    this.writeTeam(contactRows(answer, window), 'department', true)
  }

  private writeTeam(rows: ContactDayRow[], source: 'department' | 'members', hadContacts: boolean): void {
    const fetchedAt = this.deps.now()
    this.queue(() =>
      this.cache.putTeamDays(rows, source, fetchedAt, (row) =>
        isFinal(row.day, fetchedAt, contactZero(row), hadContacts),
      ),
    )
  }

  private async fetchMember(client: WecomClient, userid: string, window: Window, active: boolean): Promise<void> {
    const answer = await client.statistics.getUserBehaviorData({
      userid: [userid],
      start_time: seconds(window.first),
      end_time: seconds(window.last),
    })
    this.answered('members')
    const rows = contactRows(answer, window)
    const hadContacts = active || rows.some((row) => !contactZero(row))
    const fetchedAt = this.deps.now()
    this.queue(() =>
      this.cache.putMemberDays(userid, rows, fetchedAt, (row) =>
        isFinal(row.day, fetchedAt, contactZero(row), hadContacts),
      ),
    )
  }

  private async fetchOwner(client: WecomClient, owner: string, window: Window): Promise<void> {
    const answer = await client.statistics.groupChatStatisticGroupByDay({
      day_begin_time: seconds(window.first),
      day_end_time: seconds(window.last),
      owner_filter: { userid_list: [owner] },
    })
    this.answered('owners')
    const rows = groupRows(answer, window)
    const fetchedAt = this.deps.now()
    // An owner was found with groups: an all-zero day (not even a group total) is suspect.
    this.queue(() =>
      this.cache.putOwnerDays(owner, rows, fetchedAt, (row) => isFinal(row.day, fetchedAt, groupZero(row), true)),
    )
  }

  /**
   * Queues an answer's rows: written together with the others that arrive within a few ms (one
   * transaction for many answers, short enough never to hold the event loop). A crash loses only
   * queued answers, whose days are not final in the cache, so they are simply fetched again.
   */
  private queue(write: () => void): void {
    this.pending.push(write)
    if (this.pending.length >= WRITE_BATCH) this.flush()
    else this.flushTimer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS)
  }

  /** Writes the queued answers now (a failed write stops the fill). */
  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    const batch = this.pending.splice(0)
    if (batch.length === 0) return
    try {
      this.write(() => {
        for (const write of batch) write()
      })
    } catch (error) {
      this.failure ??= error
    }
  }

  /** One write transaction that also marks the cache as changed (the dashboards reload it). */
  private write(fn: () => void): void {
    this.deps.workspace.transaction(() => {
      fn()
      bumpVersion(this.deps.workspace)
    })
  }

  private async runPool(tasks: Task[]): Promise<void> {
    let next = 0
    const worker = async () => {
      while (!this.stopping()) {
        const task = tasks[next++]
        if (!task) return
        if (task.subject !== undefined && this.unavailable.has(`${task.path}:${task.subject}`)) {
          this.total--
          this.deps.progressed()
          continue
        }
        try {
          await task.run()
        } catch (error) {
          if (
            task.subject !== undefined &&
            error instanceof AppError &&
            NOT_VISIBLE_ERRCODES.has(error.wecomErrcode ?? 0)
          ) {
            // Left, or out of the app's sight: recorded, the others go on.
            this.unavailable.add(`${task.path}:${task.subject}`)
            const { subject } = task
            const kind = task.path === 'behavior' ? 'member' : 'owner'
            const at = this.deps.now()
            this.queue(() => this.cache.markUnavailable(kind, subject, error.wecomErrcode, at))
            this.answered(task.path === 'behavior' ? 'members' : 'owners')
            continue
          }
          this.failure ??= error
        }
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, this.deps.concurrency) }, worker))
  }
}

/** Resolves undefined instead of failing with an AppError (a directory the app may not see). */
async function optional<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise
  } catch (error) {
    if (error instanceof AppError) return undefined
    throw error
  }
}

/** 00:00 China time of a day number, as WeCom's unix seconds. */
function seconds(day: number): number {
  return Math.floor(corpDayNumberStart(day) / 1000)
}

function dayOfStat(statTime: number): number {
  return corpDayNumber(statTime * 1000)
}

/** The answer's days inside the window (days WeCom left out count as zeros). */
export function contactRows(answer: readonly UserBehaviorDay[], window: Window): ContactDayRow[] {
  const byDay = new Map<number, UserBehaviorDay>()
  for (const entry of answer) byDay.set(dayOfStat(entry.stat_time), entry)
  const rows: ContactDayRow[] = []
  for (let day = window.first; day <= window.last; day++) {
    const entry = byDay.get(day)
    rows.push({
      day,
      new_apply_cnt: entry?.new_apply_cnt ?? 0,
      new_contact_cnt: entry?.new_contact_cnt ?? 0,
      chat_cnt: entry?.chat_cnt ?? 0,
      message_cnt: entry?.message_cnt ?? 0,
      reply_percentage: entry?.reply_percentage ?? null,
      avg_reply_time: entry?.avg_reply_time ?? null,
      negative_feedback_cnt: entry?.negative_feedback_cnt ?? 0,
    })
  }
  return rows
}

export function groupRows(
  answer: ReadonlyArray<{ stat_time: number; data: GroupChatStatData }>,
  window: Window,
): GroupDayRow[] {
  const byDay = new Map<number, GroupChatStatData>()
  for (const entry of answer) byDay.set(dayOfStat(entry.stat_time), entry.data)
  const rows: GroupDayRow[] = []
  for (let day = window.first; day <= window.last; day++) {
    const data = byDay.get(day) ?? {}
    rows.push({
      day,
      new_chat_cnt: data.new_chat_cnt ?? 0,
      chat_total: data.chat_total ?? 0,
      chat_has_msg: data.chat_has_msg ?? 0,
      new_member_cnt: data.new_member_cnt ?? 0,
      member_total: data.member_total ?? 0,
      member_has_msg: data.member_has_msg ?? 0,
      msg_total: data.msg_total ?? 0,
    })
  }
  return rows
}

export function contactZero(row: ContactDayRow): boolean {
  return row.new_apply_cnt + row.new_contact_cnt + row.chat_cnt + row.message_cnt + row.negative_feedback_cnt === 0
}

function groupZero(row: GroupDayRow): boolean {
  return (
    row.new_chat_cnt +
      row.chat_total +
      row.chat_has_msg +
      row.new_member_cnt +
      row.member_total +
      row.member_has_msg +
      row.msg_total ===
    0
  )
}

/** Per-day sums of member batches: counts add, ratios weighted by chats. */
interface Sum {
  row: ContactDayRow
  replyWeighted: number
  replyChats: number
  timeWeighted: number
  timeChats: number
}

function addSum(sums: Map<number, Sum>, row: ContactDayRow): void {
  let sum = sums.get(row.day)
  if (!sum) {
    sum = {
      row: { ...row, new_apply_cnt: 0, new_contact_cnt: 0, chat_cnt: 0, message_cnt: 0, negative_feedback_cnt: 0 },
      replyWeighted: 0,
      replyChats: 0,
      timeWeighted: 0,
      timeChats: 0,
    }
    sums.set(row.day, sum)
  }
  sum.row.new_apply_cnt += row.new_apply_cnt
  sum.row.new_contact_cnt += row.new_contact_cnt
  sum.row.chat_cnt += row.chat_cnt
  sum.row.message_cnt += row.message_cnt
  sum.row.negative_feedback_cnt += row.negative_feedback_cnt
  if (row.reply_percentage !== null) {
    sum.replyWeighted += row.reply_percentage * row.chat_cnt
    sum.replyChats += row.chat_cnt
  }
  if (row.avg_reply_time !== null) {
    sum.timeWeighted += row.avg_reply_time * row.chat_cnt
    sum.timeChats += row.chat_cnt
  }
}

function sumRow(sum: Sum): ContactDayRow {
  return {
    ...sum.row,
    reply_percentage: sum.replyChats > 0 ? sum.replyWeighted / sum.replyChats : null,
    avg_reply_time: sum.timeChats > 0 ? sum.timeWeighted / sum.timeChats : null,
  }
}
