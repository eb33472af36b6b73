import type { Handlers } from '../../../../shared/contract'
import { previewAudience } from '../../audience/resolve'
import { listAudiences, removeAudience, saveAudience } from '../../audience/saved'
import type { CoreContext } from '../../context'
import { customerDetail } from '../../services/customers/detail'
import { exportCustomers } from '../../services/customers/export'
import { markTags, updateRemark } from '../../services/customers/edits'
import { groupDetail } from '../../services/customers/groups/detail'
import { exportGroups } from '../../services/customers/groups/export'
import { customerGroups } from '../../services/customers/groups/of-customer'
import { groupsByIds } from '../../services/customers/groups/by-ids'
import { customerNames } from '../../services/customers/names'
import { groupOwners } from '../../services/customers/groups/owners'
import { queryGroups } from '../../services/customers/groups/query'
import { memberSummaries } from '../../services/customers/members'
import { queryCustomers } from '../../services/customers/query'
import { SyncService } from '../../services/customers/sync'
import { tagLibrary } from '../../services/customers/tags/library'
import { bulkMarkTags } from '../../services/customers/tags/bulk'
import { addTags, editTag, removeTags } from '../../services/customers/tags/writes'

/**
 * customers:* — the Customers area over the active profile's cache: customers (queries, remark and
 * tag edits, WeCom first), the tag library, customer groups, the background sync, and audiences.
 */
export function customersHandlers(ctx: CoreContext): Handlers['customers'] {
  const writeDeps = () => ({ workspace: ctx.workspace(), client: () => ctx.connection.client() })
  const sync = new SyncService(ctx)
  ctx.onClose(() => sync.close())
  return {
    query: async (input) => queryCustomers(ctx.workspace(), input),
    get: async ({ externalUserid }) => customerDetail(ctx.workspace(), externalUserid),
    export: async ({ format, ...query }) =>
      exportCustomers(ctx.workspace(), query, format, ctx.locale(), Date.now(), (done, total) =>
        ctx.events.emit('customers:onExportProgress', { done, total }),
      ),
    members: async () => memberSummaries(ctx.workspace()),
    updateRemark: async (input) => updateRemark(writeDeps(), input),
    markTags: async (input) => markTags(writeDeps(), input),
    bulkTags: async (input) =>
      bulkMarkTags(writeDeps(), input, ctx.locale(), (progress) =>
        ctx.events.emit('customers:onBulkTagsProgress', progress),
      ),
    listTags: async () => tagLibrary(ctx.workspace()),
    addTags: async (input) => addTags(writeDeps(), input),
    editTag: async (input) => editTag(writeDeps(), input),
    removeTags: async (input) => removeTags(writeDeps(), input),
    queryGroups: async (input) => queryGroups(ctx.workspace(), input),
    getGroup: async ({ chatId }) => groupDetail(ctx.workspace(), chatId),
    customerGroups: async ({ externalUserid }) => customerGroups(ctx.workspace(), externalUserid),
    groupsByIds: async ({ chatIds }) => groupsByIds(ctx.workspace(), chatIds),
    customerNames: async ({ externalUserids }) => customerNames(ctx.workspace(), externalUserids),
    groupOwners: async () => groupOwners(ctx.workspace()),
    exportGroups: async ({ format, ...query }) =>
      exportGroups(ctx.workspace(), query, format, ctx.locale(), Date.now()),
    startSync: async () => sync.start(),
    cancelSync: async () => sync.cancel(),
    getSyncStatus: async () => sync.status(),
    previewAudience: async ({ filter }) => previewAudience(ctx.workspace(), filter),
    listAudiences: async () => listAudiences(ctx.workspace()),
    saveAudience: async (input) => saveAudience(ctx.workspace(), input, Date.now()),
    removeAudience: async ({ id }) => removeAudience(ctx.workspace(), id),
  }
}
