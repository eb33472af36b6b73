import type { Targeting } from '../../../../../shared/massMessages'
import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import type { RecipientChunk } from '../../../store/repositories/send-journal'
import { StatementCache } from '../../../store/repositories/statement-cache'
import type { Workspace } from '../../../store/workspace'
import { resolveAudience } from '../../../audience/resolve'
import { JSON_LIST, jsonList } from '../../../store/json-list'

const { externalUseridsPerCall, chatIdsPerCall } = WECOM_LIMITS.massMessage

/** Who a send reaches and how it splits into add_msg_template calls, resolved over the local cache. */
export interface RecipientPlan {
  /** Every customer (single) or group (group) reached; for owners' groups, as cached. */
  recipientIds: string[]
  /** Members who will get a task, with how many of the recipients each. */
  senders: Map<string, number>
  /** One per add_msg_template call, in sending order. */
  chunks: RecipientChunk[]
}

/** Consecutive slices of at most `size`, keeping the order. */
function slices(ids: readonly string[], size: number): string[][] {
  const out: string[][] = []
  for (let start = 0; start < ids.length; start += size) out.push(ids.slice(start, start + size))
  return out
}

function countsOf(bySender: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  return new Map([...bySender].map(([userid, ids]) => [userid, ids.length]))
}

/**
 * Customers: consecutive slices of ≤ 10,000 external_userids in a stable (sorted) order, no
 * sender (WeCom gives each customer's task to their own member).
 */
function customerPlan(externalUserids: string[], bySender: ReadonlyMap<string, readonly string[]>): RecipientPlan {
  const chunks = slices(externalUserids, externalUseridsPerCall).map((recipients, seq) => ({
    seq,
    sender: '',
    recipients,
    recipientCount: recipients.length,
  }))
  return { recipientIds: externalUserids, senders: countsOf(bySender), chunks }
}

/**
 * The live (not gone) groups an owner has in the cache, sorted: what a journal chunk with no
 * chat_id_list ("all of the sender's groups", as earlier versions sent) reached.
 */
export function ownerChatIds(workspace: Workspace, owner: string): string[] {
  const rows = workspace
    .repository(StatementCache)
    .get('SELECT chat_id AS chatId FROM group_chats WHERE owner = ? AND gone_at IS NULL ORDER BY chat_id')
    .all(owner) as Array<{ chatId: string }>
  return rows.map((row) => row.chatId)
}

/** Picked customers, minus those the last sync found gone; the senders come from the audience engine. */
function pickedCustomers(workspace: Workspace, picked: readonly string[]): RecipientPlan {
  const gone = new Set(
    (
      workspace
        .repository(StatementCache)
        .get(
          `SELECT external_userid AS id FROM customers WHERE gone_at IS NOT NULL AND external_userid IN ${JSON_LIST}`,
        )
        .all(jsonList(picked)) as Array<{ id: string }>
    ).map((row) => row.id),
  )
  const externalUserids = [...new Set(picked)].filter((id) => !gone.has(id)).sort()
  const wanted = new Set(externalUserids)
  const bySender = new Map<string, string[]>()
  for (const [userid, ids] of resolveAudience(workspace, {}).bySender) {
    const mine = ids.filter((id) => wanted.has(id))
    if (mine.length > 0) bySender.set(userid, mine)
  }
  return customerPlan(externalUserids, bySender)
}

/** Groups with their owner (the sender): ≤ 2,000 per call, one or more calls per owner, in the rows' order. */
function groupPlan(rows: ReadonlyArray<{ chatId: string; owner: string }>): RecipientPlan {
  const byOwner = new Map<string, string[]>()
  for (const { chatId, owner } of rows) {
    const owned = byOwner.get(owner)
    if (owned) owned.push(chatId)
    else byOwner.set(owner, [chatId])
  }
  const chunks: RecipientChunk[] = []
  for (const [owner, ids] of byOwner) {
    for (const recipients of slices(ids, chatIdsPerCall)) {
      chunks.push({ seq: chunks.length, sender: owner, recipients, recipientCount: recipients.length })
    }
  }
  return { recipientIds: rows.map((row) => row.chatId), senders: countsOf(byOwner), chunks }
}

/** Picked groups by their cached owner (the sender), ≤ 2,000 per call; unknown or gone groups are left out. */
function pickedGroups(workspace: Workspace, chatIds: readonly string[]): RecipientPlan {
  const rows = workspace
    .repository(StatementCache)
    .get(
      `SELECT chat_id AS chatId, owner FROM group_chats
       WHERE chat_id IN ${JSON_LIST} AND gone_at IS NULL AND owner <> '' ORDER BY owner, chat_id`,
    )
    .all(jsonList(chatIds)) as Array<{ chatId: string; owner: string }>
  return groupPlan(rows)
}

/**
 * All the cached live groups of the chosen owners: one task per owner (more past 2,000 groups),
 * each naming the owner as sender and only that owner's groups in chat_id_list, as WeCom requires
 * for chat_type group. Owners with no cached group are left out.
 */
function ownersGroups(workspace: Workspace, owners: readonly string[]): RecipientPlan {
  const rows = workspace
    .repository(StatementCache)
    .get(
      `SELECT chat_id AS chatId, owner FROM group_chats
       WHERE owner IN ${JSON_LIST} AND gone_at IS NULL ORDER BY owner, chat_id`,
    )
    .all(jsonList([...new Set(owners)])) as Array<{ chatId: string; owner: string }>
  return groupPlan(rows)
}

/** Resolves a (validated) targeting into recipients, senders and chunks over the workspace's cache. */
export function planRecipients(workspace: Workspace, targeting: Targeting): RecipientPlan {
  switch (targeting.mode) {
    case 'filter': {
      const audience = resolveAudience(workspace, targeting.filter)
      return customerPlan(audience.externalUserids, audience.bySender)
    }
    case 'customers':
      return pickedCustomers(workspace, targeting.externalUserids)
    case 'groupsByOwner':
      return ownersGroups(workspace, targeting.senders)
    case 'groups':
      return pickedGroups(workspace, targeting.chatIds)
  }
}
