import { formatLocal } from '../../../../../shared/date'
import type { MomentCustomerRow, MomentDetail } from '../../../../../shared/moments-detail'
import type { Locale, LocalizedText } from '../../../../../shared/result'
import { text } from '../../../errors'
import { sheetsFile, type TableFile } from '../../../export/file'

const HEADERS = {
  member: [
    text('成员', 'Member'),
    text('成员姓名', 'Member name'),
    text('发表状态', 'Posted'),
    text('点赞数', 'Likes'),
    text('评论数', 'Comments'),
  ],
  customer: [
    text('成员', 'Member'),
    text('成员姓名', 'Member name'),
    text('客户', 'Customer'),
    text('客户名称', 'Customer name'),
    text('客户备注', 'Remark'),
    text('可见情况', 'Visibility'),
  ],
  interaction: [
    text('发表成员', 'Posted by'),
    text('成员姓名', 'Member name'),
    text('客户或同事', 'Customer or colleague'),
    text('名称', 'Name'),
    text('互动', 'Interaction'),
    text('时间', 'Time'),
  ],
} satisfies Record<string, readonly LocalizedText[]>

const SECTION = {
  member: text('成员发表情况', 'Members'),
  customer: text('成员的客户', 'Customers'),
  interaction: text('点赞和评论', 'Likes and comments'),
}
const WORDS = {
  published: text('已发表', 'Posted'),
  waiting: text('未发表', 'Not posted'),
  visible: text('可见', 'Can see it'),
  hidden: text('已选择但不可见', 'Chosen, cannot see it'),
  like: text('点赞', 'Like'),
  comment: text('评论', 'Comment'),
}
const COLLEAGUE: Record<Locale, (name: string) => string> = {
  'zh-CN': (name) => `${name}（同事）`,
  en: (name) => `${name} (colleague)`,
}
const FILE_PREFIX = text('朋友圈详情', 'moment-detail')
/** Longest name part of an export's file name, in characters. */
const NAME_CHARS = 40

/** One member's customers of the post, as the detail service reads them. */
export interface ExportedCustomers {
  memberName: string
  rows: readonly MomentCustomerRow[]
}

/** A name every file system accepts: no separators or control characters, at most 40 characters. */
function safeFileName(value: string): string {
  const cleaned = value
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
  return [...cleaned]
    .slice(0, NAME_CHARS)
    .join('')
    .replace(/^[\s.]+|[\s.]+$/gu, '')
}

const localTime = (ms: number) => formatLocal(ms, 'YYYY-MM-DD HH:mm:ss')

/**
 * A moment's detail in the user's language, as three sheets (three titled tables in a CSV): every
 * member with their publish status and counts; every published member's customers with whether they
 * can see the post (names and remarks from the cache); every like and comment with who made it and
 * when (this computer's local time). Named by the moment's text (else 朋友圈详情) and its local
 * creation time.
 */
export function exportDetail(
  detail: MomentDetail,
  customers: ReadonlyMap<string, ExportedCustomers>,
  options: { format: 'xlsx' | 'csv'; locale: Locale; momentText: string; createTime?: number | undefined; now: number },
): TableFile {
  const l = options.locale
  const members = detail.members.map((member) => [
    member.userid,
    member.memberName,
    (member.published ? WORDS.published : WORDS.waiting)[l],
    String(member.likes),
    String(member.comments),
  ])
  const customerRows = detail.members.flatMap((member) =>
    (customers.get(member.userid)?.rows ?? []).map((row) => [
      member.userid,
      member.memberName,
      row.externalUserid,
      row.name,
      row.remark,
      (row.visible ? WORDS.visible : WORDS.hidden)[l],
    ]),
  )
  const interactions = detail.interactions.map(({ actor, ...entry }) => [
    entry.posterUserid,
    entry.posterName,
    actor.kind === 'customer' ? actor.externalUserid : actor.userid,
    actor.kind === 'customer' ? actor.name : COLLEAGUE[l](actor.name || actor.userid),
    (entry.type === 'like' ? WORDS.like : WORDS.comment)[l],
    localTime(entry.at),
  ])
  const sheet = (key: keyof typeof HEADERS, rows: string[][]) => ({
    name: SECTION[key][l],
    table: { header: HEADERS[key].map((label) => label[l]), rows },
  })
  const name = safeFileName(options.momentText) || FILE_PREFIX[l]
  return sheetsFile(
    [sheet('member', members), sheet('customer', customerRows), sheet('interaction', interactions)],
    options.format,
    name,
    options.createTime ?? options.now,
  )
}
