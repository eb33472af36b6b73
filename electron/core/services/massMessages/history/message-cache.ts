import type { DatabaseSync } from 'node:sqlite'
import type { GroupMsgSummary } from '../../../../../shared/massMessages'
import { JSON_LIST, jsonList } from '../../../store/json-list'
import { StatementCache } from '../../../store/repositories/statement-cache'
import { runInTransaction } from '../../../store/transaction'
import type { MessageAttachment } from '../../../wecom'

/** What WeCom's list says of a message; the local facts (title, stop, status) are added on every read. */
export type ListedMessage = Pick<
  GroupMsgSummary,
  'msgid' | 'chatType' | 'creator' | 'creatorName' | 'createType' | 'createTime' | 'text' | 'attachmentTypes'
>

/**
 * The mass messages lists have shown (schema: migration 5, table `mass_message_cache`), so a detail
 * opened by msgid (a reload, a direct link) has its header without the list, and messages whose
 * every member has sent are known to be final.
 */
export class MessageCache {
  private readonly statements: StatementCache

  constructor(private readonly db: DatabaseSync) {
    this.statements = new StatementCache(db)
  }

  /**
   * Keeps what a list answered (newer facts replace older ones; the all-sent mark stays), with each
   * message's attachments as WeCom listed them (`attachments`, by msgid) for a copy as a new draft.
   */
  remember(
    messages: readonly ListedMessage[],
    now: number,
    attachments: ReadonlyMap<string, readonly MessageAttachment[]> = new Map(),
  ): void {
    if (messages.length === 0) return
    const upsert = this.statements.get(
      `INSERT INTO mass_message_cache (msgid, chat_type, create_time, summary, seen_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (msgid) DO UPDATE SET chat_type = excluded.chat_type, create_time = excluded.create_time,
         summary = excluded.summary, seen_at = excluded.seen_at`,
    )
    runInTransaction(this.db, () => {
      for (const message of messages) {
        const stored: StoredMessage = { ...listed(message) }
        const listedAttachments = attachments.get(message.msgid)
        if (listedAttachments !== undefined) stored.attachments = [...listedAttachments]
        upsert.run(message.msgid, message.chatType, message.createTime, JSON.stringify(stored), now)
      }
    })
  }

  get(msgid: string): ListedMessage | undefined {
    const stored = this.stored(msgid)
    return stored === undefined ? undefined : listed(stored)
  }

  /** The message's attachments as WeCom listed them; undefined when cached before they were kept. */
  attachments(msgid: string): MessageAttachment[] | undefined {
    return this.stored(msgid)?.attachments
  }

  private stored(msgid: string): StoredMessage | undefined {
    const row = this.statements.get('SELECT summary FROM mass_message_cache WHERE msgid = ?').get(msgid) as
      { summary: string } | undefined
    return row === undefined ? undefined : (JSON.parse(row.summary) as StoredMessage)
  }

  /** Records that every member task of the message was seen sent: it can no longer change. */
  markAllSent(msgid: string, at: number): void {
    this.statements
      .get('UPDATE mass_message_cache SET all_sent_at = coalesce(all_sent_at, ?) WHERE msgid = ?')
      .run(at, msgid)
  }

  /** Of `msgids`, those whose every member task was seen sent. */
  allSent(msgids: readonly string[]): Set<string> {
    if (msgids.length === 0) return new Set()
    const rows = this.statements
      .get(`SELECT msgid FROM mass_message_cache WHERE all_sent_at IS NOT NULL AND msgid IN ${JSON_LIST}`)
      .all(jsonList(msgids)) as Array<{ msgid: string }>
    return new Set(rows.map((row) => row.msgid))
  }
}

/** A cache row's summary: WeCom's part of the summary, and the attachments as listed (kept since the copy as a draft). */
type StoredMessage = ListedMessage & { attachments?: MessageAttachment[] }

/** Only WeCom's part of a summary, so local facts are never cached stale. */
function listed(message: ListedMessage): ListedMessage {
  const kept: ListedMessage = {
    msgid: message.msgid,
    chatType: message.chatType,
    createType: message.createType,
    createTime: message.createTime,
    text: message.text,
    attachmentTypes: message.attachmentTypes,
  }
  if (message.creator !== undefined) kept.creator = message.creator
  if (message.creatorName !== undefined) kept.creatorName = message.creatorName
  return kept
}
