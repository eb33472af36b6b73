import { StatementCache } from '../../store/repositories/statement-cache'
import type { Workspace } from '../../store/workspace'
import { JSON_LIST, jsonList } from './filter-sql'

/** Names of the cached customers with these ids (gone ones too); ids not in the cache are left out. */
export function customerNames(
  workspace: Workspace,
  externalUserids: readonly string[],
): Array<{ externalUserid: string; name: string }> {
  return workspace
    .repository(StatementCache)
    .get(
      `SELECT c.external_userid AS externalUserid, c.name FROM customers c
       WHERE c.external_userid IN ${JSON_LIST}`,
    )
    .all(jsonList(externalUserids)) as unknown as Array<{ externalUserid: string; name: string }>
}
