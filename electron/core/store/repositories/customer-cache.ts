import type { DatabaseSync } from 'node:sqlite'
import type { BatchCustomer } from '../../wecom/api/customers'
import type { GroupChatDetail } from '../../wecom/api/groups'
import type { CorpTagGroup } from '../../wecom/api/tags'
import { runInTransaction } from '../transaction'
import { StatementCache } from './statement-cache'

/** A member with customer contact, as the cache keeps it. */
export interface CachedMember {
  userid: string
  name: string
  departments: number[]
}

const seconds = (value: number | undefined) => (value ?? 0) * 1000

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Orders batch/get_by_user items by their follows primary key (external_userid, userid). */
function byCustomerThenMember(a: BatchCustomer, b: BatchCustomer): number {
  return (
    compareText(a.external_contact.external_userid, b.external_contact.external_userid) ||
    compareText(a.follow_info.userid, b.follow_info.userid)
  )
}

/** Tags `replaceTagLibrary` keeps of WeCom's library: the live tags of its live groups. */
export function liveTagCount(groups: readonly CorpTagGroup[]): number {
  return groups.filter((g) => !g.deleted).reduce((sum, g) => sum + (g.tag ?? []).filter((t) => !t.deleted).length, 0)
}

/** A list bound as one JSON array parameter and read back with `json_each`, however long it is. */
export const JSON_LIST = '(SELECT value FROM json_each(?))'

/** A customer's live follow relations summed up (one row, also when there are none); binds the id as `?1`. */
const LIVE_FOLLOWS = `SELECT group_concat(f.remark || ' ' || f.remark_corp_name || ' ' || f.description, ' ') AS remarks,
    min(f.added_at) AS added_at, count(*) AS follow_count
  FROM follows f WHERE f.external_userid = ?1 AND f.gone_at IS NULL`

/** The lowercased name, companies and remarks the customer search matches, over `LIVE_FOLLOWS AS live`. */
const searchText = (name: string, corpName: string, corpFullName: string, remarks = 'live.remarks') =>
  `lower(${name} || ' ' || ${corpName} || ' ' || ${corpFullName} || ' ' || coalesce(${remarks}, ''))`

/** `LIVE_FOLLOWS` as scalar subqueries of customer `?1`: one for each of its columns. */
const liveFollows = (column: 'remarks' | 'added_at' | 'follow_count') => `(SELECT ${column} FROM (${LIVE_FOLLOWS}))`

/**
 * Writes WeCom answers into the customer cache (schema: migration 2). Sync and the edit services
 * both go through it, so a remark edited in the console and one fetched by a sync land the same way.
 * Every method is synchronous; callers wrap related calls in `workspace.transaction`.
 */
export class CustomerCacheRepository {
  private readonly statements: StatementCache

  constructor(private readonly db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  upsertMembers(members: readonly CachedMember[], syncedAt: number): void {
    const upsert = this.statements.get(`
      INSERT INTO members (userid, name, departments, synced_at, gone_at) VALUES (?, ?, ?, ?, NULL)
      ON CONFLICT (userid) DO UPDATE SET
        name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE members.name END,
        departments = excluded.departments, synced_at = excluded.synced_at, gone_at = NULL`)
    for (const m of members) upsert.run(m.userid, m.name, JSON.stringify(m.departments), syncedAt)
  }

  /** Members not seen since `syncedBefore` are marked gone. */
  markMembersGone(syncedBefore: number, goneAt: number): number {
    return Number(
      this.statements
        .get('UPDATE members SET gone_at = ? WHERE synced_at < ? AND gone_at IS NULL')
        .run(goneAt, syncedBefore).changes,
    )
  }

  /**
   * Replaces the tag library with WeCom's (corp tags are few: at most 3,000): groups and tags not
   * in `groups` are deleted, whatever their timestamps.
   */
  replaceTagLibrary(groups: readonly CorpTagGroup[], syncedAt: number): { groups: number; tags: number } {
    const live = groups.filter((g) => !g.deleted)
    let tagCount = 0
    for (const group of live) tagCount += this.upsertTagGroup(group, syncedAt)
    const liveTagIds = live.flatMap((g) => (g.tag ?? []).filter((t) => !t.deleted).map((t) => t.id))
    this.statements.get(`DELETE FROM tags WHERE tag_id NOT IN ${JSON_LIST}`).run(JSON.stringify(liveTagIds))
    this.statements
      .get(`DELETE FROM tag_groups WHERE group_id NOT IN ${JSON_LIST}`)
      .run(JSON.stringify(live.map((g) => g.group_id)))
    return { groups: live.length, tags: tagCount }
  }

  /**
   * Writes one tag group and the (not deleted) tags it lists, leaving its other tags alone: what
   * add_corp_tag answers (the group with its new tags). Returns how many tags were written.
   */
  upsertTagGroup(group: CorpTagGroup, syncedAt: number): number {
    const upsertGroup = this.statements.get(`
      INSERT INTO tag_groups (group_id, name, sort_order, created_at, synced_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (group_id) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order,
        created_at = excluded.created_at, synced_at = excluded.synced_at`)
    const upsertTag = this.statements.get(`
      INSERT INTO tags (tag_id, group_id, name, sort_order, created_at, synced_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (tag_id) DO UPDATE SET group_id = excluded.group_id, name = excluded.name,
        sort_order = excluded.sort_order, created_at = excluded.created_at, synced_at = excluded.synced_at`)
    upsertGroup.run(group.group_id, group.group_name, group.order ?? 0, seconds(group.create_time), syncedAt)
    let written = 0
    for (const tag of group.tag ?? []) {
      if (tag.deleted) continue
      upsertTag.run(tag.id, group.group_id, tag.name, tag.order ?? 0, seconds(tag.create_time), syncedAt)
      written++
    }
    return written
  }

  /** Renames / reorders one tag or one tag group after a successful edit_corp_tag; `order` kept when omitted. */
  updateTagEntry(kind: 'tag' | 'group', id: string, fields: { name: string; order?: number }): void {
    const sql =
      kind === 'tag'
        ? 'UPDATE tags SET name = ?, sort_order = coalesce(?, sort_order) WHERE tag_id = ?'
        : 'UPDATE tag_groups SET name = ?, sort_order = coalesce(?, sort_order) WHERE group_id = ?'
    this.statements.get(sql).run(fields.name, fields.order ?? null, id)
  }

  /**
   * Removes tags and whole groups after a successful del_corp_tag, as WeCom does: a group left
   * without tags goes too, and the removed tags leave every follow relation.
   */
  deleteTagsAndGroups(tagIds: readonly string[], groupIds: readonly string[]): void {
    const groups = JSON.stringify(groupIds)
    const removed = this.statements
      .get(`SELECT tag_id AS id FROM tags WHERE tag_id IN ${JSON_LIST} OR group_id IN ${JSON_LIST}`)
      .all(JSON.stringify(tagIds), groups) as Array<{ id: string }>
    const removedIds = JSON.stringify(removed.map((row) => row.id))
    this.statements.get(`DELETE FROM follow_tags WHERE tag_id IN ${JSON_LIST}`).run(removedIds)
    this.statements.get(`DELETE FROM tags WHERE tag_id IN ${JSON_LIST}`).run(removedIds)
    this.statements
      .get(
        `DELETE FROM tag_groups WHERE group_id IN ${JSON_LIST}
           OR NOT EXISTS (SELECT 1 FROM tags t WHERE t.group_id = tag_groups.group_id)`,
      )
      .run(groups)
  }

  /**
   * Stores items of `batch/get_by_user` (one page, or several written together): customers, their
   * follow relation with that member, and its tags; then refreshes the touched customers'
   * aggregates (search text, added time, followers). Items are written in key order, so
   * consecutive rows land on the same index pages (external_userids are random).
   * `firstSeen` counts the customers no earlier call with the same `syncedAt` wrote, so a sync
   * can count distinct customers page by page (and across a resume).
   */
  upsertCustomerPage(
    items: readonly BatchCustomer[],
    syncedAt: number,
  ): { customers: number; follows: number; firstSeen: number } {
    const ordered = [...items].sort(byCustomerThenMember)
    const customers = new Map(ordered.map((item) => [item.external_contact.external_userid, item.external_contact]))
    return runInTransaction(this.db, () => {
      const seenBefore = this.statements
        .get(`SELECT count(*) AS n FROM customers WHERE synced_at = ? AND external_userid IN ${JSON_LIST}`)
        .get(syncedAt, JSON.stringify([...customers.keys()])) as { n: number }
      // Follows first (the customer rows are checked at commit), so each customer row is written
      // once, with its aggregates: every customer index is touched once instead of twice.
      this.db.exec('PRAGMA defer_foreign_keys = ON')
      for (const { external_contact: c, follow_info: f } of ordered) this.upsertFollow(c.external_userid, f, syncedAt)
      // One row of VALUES, not INSERT … SELECT: SQLite keeps a statement journal (a copy of every
      // index page the statement changes) for an INSERT with a SELECT, which here cost more than
      // the three lookups of the customer's follows.
      const upsertCustomer = this.statements.get(`
        INSERT INTO customers (external_userid, name, type, gender, avatar, corp_name, corp_full_name, position, unionid,
          search_text, added_at, follow_count, synced_at, gone_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ${searchText('?2', '?6', '?7', liveFollows('remarks'))},
          coalesce(${liveFollows('added_at')}, 0), ${liveFollows('follow_count')}, ?10, NULL)
        ON CONFLICT (external_userid) DO UPDATE SET name = excluded.name, type = excluded.type, gender = excluded.gender,
          avatar = excluded.avatar, corp_name = excluded.corp_name, corp_full_name = excluded.corp_full_name,
          position = excluded.position, unionid = excluded.unionid, search_text = excluded.search_text,
          added_at = excluded.added_at, follow_count = excluded.follow_count, synced_at = excluded.synced_at, gone_at = NULL`)
      for (const c of customers.values()) {
        upsertCustomer.run(
          c.external_userid,
          c.name ?? '',
          c.type ?? 1,
          c.gender ?? 0,
          c.avatar ?? '',
          c.corp_name ?? '',
          c.corp_full_name ?? '',
          c.position ?? '',
          c.unionid ?? '',
          syncedAt,
        )
      }
      return { customers: customers.size, follows: items.length, firstSeen: customers.size - seenBefore.n }
    })
  }

  /** Writes one follow relation and replaces its tag ids. */
  private upsertFollow(externalUserid: string, follow: BatchCustomer['follow_info'], syncedAt: number): void {
    this.statements
      .get(
        `INSERT INTO follows (external_userid, userid, remark, description, remark_corp_name, remark_mobiles, added_at, add_way, state, oper_userid, synced_at, gone_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
         ON CONFLICT (external_userid, userid) DO UPDATE SET remark = excluded.remark, description = excluded.description,
           remark_corp_name = excluded.remark_corp_name, remark_mobiles = excluded.remark_mobiles, added_at = excluded.added_at,
           add_way = excluded.add_way, state = excluded.state, oper_userid = excluded.oper_userid,
           synced_at = excluded.synced_at, gone_at = NULL`,
      )
      .run(
        externalUserid,
        follow.userid,
        follow.remark ?? '',
        follow.description ?? '',
        follow.remark_corp_name ?? '',
        JSON.stringify(follow.remark_mobiles ?? []),
        seconds(follow.createtime),
        follow.add_way ?? 0,
        follow.state ?? '',
        follow.oper_userid ?? '',
        syncedAt,
      )
    this.setFollowTags(externalUserid, follow.userid, follow.tag_id ?? [])
  }

  /** Replaces the tag ids of one follow relation. */
  setFollowTags(externalUserid: string, userid: string, tagIds: readonly string[]): void {
    this.statements.get('DELETE FROM follow_tags WHERE external_userid = ? AND userid = ?').run(externalUserid, userid)
    const insert = this.statements.get(
      'INSERT OR IGNORE INTO follow_tags (external_userid, userid, tag_id) VALUES (?, ?, ?)',
    )
    for (const tagId of tagIds) insert.run(externalUserid, userid, tagId)
  }

  /** Updates remark fields of one follow relation after a successful externalcontact/remark. */
  updateRemark(
    externalUserid: string,
    userid: string,
    fields: { remark?: string; description?: string; remarkCompany?: string },
  ): void {
    const columns = { remark: 'remark', description: 'description', remarkCompany: 'remark_corp_name' } as const
    const changed = (Object.keys(columns) as Array<keyof typeof columns>).filter((key) => fields[key] !== undefined)
    const sets = changed.map((key) => `${columns[key]} = ?`)
    const values = changed.map((key) => fields[key] as string)
    if (sets.length === 0) return
    this.statements
      .get(`UPDATE follows SET ${sets.join(', ')} WHERE external_userid = ? AND userid = ?`)
      .run(...values, externalUserid, userid)
    this.refreshAggregates([externalUserid])
  }

  /** Recomputes search text, earliest add time and live follower count from the follows. */
  refreshAggregates(externalUserids: Iterable<string>): void {
    const refresh = this.statements.get(`
      UPDATE customers SET search_text = ${searchText('name', 'corp_name', 'corp_full_name')},
        added_at = coalesce(live.added_at, customers.added_at), follow_count = live.follow_count
      FROM (${LIVE_FOLLOWS}) AS live
      WHERE external_userid = ?1`)
    for (const id of externalUserids) refresh.run(id)
  }

  /**
   * After a complete customer pass: follow relations of the synced members not seen since
   * `syncedBefore` are gone, and so are customers left without a live follower.
   */
  markCustomersGone(syncedBefore: number, goneAt: number): { follows: number; customers: number } {
    const stale = this.statements
      .get('SELECT DISTINCT external_userid AS id FROM follows WHERE synced_at < ? AND gone_at IS NULL')
      .all(syncedBefore) as Array<{ id: string }>
    const follows = Number(
      this.statements
        .get('UPDATE follows SET gone_at = ? WHERE synced_at < ? AND gone_at IS NULL')
        .run(goneAt, syncedBefore).changes,
    )
    this.refreshAggregates(stale.map((row) => row.id))
    const customers = Number(
      this.statements
        .get('UPDATE customers SET gone_at = ? WHERE gone_at IS NULL AND follow_count = 0 AND synced_at < ?')
        .run(goneAt, syncedBefore).changes,
    )
    return { follows, customers }
  }

  /** The member_version of a cached group, to skip rewriting unchanged members. */
  private groupVersion(chatId: string): string | undefined {
    const row = this.statements.get('SELECT member_version AS v FROM group_chats WHERE chat_id = ?').get(chatId) as
      { v: string } | undefined
    return row?.v
  }

  /** chat_ids of the groups written with this `syncedAt` (or later): what a resumed sync has done already. */
  groupsSyncedSince(syncedAt: number): Set<string> {
    const rows = this.statements.get('SELECT chat_id AS id FROM group_chats WHERE synced_at >= ?').all(syncedAt)
    return new Set(rows.map((row) => (row as { id: string }).id))
  }

  /**
   * Writes a group (name, owner, notice, admins, status) and replaces its members, unless WeCom's
   * member_version equals the cached one: then the member rows are left as they are.
   */
  upsertGroup(detail: GroupChatDetail, status: number, syncedAt: number): void {
    const members = detail.member_list ?? []
    const membersChanged = !detail.member_version || this.groupVersion(detail.chat_id) !== detail.member_version
    this.statements
      .get(
        `INSERT INTO group_chats (chat_id, name, owner, created_at, notice, status, member_count, member_version, admins, synced_at, gone_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
         ON CONFLICT (chat_id) DO UPDATE SET name = excluded.name, owner = excluded.owner, created_at = excluded.created_at,
           notice = excluded.notice, status = excluded.status, member_count = excluded.member_count,
           member_version = excluded.member_version, admins = excluded.admins, synced_at = excluded.synced_at, gone_at = NULL`,
      )
      .run(
        detail.chat_id,
        detail.name ?? '',
        detail.owner,
        seconds(detail.create_time),
        detail.notice ?? '',
        status,
        members.length,
        detail.member_version ?? '',
        JSON.stringify((detail.admin_list ?? []).map((a) => a.userid)),
        syncedAt,
      )
    if (!membersChanged) return
    this.statements.get('DELETE FROM group_chat_members WHERE chat_id = ?').run(detail.chat_id)
    const insert = this.statements.get(`
      INSERT OR REPLACE INTO group_chat_members (chat_id, member_id, type, name, group_nickname, join_time, join_scene, invitor)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const m of members) {
      insert.run(
        detail.chat_id,
        m.userid,
        m.type,
        m.name ?? '',
        m.group_nickname ?? '',
        seconds(m.join_time),
        m.join_scene ?? 0,
        m.invitor?.userid ?? '',
      )
    }
  }

  markGroupsGone(syncedBefore: number, goneAt: number): number {
    return Number(
      this.statements
        .get('UPDATE group_chats SET gone_at = ? WHERE synced_at < ? AND gone_at IS NULL')
        .run(goneAt, syncedBefore).changes,
    )
  }
}
