import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { cancelGroupMessage } from '../../services/tracking/cancel'
import { exportResults } from '../../services/tracking/export'
import { listGroupMessages } from '../../services/tracking/list'
import { RemindService } from '../../services/tracking/remind'
import { groupMsgResults, groupMsgTasks } from '../../services/tracking/results'

/** massMessages:* — tracking the corp's mass messages in WeCom: list, tasks, results, remind, cancel. */
export function massMessagesHandlers(ctx: CoreContext): Handlers['massMessages'] {
  const client = () => ctx.connection.client()
  const reminders = new RemindService({ client, workspace: ctx.workspace })
  return {
    list: async (query) => listGroupMessages(await client(), ctx.workspace(), query),
    tasks: async ({ msgid }) => groupMsgTasks(await client(), ctx.workspace(), msgid),
    results: async ({ msgid }) => groupMsgResults(await client(), ctx.workspace(), msgid),
    export: async ({ msgid, format }) => {
      const { rows } = await groupMsgResults(await client(), ctx.workspace(), msgid)
      return exportResults(msgid, rows, format, ctx.locale(), Date.now())
    },
    remindStatus: async ({ msgid }) => reminders.status(msgid),
    remind: async ({ msgid }) => reminders.remind(msgid),
    cancel: async ({ msgid }) => cancelGroupMessage(await client(), msgid),
  }
}
