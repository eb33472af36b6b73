import type { WecomClient } from '../../../wecom'
import { explainMsgidErrors } from './errors'

/** Stops a mass message: members who have not sent it no longer need to. */
export async function cancelGroupMessage(client: WecomClient, msgid: string): Promise<{ msgid: string }> {
  await explainMsgidErrors(msgid, () => client.massMessages.cancelGroupMsgSend(msgid))
  return { msgid }
}
