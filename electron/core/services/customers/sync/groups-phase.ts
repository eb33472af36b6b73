import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import { WecomApiError } from '../../../wecom'
import type { GroupChatListPage } from '../../../wecom'
import { memberRanges } from './batching'
import type { CursorChain, ListedGroup } from './checkpoint'
import { runWorkers } from '../../../pool'
import type { PhaseScope } from './scope'

/** groupchat/list without an owner filter answers 81017 when the app sees more members than this. */
export const UNFILTERED_LIST_MAX_MEMBERS = 1000
const OWNER_FILTER_REQUIRED = 81017

/**
 * Customer groups: every group's chat_id (groupchat/list, 1,000 a page), then each group's details
 * (groupchat/get, one call per group, `concurrency` at once). A group whose member_version is the
 * cached one keeps its member rows. Listed groups and list cursors are saved page by page, and a
 * resumed run skips the groups it already fetched.
 */
export async function syncGroups(scope: PhaseScope): Promise<void> {
  const { checkpoint } = scope
  const members = scope.members()
  if (checkpoint.groupListChains.length === 0) {
    planListChains(scope, members, checkpoint.visibleMembers > UNFILTERED_LIST_MAX_MEMBERS)
  }
  const listed = await listGroups(scope, members)
  if (scope.stopping()) return
  await fetchGroups(scope, listed)
  if (scope.stopping()) return
  checkpoint.completed.push('groups')
  scope.writer.queue({ kind: 'checkpoint' }, checkpoint)
}

/**
 * One unfiltered chain (the fewest calls), or owner lists of ≤ 100 members when WeCom requires a
 * filter: as few lists as possible, since each costs at least one call.
 */
function planListChains(scope: PhaseScope, members: readonly string[], byOwner: boolean): void {
  const { checkpoint } = scope
  const ranges = byOwner ? memberRanges(members.length, WECOM_LIMITS.groupchat.ownerFilter, 1) : [undefined]
  checkpoint.groupListChains = ranges.map((range) => ({
    ...(range ? { range } : {}),
    cursor: '',
    pages: 0,
    done: false,
  }))
  scope.writer.queue({ kind: 'checkpoint' }, checkpoint)
}

/** Lists the groups (resuming the saved list chains); resolves with every group listed, saved or queued. */
async function listGroups(scope: PhaseScope, members: readonly string[]): Promise<ListedGroup[]> {
  const { checkpoint } = scope
  const listed = scope.store.listedGroups()
  const walk = () =>
    runWorkers(
      checkpoint.groupListChains.filter((chain) => !chain.done),
      scope.concurrency,
      (chain, halted) => walkListChain(scope, chain, members, listed, halted),
      scope.stopping,
    )
  try {
    await walk()
  } catch (error) {
    const unfiltered = checkpoint.groupListChains.length === 1 && !checkpoint.groupListChains[0]?.range
    if (!(error instanceof WecomApiError && error.errcode === OWNER_FILTER_REQUIRED && unfiltered)) throw error
    scope.log.info('sync: groupchat/list needs owner filters, listing by owner')
    planListChains(scope, members, true)
    await walk()
  }
  return listed
}

async function walkListChain(
  scope: PhaseScope,
  chain: CursorChain,
  members: readonly string[],
  listed: ListedGroup[],
  halted: () => boolean,
): Promise<void> {
  const pages = scope.client.groups
    .list({
      limit: WECOM_LIMITS.groupchat.listPageSize,
      ...(chain.range ? { owner_filter: { userid_list: members.slice(...chain.range) } } : {}),
      ...(chain.cursor ? { cursor: chain.cursor } : {}),
    })
    .pages()
  for await (const page of pages) {
    queueListPage(scope, chain, listed, page)
    scope.progressed()
    if (chain.done || halted()) return
  }
}

function queueListPage(scope: PhaseScope, chain: CursorChain, listed: ListedGroup[], page: GroupChatListPage): void {
  const { checkpoint } = scope
  const entries = (page.group_chat_list ?? []).map((group): ListedGroup => [group.chat_id, group.status])
  listed.push(...entries)
  chain.cursor = page.next_cursor ?? ''
  chain.done = !page.next_cursor
  chain.pages += 1
  checkpoint.done += 1
  checkpoint.groupsListed += entries.length
  scope.writer.queue({ kind: 'listedGroups', groups: listed }, checkpoint)
}

/** groupchat/get for every listed group this run has not fetched yet (in an earlier session). */
async function fetchGroups(scope: PhaseScope, listed: readonly ListedGroup[]): Promise<void> {
  const { checkpoint } = scope
  const fetched = scope.cache.groupsSyncedSince(checkpoint.runStartedAt)
  const pending = new Map(listed.filter(([chatId]) => !fetched.has(chatId)))
  await runWorkers(
    [...pending],
    scope.concurrency,
    async ([chatId, status]) => {
      // With names: a member who is neither a member of the corp nor a cached customer shows by them.
      const detail = await scope.client.groups.get(chatId, true)
      checkpoint.done += 1
      checkpoint.counts.groups += 1
      scope.writer.queue({ kind: 'group', detail, status }, checkpoint)
      scope.progressed()
    },
    scope.stopping,
  )
}
