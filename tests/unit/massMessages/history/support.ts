import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
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
