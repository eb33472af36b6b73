import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'
import { DraftService } from '../../services/massMessages/drafts/drafts'
import { LocalMediaService } from '../../media/local-media'
import { stopGroupMessage } from '../../services/massMessages/history/cancel'
import { copyMessageAsDraft } from '../../services/massMessages/history/copy'
import { exportResults } from '../../services/massMessages/history/export'
import { recipientFacts } from '../../services/massMessages/history/recipient-facts'
import { getGroupMessage } from '../../services/massMessages/history/get'
import { listGroupMessages } from '../../services/massMessages/history/list'
import type { HistoryViewer } from '../../services/massMessages/history/local-facts'
import { groupMsgProgress } from '../../services/massMessages/history/progress'
import { RemindService } from '../../services/massMessages/history/remind'
import { groupMsgResults, groupMsgTasks } from '../../services/massMessages/history/results'
import { CampaignService } from '../../services/massMessages/sending/campaign-service'

/**
 * massMessages:* — mass messages (企业群发): drafts and their media (local, no network), sending
 * (preview, exactly-once send, scheduled jobs, receive-cap rule), and the history tracked in WeCom
 * (list, tasks, results, export, remind, cancel).
 */
export function massMessagesHandlers(ctx: CoreContext): Handlers['massMessages'] {
  const drafts = new DraftService(ctx.workspace)
  const media = new LocalMediaService(ctx.workspace)
  const sending = new CampaignService(ctx).start()
  const client = () => ctx.connection.client()
  const reminders = new RemindService({ client, workspace: ctx.workspace })
  const viewer = (): HistoryViewer => ({ profileName: ctx.connection.status().profileName })
  return {
    listDrafts: async () => drafts.list(),
    getDraft: async ({ id }) => drafts.get(id),
    saveDraft: async (input) => drafts.save(input),
    duplicateDraft: async ({ id }) => drafts.duplicate(id),
    removeDraft: async ({ id }) => drafts.remove(id),
    addMedia: async (input) => media.add(input),
    mediaDataUrl: async ({ localMediaId }) => media.dataUrl(localMediaId),
    preview: async ({ draftId }) => sending.preview(draftId),
    send: async (input) => sending.send(input),
    sendTest: async (input) => sending.sendTest(input),
    jobs: async () => sending.jobs(),
    cancelJob: async ({ jobId }) => sending.cancelJob(jobId),
    getSettings: async () => sending.settings(),
    setSettings: async ({ receiveCap }) => sending.setSettings(receiveCap),
    list: async (query) => listGroupMessages(await client(), ctx.workspace(), query, viewer()),
    get: async ({ msgid }) => getGroupMessage(await client(), ctx.workspace(), msgid, viewer()),
    copyAsDraft: async ({ msgid }) => copyMessageAsDraft(client, ctx.workspace(), msgid, viewer()),
    progress: async ({ msgids }) => groupMsgProgress(client, ctx.workspace(), msgids),
    tasks: async ({ msgid }) => groupMsgTasks(await client(), ctx.workspace(), msgid),
    results: async ({ msgid }) => groupMsgResults(await client(), ctx.workspace(), msgid),
    export: async ({ msgid, format }) => {
      const wecom = await client()
      const [message, { rows }] = await Promise.all([
        getGroupMessage(wecom, ctx.workspace(), msgid, viewer()).catch(() => undefined),
        groupMsgResults(wecom, ctx.workspace(), msgid),
      ])
      // Remarks and tags come from the customer cache, beside the ids WeCom answers with.
      const facts = recipientFacts(ctx.workspace(), rows)
      return exportResults(message ?? {}, rows, format, ctx.locale(), Date.now(), facts)
    },
    remindStatus: async ({ msgid }) => reminders.status(msgid),
    remind: async ({ msgid }) => reminders.remind(msgid),
    cancel: async ({ msgid }) => stopGroupMessage(await client(), ctx.workspace(), msgid),
  }
}
