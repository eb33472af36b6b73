import { WECOM_LIMITS } from '../../../../../shared/limits/wecom'
import type { GroupMsgStopResult } from '../../../../../shared/massMessages'
import type { Workspace } from '../../../store/workspace'
import type { GroupMsgSendResult, WecomClient } from '../../../wecom'
import { explainMsgidErrors } from './errors'
import { reachedRecipients } from './results'
import { StopLog } from './stop-log'

const PAGE_SIZE = WECOM_LIMITS.massMessage.taskPageSize

/**
 * Stops a mass message: members who have not sent it no longer need to. WeCom keeps no stopped
 * flag, so the stop is recorded in the workspace; a message this console already stopped is not
 * stopped again (the answer says so). Right after the stop, the recipients it had reached are
 * recorded for the receive-cap estimate: the results of the members who had sent (none to read
 * when nobody had); if that read fails, the next read of the results records them.
 */
export async function stopGroupMessage(
  client: WecomClient,
  workspace: Workspace,
  msgid: string,
  now: () => number = Date.now,
): Promise<GroupMsgStopResult> {
  const stops = workspace.repository(StopLog)
  const earlier = stops.get(msgid)
  if (earlier) return { msgid, stoppedAt: earlier.stoppedAt, alreadyStopped: true }
  await explainMsgidErrors(msgid, () => client.massMessages.cancelGroupMsgSend(msgid))
  const stoppedAt = now()
  stops.record(msgid, stoppedAt)
  try {
    const tasks = await explainMsgidErrors(msgid, () =>
      client.massMessages.getGroupMsgTask({ msgid, limit: PAGE_SIZE }).all(),
    )
    const results: GroupMsgSendResult[] = []
    for (const task of tasks.filter((candidate) => candidate.status === 2)) {
      results.push(
        ...(await explainMsgidErrors(msgid, () =>
          client.massMessages.getGroupMsgSendResult({ msgid, userid: task.userid, limit: PAGE_SIZE }).all(),
        )),
      )
    }
    stops.setReached(msgid, reachedRecipients(results))
  } catch {
    // Left unknown: groupMsgResults records the reach the next time the results are read.
  }
  return { msgid, stoppedAt, alreadyStopped: false }
}
