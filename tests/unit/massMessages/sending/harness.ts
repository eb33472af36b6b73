import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SyncStatus } from '../../../../shared/customers'
import { draftInputSchema, type DraftInput, type SendJobSummary } from '../../../../shared/massMessages'
import { SANDBOX_PROFILE_ID } from '../../../../shared/profiles'
import { createCoreContext, type CoreContext } from '../../../../electron/core/context'
import { createLogger } from '../../../../electron/core/log'
import { SyncService } from '../../../../electron/core/services/customers/sync'
import { DraftService } from '../../../../electron/core/services/massMessages/drafts/drafts'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import {
  CampaignService,
  type CampaignServiceOptions,
} from '../../../../electron/core/services/massMessages/sending/campaign-service'
import { SendJournalRepository } from '../../../../electron/core/store/repositories/send-journal'
import { JsonFileSettings } from '../../../../electron/core/store/settings'
import { LocalFileVault } from '../../../../electron/core/store/vault'

const SYNC_ENDED = new Set<SyncStatus['state']>(['done', 'failed', 'cancelled'])

/** Where the embedded sandbox profile points: a sandbox started by the test or the bench, so its request log can be read. */
export type SandboxAddress = Pick<SandboxHandle, 'url' | 'corpid' | 'secret'>

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
  return mkdtempSync(join(tmpdir(), prefix))
}

/**
 * Builds the core context createCore builds (profiles, connection, workspaces, events) with the
 * built-in sandbox profile pointing at `sandbox`, starts the campaign service with `options`, and
 * connects, which starts recovery and the scheduler exactly as at app start.
 */
export async function openCampaignCore(
  dataDir: string,
  sandbox: SandboxAddress,
  options: CampaignServiceOptions = {},
): Promise<CampaignCore> {
  const { ctx, close, setLocale } = createCoreContext({
    dataDir,
    settings: new JsonFileSettings(join(dataDir, 'settings.json')),
    vault: new LocalFileVault(dataDir),
    log: createLogger(),
    sandbox: async () => sandbox,
  })
  ctx.profiles.setActive(SANDBOX_PROFILE_ID)
  setLocale('en')
  const { events, connection } = ctx
  const updates: SendJobSummary[] = []
  events.subscribe((channel, payload) => {
    if (channel === 'massMessages:onJobUpdate') updates.push(payload as SendJobSummary)
  })
  const campaigns = new CampaignService(ctx, options).start()
  const drafts = new DraftService(ctx.workspace)
  const sync = new SyncService(ctx)
  ctx.onClose(() => sync.close())
  await connection.activate()
  return {
    ctx,
    campaigns,
    updates,
    journal: () => ctx.workspace().repository(SendJournalRepository),
    syncCache: () =>
      new Promise((resolve) => {
        const unsubscribe = events.subscribe((channel, payload) => {
          const status = payload as SyncStatus
          if (channel !== 'customers:onSyncProgress' || !SYNC_ENDED.has(status.state)) return
          unsubscribe()
          resolve(status)
        })
        void sync.start()
      }),
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
