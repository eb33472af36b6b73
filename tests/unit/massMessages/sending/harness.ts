import type { SyncStatus } from '../../../../shared/customers'
import { draftInputSchema, type DraftInput, type SendJobSummary } from '../../../../shared/massMessages'
import type { CoreContext } from '../../../../electron/core/context'
import { DraftService } from '../../../../electron/core/services/massMessages/drafts/drafts'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import {
  CampaignService,
  type CampaignServiceOptions,
} from '../../../../electron/core/services/massMessages/sending/campaign-service'
import { SendJournalRepository } from '../../../../electron/core/store/repositories/send-journal'
import { openSandboxContext, tempDataDir as tempDir, type SandboxAddress } from '../../core/sandbox-context'

export type { SandboxAddress }

/** The campaign service over a data folder, wired the way createCore wires it, plus what tests look at. */
export interface CampaignCore {
  ctx: CoreContext
  campaigns: CampaignService
  /** Every `massMessages:onJobUpdate` payload, in order. */
  updates: SendJobSummary[]
  journal(): SendJournalRepository
  /** Fills the customer cache through the real sync (`customers:startSync`); resolves when it has finished. */
  syncCache(): Promise<SyncStatus>
  /** Saves a draft through the drafts service; returns its id. */
  saveDraft(draft: DraftInput): Promise<string>
  /** Closes like the app does on quit (the service stops, workspaces close). */
  close(): Promise<void>
}

/** A fresh temporary data folder. */
export function tempDataDir(prefix = 'massMessages-'): string {
  return tempDir(prefix)
}

/**
 * The core context createCore builds (tests/unit/core/sandbox-context.ts) with the built-in
 * sandbox profile pointing at `sandbox`; starts the campaign service with `options` and connects,
 * which starts recovery and the scheduler exactly as at app start.
 */
export async function openCampaignCore(
  dataDir: string,
  sandbox: SandboxAddress,
  options: CampaignServiceOptions = {},
): Promise<CampaignCore> {
  const { ctx, collect, syncCache, close } = openSandboxContext(dataDir, sandbox)
  const updates = collect<SendJobSummary>('massMessages:onJobUpdate')
  const campaigns = new CampaignService(ctx, options).start()
  const drafts = new DraftService(ctx.workspace)
  await ctx.connection.activate()
  return {
    ctx,
    campaigns,
    updates,
    journal: () => ctx.workspace().repository(SendJournalRepository),
    syncCache,
    saveDraft: async (draft) => (await drafts.save(draftInputSchema.parse(draft))).id,
    close,
  }
}

/** The add_msg_template calls the sandbox carried out (mutated) since request number `since`. */
export function createdMessages(sandbox: SandboxHandle, since = 0) {
  return sandbox.requestLog
    .slice(since)
    .filter((record) => record.path === 'externalcontact/add_msg_template' && record.mutated)
    .map((record) => record.body as { external_userid?: string[]; chat_id_list?: string[]; sender?: string })
}
