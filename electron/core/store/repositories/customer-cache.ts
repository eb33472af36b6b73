import type { DatabaseSync } from 'node:sqlite'
import type { BatchCustomer } from '../../wecom/api/customers'
import type { GroupChatDetail } from '../../wecom/api/groups'
import type { CorpTagGroup } from '../../wecom/api/tags'
import { StatementCache } from './statement-cache'

/** A member with customer contact, as the cache keeps it. */
export interface CachedMember {
  userid: string
  name: string
  departments: number[]
}

const seconds = (value: number | undefined) => (value ?? 0) * 1000

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

  /** Replaces the tag library with WeCom's (corp tags are few: at most 3,000). */
  replaceTagLibrary(groups: readonly CorpTagGroup[], syncedAt: number): { groups: number; tags: number } {
    let tagCount = 0
    const live = groups.filter((g) => !g.deleted)
    const upsertGroup = this.statements.get(`
      INSERT INTO tag_groups (group_id, name, sort_order, created_at, synced_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (group_id) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order,
        created_at = excluded.created_at, synced_at = excluded.synced_at`)
    const upsertTag = this.statements.get(`
      INSERT INTO tags (tag_id, group_id, name, sort_order, created_at, synced_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (tag_id) DO UPDATE SET group_id = excluded.group_id, name = excluded.name,
        sort_order = excluded.sort_order, created_at = excluded.created_at, synced_at = excluded.synced_at`)
    for (const group of live) {
      upsertGroup.run(group.group_id, group.group_name, group.order ?? 0, seconds(group.create_time), syncedAt)
      for (const tag of group.tag ?? []) {
        if (tag.deleted) continue
        upsertTag.run(tag.id, group.group_id, tag.name, tag.order ?? 0, seconds(tag.create_time), syncedAt)
        tagCount++
      }
    }
    this.statements.get('DELETE FROM tags WHERE synced_at < ?').run(syncedAt)
    this.statements.get('DELETE FROM tag_groups WHERE synced_at < ?').run(syncedAt)
    return { groups: live.length, tags: tagCount }
  }

  /**
   * Stores one page of `batch/get_by_user`: customers, their follow relation with that member, and
   * its tags; then refreshes the touched customers' aggregates (search text, added time, followers).
   */
  upsertCustomerPage(items: readonly BatchCustomer[], syncedAt: number): { customers: number; follows: number } {
    const upsertCustomer = this.statements.get(`
      INSERT INTO customers (external_userid, name, type, gender, avatar, corp_name, corp_full_name, position, unionid, synced_at, gone_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
      ON CONFLICT (external_userid) DO UPDATE SET name = excluded.name, type = excluded.type, gender = excluded.gender,
        avatar = excluded.avatar, corp_name = excluded.corp_name, corp_full_name = excluded.corp_full_name,
        position = excluded.position, unionid = excluded.unionid, synced_at = excluded.synced_at, gone_at = NULL`)
    const touched = new Set<string>()
    for (const { external_contact: c, follow_info: f } of items) {
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
      this.upsertFollow(c.external_userid, f, syncedAt)
      touched.add(c.external_userid)
    }
    this.refreshAggregates(touched)
    return { customers: touched.size, follows: items.length }
  }

  /** Writes one follow relation and replaces its tag ids. */
  upsertFollow(externalUserid: string, follow: BatchCustomer['follow_info'], syncedAt: number): void {
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
    const sets: string[] = []
    const values: string[] = []
    if (fields.remark !== undefined) (sets.push('remark = ?'), values.push(fields.remark))
    if (fields.description !== undefined) (sets.push('description = ?'), values.push(fields.description))
    if (fields.remarkCompany !== undefined) (sets.push('remark_corp_name = ?'), values.push(fields.remarkCompany))
    if (sets.length === 0) return
    this.db
      .prepare(`UPDATE follows SET ${sets.join(', ')} WHERE external_userid = ? AND userid = ?`)
      .run(...values, externalUserid, userid)
    this.refreshAggregates([externalUserid])
  }

  /** Recomputes search text, earliest add time and live follower count from the follows. */
  refreshAggregates(externalUserids: Iterable<string>): void {
    const refresh = this.statements.get(`
      UPDATE customers SET
        search_text = lower(name || ' ' || corp_name || ' ' || corp_full_name || ' ' || coalesce((
          SELECT group_concat(remark || ' ' || remark_corp_name || ' ' || description, ' ')
          FROM follows f WHERE f.external_userid = customers.external_userid AND f.gone_at IS NULL), '')),
        added_at = coalesce((SELECT min(added_at) FROM follows f WHERE f.external_userid = customers.external_userid AND f.gone_at IS NULL), added_at),
        follow_count = (SELECT count(*) FROM follows f WHERE f.external_userid = customers.external_userid AND f.gone_at IS NULL)
      WHERE external_userid = ?`)
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
  groupVersion(chatId: string): string | undefined {
    const row = this.statements.get('SELECT member_version AS v FROM group_chats WHERE chat_id = ?').get(chatId) as
      { v: string } | undefined
    return row?.v
  }

  /** Marks a group as seen in this sync without rewriting it (its member_version is unchanged). */
  touchGroup(chatId: string, status: number, syncedAt: number): void {
    this.statements
      .get('UPDATE group_chats SET status = ?, synced_at = ?, gone_at = NULL WHERE chat_id = ?')
      .run(status, syncedAt, chatId)
  }

  /** Writes a group and replaces its members. */
  upsertGroup(detail: GroupChatDetail, status: number, syncedAt: number): void {
    const members = detail.member_list ?? []
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
