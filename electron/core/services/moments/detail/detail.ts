import type {
  MomentActor,
  MomentCancelResult,
  MomentCustomerRow,
  MomentCustomersPage,
  MomentDetail,
  MomentDetailProgress,
  MomentInteraction,
  MomentMemberStatus,
  MomentRemindResult,
  MomentRemindStatus,
} from '../../../../../shared/moments-detail'
import type { Locale } from '../../../../../shared/result'
import { AppError } from '../../../errors'
import type { CoreEvents } from '../../../events'
import type { TableFile } from '../../../export/file'
import { runWorkers } from '../../../pool'
import type { Workspace } from '../../../store/workspace'
import { WecomApiError, type MomentComments, type WecomClient } from '../../../wecom'
import {
  everyonePublished,
  explainMomentErrors,
  NOT_CORP_MOMENT,
  personalMoment,
  personalWithoutCreator,
  remindNeedsAgentId,
} from './errors'
import { exportDetail } from './export'
import { customerFacts, memberNames } from './names'
import { remindCard } from './remind-card'

/** Documented page maxima (reference §0.3): get_moment_task / customer list 1,000; send result 5,000. */
const TASK_PAGE = 1000
const CUSTOMER_PAGE = 1000
const SEND_RESULT_PAGE = 5000
/** Members whose interactions or customers are read at once: the client's own concurrency per path. */
const IN_FLIGHT = 8
/** Moments whose detail is kept in memory per workspace (the most recently opened). */
const MEMO_MOMENTS = 20
/** A progress event at most this often (ms), plus the last one. */
const PROGRESS_EVERY_MS = 100
/** Reads of fewer calls finish in well under a second: no progress for them. */
const PROGRESS_FROM_CALLS = 8
/** The same reminder sent twice within this many seconds reaches nobody twice (WeCom's duplicate check). */
const REMIND_DUPLICATE_CHECK_S = 1800

/** One member's customers of the post, named, as read. */
interface MemberCustomers {
  memberName: string
  rows: MomentCustomerRow[]
  chosen: number
  visible: number
}

interface MomentMemo {
  detail?: MomentDetail
  customers: Map<string, MemberCustomers>
}

export interface MomentDetailDeps {
  client: () => Promise<WecomClient>
  workspace: () => Workspace
  events: Pick<CoreEvents, 'emit'>
  locale: () => Locale
  now?: () => number
}

const CANCELLED_KEY = (momentId: string) => `moments.detail.cancelled:${momentId}`
const REMINDED_KEY = (momentId: string) => `moments.detail.reminded:${momentId}`

/** What the caller knows of the moment from the cached list (personal moments need their creator). */
export interface MomentIdentity {
  momentId: string
  createType?: 0 | 1 | undefined
  creator?: string | undefined
}

/**
 * One moment's detail: members' publish status, their customers (chosen and actually seeing it),
 * the likes and comments, and what a marketer does with them (remind, stop, export). Everything
 * read from WeCom is kept in memory per workspace until the user refreshes; names come from the
 * workspace's customer cache.
 */
export class MomentDetailService {
  private readonly memos = new WeakMap<Workspace, Map<string, MomentMemo>>()
  private readonly now: () => number

  constructor(private readonly deps: MomentDetailDeps) {
    this.now = deps.now ?? Date.now
  }

  /** The memo of a moment in the active workspace, most recently used last (oldest dropped). */
  private memo(workspace: Workspace, momentId: string): MomentMemo {
    let memos = this.memos.get(workspace)
    if (!memos) this.memos.set(workspace, (memos = new Map()))
    const memo = memos.get(momentId) ?? { customers: new Map() }
    memos.delete(momentId)
    memos.set(momentId, memo)
    while (memos.size > MEMO_MOMENTS) memos.delete(memos.keys().next().value as string)
    return memo
  }

  private progress(momentId: string, step: MomentDetailProgress['step'], total: number) {
    let last = 0
    let done = 0
    const emit = () => this.deps.events.emit('moments:onDetailProgress', { momentId, step, done, total })
    if (total >= PROGRESS_FROM_CALLS) emit()
    return () => {
      done++
      const at = this.now()
      if (total >= PROGRESS_FROM_CALLS && (done === total || at - last >= PROGRESS_EVERY_MS)) {
        last = at
        emit()
      }
    }
  }

  /** The detail, from memory unless `refresh` or never read. */
  async detail(input: MomentIdentity & { refresh?: boolean }): Promise<MomentDetail> {
    const workspace = this.deps.workspace()
    const memo = this.memo(workspace, input.momentId)
    if (memo.detail && !input.refresh) return { ...memo.detail, ...this.cancelled(workspace, input.momentId) }
    const detail = await this.read(workspace, input)
    memo.detail = detail
    if (input.refresh) memo.customers.clear()
    return detail
  }

  private cancelled(workspace: Workspace, momentId: string): { cancelledAt?: number } {
    const at = workspace.kv.get<number>(CANCELLED_KEY(momentId))
    return at === undefined ? {} : { cancelledAt: at }
  }

  /** Member tasks (corp) or the creator (personal), then every published member's interactions. */
  private async read(workspace: Workspace, input: MomentIdentity): Promise<MomentDetail> {
    const { momentId } = input
    const client = await this.deps.client()
    const tasks = await this.memberTasks(client, input)
    const names = memberNames(
      workspace,
      tasks.list.map((task) => task.userid),
    )
    const published = tasks.list.filter((task) => task.published)
    const step = this.progress(momentId, 'interactions', published.length)
    const comments = new Map<string, MomentComments>()
    await runWorkers(
      published,
      IN_FLIGHT,
      async (task) => {
        comments.set(
          task.userid,
          await explainMomentErrors(momentId, () => client.moments.getMomentComments(momentId, task.userid)),
        )
        step()
      },
      () => false,
    )
    const interactions = this.interactions(workspace, comments, names)
    const members: MomentMemberStatus[] = tasks.list.map((task) => {
      const own = comments.get(task.userid)
      return {
        userid: task.userid,
        memberName: names.get(task.userid) ?? '',
        published: task.published,
        likes: own?.like_list.length ?? 0,
        comments: own?.comment_list.length ?? 0,
      }
    })
    const likes = interactions.filter((entry) => entry.type === 'like').length
    const customers = new Set(
      interactions.flatMap((entry) => (entry.actor.kind === 'customer' ? [entry.actor.externalUserid] : [])),
    )
    return {
      momentId,
      corp: tasks.corp,
      members,
      interactions,
      totals: {
        members: members.length,
        published: published.length,
        rate: members.length === 0 ? 0 : published.length / members.length,
        likes,
        comments: interactions.length - likes,
        interactingCustomers: customers.size,
      },
      ...this.cancelled(workspace, momentId),
      fetchedAt: this.now(),
    }
  }

  private async memberTasks(
    client: WecomClient,
    input: MomentIdentity,
  ): Promise<{ corp: boolean; list: Array<{ userid: string; published: boolean }> }> {
    const personal = () => {
      if (!input.creator) throw personalWithoutCreator()
      return { corp: false, list: [{ userid: input.creator, published: true }] }
    }
    if (input.createType === 1) return personal()
    try {
      const tasks = await explainMomentErrors(input.momentId, () =>
        client.moments.getMomentTask({ moment_id: input.momentId, limit: TASK_PAGE }).all(),
      )
      return { corp: true, list: tasks.map((task) => ({ userid: task.userid, published: task.publish_status === 1 })) }
    } catch (error) {
      if (error instanceof WecomApiError && error.errcode === NOT_CORP_MOMENT) return personal()
      throw error
    }
  }

  /** Likes and comments of every poster, newest first, each naming who made it. */
  private interactions(
    workspace: Workspace,
    comments: ReadonlyMap<string, MomentComments>,
    posters: ReadonlyMap<string, string>,
  ): MomentInteraction[] {
    const all = [...comments.entries()].flatMap(([poster, answer]) => [
      ...answer.like_list.map((item) => ({ type: 'like' as const, poster, item })),
      ...answer.comment_list.map((item) => ({ type: 'comment' as const, poster, item })),
    ])
    const customerIds = all.flatMap(({ item }) => (item.external_userid ? [item.external_userid] : []))
    const memberIds = all.flatMap(({ item }) => (item.userid ? [item.userid] : []))
    const customers = customerFacts(workspace, customerIds)
    const colleagues = memberNames(workspace, memberIds)
    const actor = (item: { external_userid?: string; userid?: string }): MomentActor =>
      item.external_userid
        ? {
            kind: 'customer',
            externalUserid: item.external_userid,
            name: customers.get(item.external_userid)?.name ?? '',
          }
        : { kind: 'member', userid: item.userid ?? '', name: colleagues.get(item.userid ?? '') ?? '' }
    return all
      .map(({ type, poster, item }) => ({
        type,
        posterUserid: poster,
        posterName: posters.get(poster) ?? '',
        actor: actor(item),
        at: Number(item.create_time) * 1000,
      }))
      .sort((a, b) => b.at - a.at)
  }

  /** One member's customers of the post: chosen at publish and actually seeing it, both lists read in full once. */
  private async memberCustomers(
    workspace: Workspace,
    momentId: string,
    userid: string,
    refresh: boolean,
  ): Promise<MemberCustomers> {
    const memo = this.memo(workspace, momentId)
    const known = memo.customers.get(userid)
    if (known && !refresh) return known
    const client = await this.deps.client()
    const [chosen, visible] = await Promise.all([
      explainMomentErrors(momentId, () =>
        client.moments.getMomentCustomerList({ moment_id: momentId, userid, limit: CUSTOMER_PAGE }).all(),
      ),
      explainMomentErrors(momentId, () =>
        client.moments.getMomentSendResult({ moment_id: momentId, userid, limit: SEND_RESULT_PAGE }).all(),
      ),
    ])
    const seeing = new Set(visible.map((entry) => entry.external_userid))
    const ids = [...new Set([...chosen.map((entry) => entry.external_userid), ...seeing])]
    const facts = customerFacts(workspace, ids, userid)
    const entry: MemberCustomers = {
      memberName: memberNames(workspace, [userid]).get(userid) ?? '',
      rows: ids.map((id) => ({
        externalUserid: id,
        name: facts.get(id)?.name ?? '',
        remark: facts.get(id)?.remark ?? '',
        visible: seeing.has(id),
      })),
      chosen: new Set(chosen.map((c) => c.external_userid)).size,
      visible: seeing.size,
    }
    memo.customers.set(userid, entry)
    return entry
  }

  /** A window of a member's customers in a view, filtered by name or remark. */
  async customers(input: {
    momentId: string
    userid: string
    view: 'visible' | 'chosen' | 'hidden'
    search: string
    offset: number
    limit: number
    refresh: boolean
  }): Promise<MomentCustomersPage> {
    const entry = await this.memberCustomers(this.deps.workspace(), input.momentId, input.userid, input.refresh)
    const needle = input.search.toLowerCase()
    const inView = entry.rows.filter(
      (row) =>
        (input.view === 'chosen' || row.visible === (input.view === 'visible')) &&
        (needle === '' ||
          row.name.toLowerCase().includes(needle) ||
          row.remark.toLowerCase().includes(needle) ||
          row.externalUserid.toLowerCase() === needle),
    )
    return {
      userid: input.userid,
      memberName: entry.memberName,
      chosen: entry.chosen,
      visible: entry.visible,
      total: inView.length,
      rows: inView.slice(input.offset, input.offset + input.limit),
    }
  }

  /**
   * Reminds the members who have not posted (read fresh from WeCom) with a text card naming the
   * moment; at most 1,000 per message. Needs the profile's AgentId.
   */
  async remind(input: {
    momentId: string
    momentText: string
    createTime?: number | undefined
  }): Promise<MomentRemindResult> {
    const client = await this.deps.client()
    if (!client.messages.hasAgent) throw remindNeedsAgentId()
    let tasks: Awaited<ReturnType<MomentDetailService['memberTasks']>>
    try {
      tasks = await this.memberTasks(client, { momentId: input.momentId, createType: 0 })
    } catch (error) {
      if (error instanceof AppError && error.code === 'moment_creator_unknown') throw personalMoment('remind')
      throw error
    }
    const workspace = this.deps.workspace()
    const names = memberNames(
      workspace,
      tasks.list.map((task) => task.userid),
    )
    const waiting = tasks.list
      .filter((task) => !task.published)
      .map((task) => ({ userid: task.userid, name: names.get(task.userid) ?? '' }))
    if (waiting.length === 0) throw everyonePublished('remind')
    const card = remindCard(this.deps.locale(), input.momentText, input.createTime)
    const invalid = new Set<string>()
    for (let start = 0; start < waiting.length; start += 1000) {
      const touser = waiting.slice(start, start + 1000).map((member) => member.userid)
      const answer = await client.messages.sendTextCard({
        touser,
        textcard: card,
        duplicateCheckSeconds: REMIND_DUPLICATE_CHECK_S,
      })
      for (const userid of answer.invalidUsers) invalid.add(userid)
    }
    const at = this.now()
    const earlier = workspace.kv.get<{ count: number }>(REMINDED_KEY(input.momentId))
    workspace.kv.set(REMINDED_KEY(input.momentId), { lastAt: at, count: (earlier?.count ?? 0) + 1 })
    return {
      momentId: input.momentId,
      sent: waiting.filter((member) => !invalid.has(member.userid)),
      invalid: waiting.filter((member) => invalid.has(member.userid)),
      at,
    }
  }

  /** Reminders sent so far, and whether the profile's client can send one (its AgentId is set). */
  async remindStatus(momentId: string): Promise<MomentRemindStatus> {
    const stored = this.deps.workspace().kv.get<{ lastAt: number; count: number }>(REMINDED_KEY(momentId))
    const byAppMessage = await this.deps.client().then(
      (client) => client.messages.hasAgent,
      () => false,
    )
    return stored ? { lastAt: stored.lastAt, count: stored.count, byAppMessage } : { count: 0, byAppMessage }
  }

  /**
   * Stops a company moment members are still posting. WeCom keeps no readable "stopped" flag, so
   * the stop is recorded in the workspace; a moment this console already stopped is not stopped again.
   */
  async cancel(momentId: string): Promise<MomentCancelResult> {
    const workspace = this.deps.workspace()
    const earlier = workspace.kv.get<number>(CANCELLED_KEY(momentId))
    if (earlier !== undefined) return { momentId, cancelledAt: earlier, alreadyCancelled: true }
    const client = await this.deps.client()
    try {
      await explainMomentErrors(momentId, () => client.moments.cancelMomentTask(momentId))
    } catch (error) {
      if (error instanceof WecomApiError && error.errcode === NOT_CORP_MOMENT) throw personalMoment('cancel', error)
      throw error
    }
    const cancelledAt = this.now()
    workspace.kv.set(CANCELLED_KEY(momentId), cancelledAt)
    const memo = this.memo(workspace, momentId)
    if (memo.detail) memo.detail = { ...memo.detail, cancelledAt }
    return { momentId, cancelledAt, alreadyCancelled: false }
  }

  /** Members, every published member's customers and the interactions as one file. */
  async export(
    input: MomentIdentity & { format: 'xlsx' | 'csv'; momentText: string; createTime?: number | undefined },
  ): Promise<TableFile> {
    const workspace = this.deps.workspace()
    const detail = await this.detail(input)
    const published = detail.members.filter((member) => member.published)
    const step = this.progress(input.momentId, 'customers', published.length)
    const customers = new Map<string, MemberCustomers>()
    await runWorkers(
      published,
      IN_FLIGHT,
      async (member) => {
        customers.set(member.userid, await this.memberCustomers(workspace, input.momentId, member.userid, false))
        step()
      },
      () => false,
    )
    return exportDetail(detail, customers, {
      format: input.format,
      locale: this.deps.locale(),
      momentText: input.momentText,
      createTime: input.createTime,
      now: this.now(),
    })
  }
}
