import type { Handlers } from '../../../../shared/contract'
import type { CampaignService } from '../../services/campaigns/campaign-service'

/** campaigns:* — mass messages (企业群发): preview, exactly-once sending, scheduled sends, receive-cap setting. */
export function campaignsHandlers(campaigns: CampaignService): Handlers['campaigns'] {
  return {
    preview: async ({ draftId }) => campaigns.preview(draftId),
    send: async (input) => campaigns.send(input),
    jobs: async () => campaigns.jobs(),
    cancelJob: async ({ jobId }) => campaigns.cancelJob(jobId),
    getSettings: async () => campaigns.settings(),
    setSettings: async ({ receiveCap }) => campaigns.setSettings(receiveCap),
  }
}
