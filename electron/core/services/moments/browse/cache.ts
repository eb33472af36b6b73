import type { DatabaseSync } from 'node:sqlite'
import {
  momentKind,
  type MomentContentKind,
  type MomentCreator,
  type MomentProgress,
  type MomentSummary,
} from '../../../../../shared/moments'
import { JSON_LIST, jsonList } from '../../../store/json-list'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Moment } from '../../../wecom'

/** The filters of the list, already validated (times in ms, both included). */
export interface CachedMomentFilter {
  from: number
  to: number
  creator?: string | undefined
  createType?: 0 | 1 | undefined
  kind?: MomentContentKind | undefined
  keyword?: string | undefined
}

interface MomentRow {
  moment_id: string
  create_time: number
  create_type: number
  creator: string | null
  creator_name: string | null
  visible_type: number
  kind: string
  text: string
  content: string
  progress_published: number | null
  progress_total: number | null
  progress_checked_at: number | null
}

/** The JSON `content` column: what a moment carries besides its text. */
type StoredContent = Pick<MomentSummary, 'images' | 'video' | 'link' | 'location'>

const SELECT_ROW = `SELECT m.moment_id, m.create_time, m.create_type, m.creator, mb.name AS creator_name, m.visible_type,
  m.kind, m.text, m.content, m.progress_published, m.progress_total, m.progress_checked_at
  FROM moments m LEFT JOIN members mb ON mb.userid = m.creator`

/** What the keyword is matched against: the text, the link's title and the place, lowercased. */
function searchText(summary: Pick<MomentSummary, 'text' | 'link' | 'location'>): string {
  return [summary.text, summary.link?.title ?? '', summary.location?.name ?? ''].join('\n').toLowerCase()
}

/** A get_moment_list item as the cache keeps it (times in ms). */
export function summaryOf(moment: Moment): MomentSummary {
  const images = (moment.image ?? []).map((image) => ({ mediaId: image.media_id }))
  const summary: MomentSummary = {
    momentId: moment.moment_id,
    createTime: Number(moment.create_time) * 1000,
    createType: Number(moment.create_type) === 0 ? 0 : 1,
    visibleType: Number(moment.visible_type) === 0 ? 0 : 1,
    text: moment.text?.content ?? '',
    kind: 'text',
    images,
  }
  if (moment.creator) summary.creatorUserid = moment.creator
  if (moment.video?.media_id) {
    summary.video = { mediaId: moment.video.media_id }
    if (moment.video.thumb_media_id) summary.video.thumbMediaId = moment.video.thumb_media_id
  }
  if (moment.link?.url) summary.link = { title: moment.link.title ?? '', url: moment.link.url }
  if (moment.location) summary.location = { ...moment.location }
  summary.kind = momentKind(summary)
  return summary
}

function toSummary(row: MomentRow): MomentSummary {
  const content = JSON.parse(row.content) as StoredContent
  const summary: MomentSummary = {
    momentId: row.moment_id,
    createTime: row.create_time,
    createType: row.create_type === 0 ? 0 : 1,
    visibleType: row.visible_type === 0 ? 0 : 1,
    text: row.text,
    kind: row.kind as MomentContentKind,
    images: content.images ?? [],
  }
  if (row.creator !== null) {
    summary.creatorUserid = row.creator
    if (row.creator_name) summary.creatorName = row.creator_name
  }
  if (content.video) summary.video = content.video
  if (content.link) summary.link = content.link
  if (content.location) summary.location = content.location
  if (row.progress_checked_at !== null && row.progress_total !== null && row.progress_published !== null) {
    summary.progress = {
      published: row.progress_published,
      total: row.progress_total,
      checkedAt: row.progress_checked_at,
    }
  }
  return summary
}

/** The WHERE clause and parameters of a filter. */
function whereOf(filter: CachedMomentFilter): { sql: string; params: Array<string | number> } {
  const clauses = ['m.create_time >= ?', 'm.create_time <= ?']
  const params: Array<string | number> = [filter.from, filter.to]
  if (filter.creator) {
    clauses.push('m.creator = ?')
    params.push(filter.creator)
  }
  if (filter.createType !== undefined) {
    clauses.push('m.create_type = ?')
    params.push(filter.createType)
  }
  if (filter.kind) {
    clauses.push('m.kind = ?')
    params.push(filter.kind)
  }
  const keyword = filter.keyword?.trim().toLowerCase()
  if (keyword) {
    clauses.push('instr(m.search_text, ?) > 0')
    params.push(keyword)
  }
  return { sql: clauses.join(' AND '), params }
}

/**
 * The workspace's moments cache (schema slot 10): moments as get_moment_list returned them, the
 * China days fetched completely, and each corp moment's last known publish progress.
 */
export class MomentCache {
  private readonly statements: StatementCache

  constructor(private readonly db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  /** When each of `days` was fetched completely (days never fetched are absent). */
  fetchedDays(days: readonly string[]): Map<string, number> {
    const rows = this.statements
      .get(`SELECT day, fetched_at FROM moment_days WHERE day IN ${JSON_LIST}`)
      .all(jsonList(days)) as unknown as Array<{ day: string; fetched_at: number }>
    return new Map(rows.map((row) => [row.day, row.fetched_at]))
  }

  /**
   * Stores what one window returned: every moment (content as listed; progress kept), removes the
   * cached moments of the window that WeCom no longer lists (deleted since), and records the
   * window's days as fetched at `fetchedAt`. Call inside a transaction.
   */
  saveWindow(
    window: { fromMs: number; toMs: number; days: readonly string[] },
    moments: readonly MomentSummary[],
    fetchedAt: number,
  ): void {
    const upsert = this.statements.get(
      `INSERT INTO moments (moment_id, create_time, create_type, creator, visible_type, kind, text, search_text, content, fetched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (moment_id) DO UPDATE SET create_time = excluded.create_time, create_type = excluded.create_type,
         creator = excluded.creator, visible_type = excluded.visible_type, kind = excluded.kind, text = excluded.text,
         search_text = excluded.search_text, content = excluded.content, fetched_at = excluded.fetched_at`,
    )
    for (const moment of moments) {
      const content: StoredContent = { images: moment.images }
      if (moment.video) content.video = moment.video
      if (moment.link) content.link = moment.link
      if (moment.location) content.location = moment.location
      upsert.run(
        moment.momentId,
        moment.createTime,
        moment.createType,
        moment.creatorUserid ?? null,
        moment.visibleType,
        moment.kind,
        moment.text,
        searchText(moment),
        JSON.stringify(content),
        fetchedAt,
      )
    }
    this.statements
      .get(`DELETE FROM moments WHERE create_time >= ? AND create_time <= ? AND moment_id NOT IN ${JSON_LIST}`)
      .run(window.fromMs, window.toMs, jsonList(moments.map((moment) => moment.momentId)))
    const markDay = this.statements.get(
      `INSERT INTO moment_days (day, fetched_at) VALUES (?, ?)
       ON CONFLICT (day) DO UPDATE SET fetched_at = excluded.fetched_at`,
    )
    for (const day of window.days) markDay.run(day, fetchedAt)
  }

  /** One page of the cached moments matching the filter, newest first, and how many match in all. */
  query(filter: CachedMomentFilter, offset: number, limit: number): { rows: MomentSummary[]; total: number } {
    const where = whereOf(filter)
    const total = (
      this.statements.get(`SELECT count(*) AS n FROM moments m WHERE ${where.sql}`).get(...where.params) as {
        n: number
      }
    ).n
    const rows = this.statements
      .get(`${SELECT_ROW} WHERE ${where.sql} ORDER BY m.create_time DESC, m.moment_id LIMIT ? OFFSET ?`)
      .all(...where.params, limit, offset) as unknown as MomentRow[]
    return { rows: rows.map(toSummary), total }
  }

  /** One cached moment, or undefined. */
  get(momentId: string): MomentSummary | undefined {
    const row = this.statements.get(`${SELECT_ROW} WHERE m.moment_id = ?`).get(momentId) as MomentRow | undefined
    return row ? toSummary(row) : undefined
  }

  /** The cached moments among `momentIds`. */
  many(momentIds: readonly string[]): MomentSummary[] {
    const rows = this.statements
      .get(`${SELECT_ROW} WHERE m.moment_id IN ${JSON_LIST}`)
      .all(jsonList(momentIds)) as unknown as MomentRow[]
    return rows.map(toSummary)
  }

  /** Records a corp moment's publish progress as read from get_moment_task. */
  saveProgress(momentId: string, progress: MomentProgress): void {
    this.statements
      .get(`UPDATE moments SET progress_published = ?, progress_total = ?, progress_checked_at = ? WHERE moment_id = ?`)
      .run(progress.published, progress.total, progress.checkedAt, momentId)
  }

  /** The creators of cached moments, with the member's name from the customer cache and their count. */
  creators(): MomentCreator[] {
    const rows = this.statements
      .get(
        `SELECT m.creator AS userid, coalesce(mb.name, '') AS name, count(*) AS count FROM moments m
         LEFT JOIN members mb ON mb.userid = m.creator WHERE m.creator IS NOT NULL
         GROUP BY m.creator ORDER BY count(*) DESC, m.creator`,
      )
      .all() as unknown as MomentCreator[]
    return rows.map((row) => ({ userid: row.userid, name: row.name || row.userid, count: row.count }))
  }

  /** A thumbnail kept from media/get: bytes (null when WeCom no longer had it) or undefined if never asked. */
  media(mediaId: string): { contentType: string; bytes: Uint8Array | null } | undefined {
    const row = this.statements.get('SELECT content_type, bytes FROM moment_media WHERE media_id = ?').get(mediaId) as
      { content_type: string; bytes: Uint8Array | null } | undefined
    return row ? { contentType: row.content_type, bytes: row.bytes } : undefined
  }

  saveMedia(mediaId: string, contentType: string, bytes: Uint8Array | null, fetchedAt: number): void {
    this.statements
      .get(
        `INSERT INTO moment_media (media_id, content_type, bytes, fetched_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (media_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes,
           fetched_at = excluded.fetched_at`,
      )
      .run(mediaId, contentType, bytes, fetchedAt)
  }
}
