import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import type { CursorChain } from './checkpoint'
import type { ChainProgress } from './estimate'
import { runWorkers } from '../../../pool'
import type { PhaseScope } from './scope'

/**
 * Customers and their follow relations (batch/get_by_user, 100 pairs a page), chain by chain,
 * `concurrency` chains at once (see `memberRanges`). Each page is queued for the writer with the
 * checkpoint that moves its chain's cursor past it, so a stop at any point resumes at the first
 * page not saved. The walk goes on while pages are written, and waits only when the writer is
 * far behind. Records what each chain fetched, for the estimate.
 */
export async function syncCustomers(scope: PhaseScope, fetched: Map<CursorChain, ChainFetch>): Promise<void> {
  const { checkpoint } = scope
  const members = scope.members()
  await runWorkers(
    checkpoint.customerChains.filter((chain) => !chain.done),
    scope.concurrency,
    (chain, halted) => walkChain(scope, chain, members, fetched, halted),
    scope.stopping,
  )
  if (scope.stopping()) return
  checkpoint.completed.push('customers')
  scope.writer.queue({ kind: 'checkpoint' }, checkpoint)
}

async function walkChain(
  scope: PhaseScope,
  chain: CursorChain,
  members: readonly string[],
  fetched: Map<CursorChain, ChainFetch>,
  halted: () => boolean,
): Promise<void> {
  const { checkpoint, writer } = scope
  const [from, to] = chain.range ?? [0, 0]
  const userids = members.slice(from, to)
  const position = new Map(userids.map((userid, index) => [userid, index]))
  const progress: ChainFetch = { pages: chain.pages, finished: false }
  fetched.set(chain, progress)
  const pages = scope.client.customers
    .batchGetByUser({
      userid_list: userids,
      limit: WECOM_LIMITS.customer.batchPageSize,
      ...(chain.cursor ? { cursor: chain.cursor } : {}),
    })
    .pages()
  for await (const page of pages) {
    const items = page.external_contact_list ?? []
    chain.cursor = page.next_cursor ?? ''
    chain.done = !page.next_cursor
    chain.pages += 1
    checkpoint.done += 1
    checkpoint.counts.follows += items.length
    writer.queue({ kind: 'customers', items }, checkpoint)
    const lastUserid = items.at(-1)?.follow_info.userid
    const walked = lastUserid === undefined ? undefined : position.get(lastUserid)
    progress.pages += 1
    progress.finished = !page.next_cursor
    if (walked !== undefined) progress.covered = walked + 0.5
    scope.progressed()
    if (!page.next_cursor || halted()) return
    await writer.room()
    if (halted()) return
  }
}

/** What this session fetched of a chain, saved or not yet: for the estimate. */
export interface ChainFetch {
  pages: number
  finished: boolean
  /** Members walked, judged from the member of the last page's last item (WeCom walks the list in order). */
  covered?: number
}

/** The chains as the estimate sees them: saved pages, and those fetched this session. */
export function chainProgress(chains: readonly CursorChain[], fetched: Map<CursorChain, ChainFetch>): ChainProgress[] {
  return chains.map((chain) => {
    const session = fetched.get(chain)
    return {
      members: chain.range ? chain.range[1] - chain.range[0] : 0,
      pages: session?.pages ?? chain.pages,
      done: chain.done || (session?.finished ?? false),
      ...(session?.covered !== undefined ? { covered: session.covered } : {}),
    }
  })
}
