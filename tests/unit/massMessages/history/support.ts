import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { SendJournalRepository } from '../../../../electron/core/store/repositories/send-journal'
import { openWorkspace, type Workspace } from '../../../../electron/core/store/workspace'
import type { WecomClient } from '../../../../electron/core/wecom'
import { fillCustomerCache, startCorp } from '../../customers/support'
import { useTempDir } from '../../store/temp-dir'

export const SECOND_MS = 1000
export const DAY_MS = 24 * 60 * 60 * SECOND_MS
/** A whole second, so list ranges line up with WeCom's second-resolution windows. */
export const START_MS = Date.parse('2025-06-02T10:00:00+08:00')

/** A clock the sandbox and the services share, moved by the test. */
export class TestClock {
  constructor(public ms = START_MS) {}
  readonly now = () => this.ms
  advance(ms: number): void {
    this.ms += ms
  }
}

export interface TrackingCorp {
  sandbox: SandboxHandle
  client: WecomClient
  workspace: Workspace
  clock: TestClock
}

/** Call at the top of a test file: `corp()` gives a small sandbox corp with a filled name cache. */
export function useTrackingCorp(): () => Promise<TrackingCorp> {
  const tempDir = useTempDir()
  const open: TrackingCorp[] = []
  afterEach(async () => {
    for (const corp of open.splice(0)) {
      corp.workspace.close()
      await corp.sandbox.close()
    }
  })
  return async () => {
    const clock = new TestClock()
    const { sandbox, client } = await startCorp({ now: clock.now })
    const workspace = openWorkspace(join(tempDir(), 'workspace.db'))
    await fillCustomerCache(workspace, client, clock.now())
    const corp = { sandbox, client, workspace, clock }
    open.push(corp)
    return corp
  }
}

/** Creates a customer mass message through the client, as the send service would. */
export async function createMessage(corp: TrackingCorp, customers = 3): Promise<string> {
  const external_userid = corp.sandbox.state.customers.slice(0, customers).map((c) => c.externalUserid)
  const { msgid } = await corp.client.massMessages.addMsgTemplate({ external_userid, text: { content: '新品上市' } })
  return msgid
}

/** The get_groupmsg_list_v2 requests the sandbox received. */
export function listRequests(sandbox: SandboxHandle) {
  return sandbox.requestLog
    .filter((record) => record.path === 'externalcontact/get_groupmsg_list_v2')
    .map((record) => record.body as { start_time: number; end_time: number; cursor?: string; limit?: number })
}

/**
 * Sends a customer mass message the way the console's send does: a journaled job (the draft's
 * title) with one chunk, marked in flight, sent through the client, and the msgid journaled.
 */
export async function sendAsConsole(
  corp: TrackingCorp,
  title: string,
  externalUserids: string[],
  text = '夏季新品上市',
): Promise<string> {
  const journal = corp.workspace.repository(SendJournalRepository)
  const now = corp.clock.now()
  const jobId = `job-${now}-${externalUserids.length}-${title}`
  journal.createJob(
    {
      id: jobId,
      title,
      chatType: 'single',
      content: { text, attachments: [] },
      contentFingerprint: 'test',
      state: 'sending',
      recipientCount: externalUserids.length,
      createdAt: now,
      updatedAt: now,
    },
    [{ seq: 0, sender: '', recipients: externalUserids, recipientCount: externalUserids.length }],
  )
  journal.markInFlight(jobId, 0, now)
  const answer = await corp.client.massMessages.addMsgTemplate({
    chat_type: 'single',
    external_userid: externalUserids,
    text: { content: text },
  })
  journal.markSent(jobId, 0, answer.msgid, answer.fail_list ?? [], corp.clock.now())
  journal.setJobState(jobId, 'done', undefined, corp.clock.now())
  return answer.msgid
}

/** The sandbox paths of the requests made since `from` (an index into the request log). */
export function pathsSince(sandbox: SandboxHandle, from: number): string[] {
  return sandbox.requestLog.slice(from).map((record) => record.path)
}
