import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import type { CursorChain } from './checkpoint'
import type { ChainProgress } from './estimate'
import type { CustomerPageWriter } from './page-writer'
import { runWorkers } from '../../../pool'
import type { PhaseScope } from './scope'

/**
 * Customers and their follow relations (batch/get_by_user, 100 pairs a page), chain by chain,
 * `concurrency` chains at once (see `memberRanges`). Pages are saved with their chains' next
 * cursors (see `CustomerPageWriter`), so a stop at any point resumes at the first page not saved.
 * Records what each chain fetched, for the estimate.
 */
export async function syncCustomers(
  scope: PhaseScope,
  writer: CustomerPageWriter,
  fetched: Map<CursorChain, ChainFetch>,
): Promise<void> {
  const { checkpoint } = scope
  const members = scope.store.members()
  try {
    await runWorkers(
      checkpoint.customerChains.filter((chain) => !chain.done),
      scope.concurrency,
      (chain, halted) => walkChain(scope, chain, members, writer, fetched, halted),
      scope.stopping,
    )
  } finally {
    writer.flush()
  }
  if (scope.stopping()) return
  scope.workspace.transaction(() => {
    checkpoint.completed.push('customers')
    scope.store.saveCheckpoint(checkpoint)
  })
}

async function walkChain(
  scope: PhaseScope,
  chain: CursorChain,
  members: readonly string[],
  writer: CustomerPageWriter,
  fetched: Map<CursorChain, ChainFetch>,
  halted: () => boolean,
): Promise<void> {
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
    writer.add(chain, page)
    const lastUserid = page.external_contact_list?.at(-1)?.follow_info.userid
    const walked = lastUserid === undefined ? undefined : position.get(lastUserid)
    progress.pages += 1
    progress.finished = !page.next_cursor
    if (walked !== undefined) progress.covered = walked + 0.5
    scope.progressed()
    if (!page.next_cursor || halted()) return
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
