import { DAY_MS, HOUR_MS, toUnixSeconds } from '../clock'
import type { Customer, Moment, MomentContent, MomentJob, MomentTask, SandboxState } from '../model'
import { pageOf, pageSize, type PageSizeRule } from '../pagination'
import { momentJobStatus, momentListedFromMs, momentPublishedAtMs, momentTaskDelayMs } from '../progress'
import { hashParts, itemAt } from '../random'
import { readRoute, writeRoute, type RouteTable, type SandboxContext } from '../routing'
import {
  asFields,
  charLength,
  checkMaxBytes,
  integerList,
  optionalArray,
  optionalInteger,
  optionalObject,
  optionalString,
  requiredString,
  stringList,
  utf8Length,
  type Fields,
  listWindow,
} from '../request-fields'
import { invalidParameter, WeComError } from '../wecom-error'
import { tagIndex } from './corp-tag-index'
import { requireMedia } from './media'
import { membersOfDepartments } from './members'

const TEXT_MAX_CHARS = 2000
const TEXT_MAX_BYTES = 4000
/** visible_range.sender_list.user_list is documented ≤ 100,000; department and tag lists get the same bound. */
const RANGE_LIST_MAX = 100_000
const LIST_WINDOW_MAX_MS = 30 * DAY_MS
/** get_moment_list reaches back 180 days. */
const LIST_HISTORY_MS = 180 * DAY_MS
const JOB_TTL_MS = DAY_MS
/** How many of each attachment kind a moment may carry (and no mixing of kinds). */
const ATTACHMENT_CAPS: Readonly<Record<string, number>> = { image: 9, video: 1, link: 1 }
const LIST_PAGE: PageSizeRule = { default: 20, max: 20, overMax: 'default' }
/** Over the maximum, the default is used ("超过最大值时取默认值", reference §12.13). */
const TASK_PAGE: PageSizeRule = { default: 500, max: 1000, overMax: 'default' }
const SEND_RESULT_PAGE: PageSizeRule = { default: 3000, max: 5000, overMax: 'default' }
/** Share (of 100) of the chosen customers who cannot actually see a published moment. */
const HIDDEN_PERCENT = 5

/** The attachments of add_moment_task: one kind only (41065), within ATTACHMENT_CAPS (41064). */
function momentAttachments(body: Fields): { kind: string | undefined; parts: Fields[] } {
  const attachments = optionalArray(body, 'attachments').map(asFields)
  const kinds = new Set(attachments.map((attachment) => optionalString(attachment, 'msgtype') ?? ''))
  const [kind] = kinds
  if (kinds.size > 1 || (kind !== undefined && !(kind in ATTACHMENT_CAPS)))
    throw new WeComError(41065, 'invalid attachments msgtype')
  if (kind !== undefined && attachments.length > (ATTACHMENT_CAPS[kind] ?? 0))
    throw new WeComError(41064, 'invalid attachments size')
  return { kind, parts: attachments.map((attachment) => asFields(attachment[kind ?? ''])) }
}

function linkContent(part: Fields, coverMediaId: string): MomentContent['link'] {
  const title = optionalString(part, 'title') ?? ''
  checkMaxBytes(title, 64, 'link.title')
  return { title, url: requiredString(part, 'url'), mediaId: coverMediaId }
}

/** Text and attachments of add_moment_task: ≤ 9 images OR 1 video OR 1 link [4.1]. */
function momentContent(context: SandboxContext, body: Fields): MomentContent {
  const text = optionalString(optionalObject(body, 'text') ?? {}, 'content') ?? ''
  if (charLength(text) > TEXT_MAX_CHARS || utf8Length(text) > TEXT_MAX_BYTES)
    throw invalidParameter('invalid text size')
  const { kind, parts } = momentAttachments(body)
  if (!text && parts.length === 0) throw invalidParameter('text and attachments are both empty')
  const mediaId = (part: Fields, mediaKind: 'image' | 'video') =>
    requireMedia(context, requiredString(part, 'media_id'), mediaKind, 'moment').mediaId
  const [first] = parts
  return {
    text,
    imageMediaIds: kind === 'image' ? parts.map((part) => mediaId(part, 'image')) : [],
    videoMediaId: kind === 'video' && first ? mediaId(first, 'video') : undefined,
    link: kind === 'link' && first ? linkContent(first, mediaId(first, 'image')) : undefined,
    location: undefined,
  }
}

/** Executors from visible_range.sender_list (everyone when absent) plus the ids that matched nobody. */
function executors(state: SandboxState, senderList: Fields | undefined) {
  const userids = senderList ? stringList(senderList, 'user_list', RANGE_LIST_MAX) : []
  const departmentIds = senderList ? integerList(senderList, 'department_list', RANGE_LIST_MAX) : []
  if (userids.length === 0 && departmentIds.length === 0) {
    return { userids: state.members.map((member) => member.userid), invalidUserids: [], invalidDepartmentIds: [] }
  }
  const invalidUserids = userids.filter((userid) => !state.memberById.has(userid))
  const invalidDepartmentIds = departmentIds.filter(
    (id) => !state.departments.some((department) => department.id === id),
  )
  const chosen = new Set(userids.filter((userid) => state.memberById.has(userid)))
  for (const member of membersOfDepartments(state, departmentIds, true)) chosen.add(member.userid)
  return { userids: [...chosen], invalidUserids, invalidDepartmentIds }
}

function createMomentTask(context: SandboxContext, body: Fields) {
  const { state } = context
  const content = momentContent(context, body)
  const visibleRange = optionalObject(body, 'visible_range') ?? {}
  const range = executors(state, optionalObject(visibleRange, 'sender_list'))
  const tagIds = stringList(optionalObject(visibleRange, 'external_contact_list') ?? {}, 'tag_list', RANGE_LIST_MAX)
  const tags = tagIndex(state)
  const now = context.now()
  const momentId = context.newId('mom', 30)
  const moment: Moment = {
    momentId,
    createType: 0,
    creator: undefined,
    createdAtMs: now,
    listedFromMs: momentListedFromMs(now, context.settings.taskSpeed),
    visibleType: tagIds.length > 0 ? 0 : 1,
    content,
    customerTagIds: tagIds.filter((tagId) => tags.has(tagId)),
    tasks: range.userids.map((userid) => ({ userid, publishDelayMs: momentTaskDelayMs(state.seed, momentId, userid) })),
    cancelledAtMs: undefined,
  }
  const job: MomentJob = {
    jobid: context.newId('', 40),
    createdAtMs: now,
    momentId,
    invalidUserids: range.invalidUserids,
    invalidDepartmentIds: range.invalidDepartmentIds,
    invalidTagIds: tagIds.filter((tagId) => !tags.has(tagId)),
  }
  state.moments.push(moment)
  state.momentJobs.set(job.jobid, job)
  return { jobid: job.jobid }
}

function jobResult(context: SandboxContext, jobid: string) {
  const job = context.state.momentJobs.get(jobid)
  if (!job || context.now() - job.createdAtMs >= JOB_TTL_MS) throw invalidParameter(`invalid jobid ${jobid}`)
  const status = momentJobStatus(job, context.settings.taskSpeed, context.now())
  if (status !== 3) return { status, type: 'add_moment_task' }
  return {
    status,
    type: 'add_moment_task',
    result: {
      errcode: 0,
      errmsg: 'ok',
      moment_id: job.momentId,
      invalid_sender_list: { user_list: job.invalidUserids, department_list: job.invalidDepartmentIds },
      invalid_external_contact_list: { tag_list: job.invalidTagIds },
    },
  }
}

/**
 * get_moment_list [4.4]: moments created in the OPEN interval (start_time, end_time) of whole
 * seconds, a window of at most 30 days within the last 180 days; deleted moments are not returned;
 * a `limit` over 20 falls back to the default 20. Oldest first, cursor paged.
 */
function listMoments(context: SandboxContext, body: Fields) {
  const { startMs, endMs, creator, filterType } = listWindow(body, LIST_WINDOW_MAX_MS, '30 days')
  const now = context.now()
  if (startMs < now - LIST_HISTORY_MS) throw invalidParameter('start_time must be within the last 180 days')
  const limit = pageSize(optionalInteger(body, 'limit'), LIST_PAGE)
  const startSecond = startMs / 1000
  const endSecond = endMs / 1000
  const matching = context.state.moments.filter((moment) => {
    const second = toUnixSeconds(moment.createdAtMs)
    return (
      moment.listedFromMs <= now &&
      (moment.deletedAtMs === undefined || moment.deletedAtMs > now) &&
      second > startSecond &&
      second < endSecond &&
      (filterType === 2 || moment.createType === filterType) &&
      (!creator || moment.creator === creator)
    )
  })
  const { page, nextCursor } = pageOf(matching, optionalString(body, 'cursor'), limit)
  return { moment_list: page.map(momentView), next_cursor: nextCursor }
}

function momentView(moment: Moment) {
  const { content } = moment
  const view: Record<string, unknown> = {
    moment_id: moment.momentId,
    create_time: toUnixSeconds(moment.createdAtMs),
    create_type: moment.createType,
    visible_type: moment.visibleType,
    text: { content: content.text },
    image: content.imageMediaIds.map((mediaId) => ({ media_id: mediaId })),
  }
  if (moment.creator) view.creator = moment.creator
  if (content.videoMediaId)
    view.video = {
      media_id: content.videoMediaId,
      ...(content.videoThumbMediaId ? { thumb_media_id: content.videoThumbMediaId } : {}),
    }
  if (content.link) view.link = { title: content.link.title, url: content.link.url }
  if (content.location) view.location = content.location
  return view
}

/** 41059 without moment_id, 41060 for an unknown one. */
function requireMoment(state: SandboxState, body: Fields): Moment {
  const momentId = requiredString(body, 'moment_id', 41059)
  const moment = state.moments.find((candidate) => candidate.momentId === momentId)
  if (!moment) throw new WeComError(41060, `invalid moment_id ${momentId}`)
  return moment
}

/** 41067 unless the moment was created by the corp. */
function requireCorpMoment(state: SandboxState, body: Fields): Moment {
  const moment = requireMoment(state, body)
  if (moment.createType !== 0) throw new WeComError(41067, 'moment is not created by corp')
  return moment
}

/** The member's task on a moment: 41061 if the member has none, 41062 if not yet published. */
function publishedTask(
  context: SandboxContext,
  body: Fields,
): { moment: Moment; task: MomentTask; publishedAtMs: number } {
  const moment = requireMoment(context.state, body)
  const userid = requiredString(body, 'userid')
  const task = moment.tasks.find((candidate) => candidate.userid === userid)
  if (!task) throw new WeComError(41061, `moment is not of member ${userid}`)
  const publishedAtMs = momentPublishedAtMs(moment, task, context.settings.taskSpeed, context.now())
  if (publishedAtMs === undefined) throw new WeComError(41062, `member ${userid} has not published the moment`)
  return { moment, task, publishedAtMs }
}

/** Customers the member chose at publish time: their customers, narrowed by the moment's tags. */
function chosenCustomers(state: SandboxState, moment: Moment, userid: string): Customer[] {
  const customers = state.customersByMember.get(userid) ?? []
  if (moment.customerTagIds.length === 0) return customers
  return customers.filter((customer) =>
    customer.follows.some(
      (follow) => follow.userid === userid && follow.tagIds.some((tagId) => moment.customerTagIds.includes(tagId)),
    ),
  )
}

/** The chosen customers who can actually see the post (a hash hides a few, as WeCom's own filters would). */
function viewers(state: SandboxState, moment: Moment, userid: string): Customer[] {
  return chosenCustomers(state, moment, userid).filter(
    (customer) => hashParts(state.seed, moment.momentId, customer.externalUserid) % 100 >= HIDDEN_PERCENT,
  )
}

/** Comments (0–3) and likes (0–8) by viewers, and now and then one by a colleague; who and when derive from a hash, so calls agree. */
function interactions(context: SandboxContext, moment: Moment, userid: string, publishedAtMs: number) {
  const { seed } = context.state
  const audience = viewers(context.state, moment, userid)
  const entries = (kind: 'comment' | 'like', count: number) => {
    const byCustomer = new Map<string, { external_userid: string; create_time: number }>()
    for (let index = 0; index < count && audience.length > 0; index++) {
      const customer = itemAt(audience, hashParts(seed, moment.momentId, userid, kind, index) % audience.length)
      const atMs = publishedAtMs + (hashParts(seed, moment.momentId, userid, kind, 'at', index) % (48 * HOUR_MS))
      if (atMs <= context.now())
        byCustomer.set(customer.externalUserid, {
          external_userid: customer.externalUserid,
          create_time: toUnixSeconds(atMs),
        })
    }
    return [...byCustomer.values()]
  }
  /** A colleague (another member) likes or comments too on some posts: such items carry `userid`, not `external_userid` [4.8]. */
  const colleagues = context.state.members.filter((member) => member.userid !== userid)
  const colleague = (kind: 'comment' | 'like') => {
    if (colleagues.length === 0 || hashParts(seed, moment.momentId, userid, kind, 'colleague') % 3 !== 0) return []
    const member = itemAt(colleagues, hashParts(seed, moment.momentId, userid, kind, 'who') % colleagues.length)
    const atMs = publishedAtMs + (hashParts(seed, moment.momentId, userid, kind, 'colleague-at') % (24 * HOUR_MS))
    return atMs <= context.now() ? [{ userid: member.userid, create_time: toUnixSeconds(atMs) }] : []
  }
  const roll = hashParts(seed, moment.momentId, userid)
  return {
    comment_list: [...entries('comment', roll % 4), ...colleague('comment')],
    like_list: [...entries('like', (roll >>> 8) % 9), ...colleague('like')],
  }
}

/** Customer moments (客户朋友圈) [4.1–4.8]. */
export const momentRoutes: RouteTable = {
  'externalcontact/add_moment_task': writeRoute((context, { body }) => createMomentTask(context, body)),

  'externalcontact/get_moment_task_result': readRoute('GET', (context, { query }) =>
    jobResult(context, requiredString(query, 'jobid')),
  ),

  'externalcontact/cancel_moment_task': writeRoute((context, { body }) => {
    const moment = requireCorpMoment(context.state, body)
    moment.cancelledAtMs ??= context.now()
    return {}
  }),

  'externalcontact/get_moment_list': readRoute('POST', (context, { body }) => listMoments(context, body)),

  'externalcontact/get_moment_task': readRoute('POST', (context, { body }) => {
    const moment = requireCorpMoment(context.state, body)
    const limit = pageSize(optionalInteger(body, 'limit'), TASK_PAGE)
    const { page, nextCursor } = pageOf(moment.tasks, optionalString(body, 'cursor'), limit)
    const now = context.now()
    return {
      task_list: page.map((task) => ({
        userid: task.userid,
        publish_status: momentPublishedAtMs(moment, task, context.settings.taskSpeed, now) === undefined ? 0 : 1,
      })),
      next_cursor: nextCursor,
    }
  }),

  'externalcontact/get_moment_customer_list': readRoute('POST', (context, { body }) => {
    const { moment, task } = publishedTask(context, body)
    const limit = pageSize(optionalInteger(body, 'limit'), TASK_PAGE)
    const customers = chosenCustomers(context.state, moment, task.userid)
    const { page, nextCursor } = pageOf(customers, optionalString(body, 'cursor'), limit)
    return {
      customer_list: page.map((customer) => ({ userid: task.userid, external_userid: customer.externalUserid })),
      next_cursor: nextCursor,
    }
  }),

  'externalcontact/get_moment_send_result': readRoute('POST', (context, { body }) => {
    const { moment, task } = publishedTask(context, body)
    const limit = pageSize(optionalInteger(body, 'limit'), SEND_RESULT_PAGE)
    const { page, nextCursor } = pageOf(
      viewers(context.state, moment, task.userid),
      optionalString(body, 'cursor'),
      limit,
    )
    return {
      customer_list: page.map((customer) => ({ external_userid: customer.externalUserid })),
      next_cursor: nextCursor,
    }
  }),

  'externalcontact/get_moment_comments': readRoute('POST', (context, { body }) => {
    const { moment, task, publishedAtMs } = publishedTask(context, body)
    return interactions(context, moment, task.userid, publishedAtMs)
  }),
}
