import type { Migration } from '../migrations'

/**
 * Step 13 (after the four slots 9–12 reserved for features built side by side): the customer's
 * groups in the customer detail (services/customers/groups/of-customer.ts) look a customer up among
 * the group members by member id. group_chat_members is keyed by (chat_id, member_id), so that
 * lookup read every member of every cached group. This index answers it from the index alone
 * (member_id, then type 2 = a customer; chat_id comes with the key). Self-contained SQL only.
 */
export const customersGroupIndexMigration: Migration = {
  version: 13,
  name: 'customer_group_member_index',
  up(db) {
    db.exec(`CREATE INDEX group_chat_members_member ON group_chat_members (member_id, type, chat_id);`)
  },
}
