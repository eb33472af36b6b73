import { Buffer } from 'node:buffer'
import type { SyncStatus } from '../../../../shared/customers'
import {
  momentDraftInputSchema,
  type MomentDraftInput,
  type MomentMedia,
  type PublishJobSummary,
} from '../../../../shared/moments-publish'
import type { CoreContext } from '../../../../electron/core/context'
import { openSandboxContext, tempDataDir as sharedTempDataDir, type SandboxAddress } from '../../core/sandbox-context'
import type { SandboxHandle } from '../../../../electron/core/sandbox/types'
import { MomentDraftService } from '../../../../electron/core/services/moments/publish/drafts'
import { PublishJournal } from '../../../../electron/core/services/moments/publish/journal'
import { addMomentMedia } from '../../../../electron/core/services/moments/publish/media'
import { PublishService, type PublishServiceOptions } from '../../../../electron/core/services/moments/publish/service'

export type { SandboxAddress }

/** The publish service over a data folder, wired the way createCore wires it, plus what tests look at. */
export interface PublishCore {
  ctx: CoreContext
  publishing: PublishService
  drafts: MomentDraftService
  /** Every `moments:onPublishUpdate` payload, in order. */
  updates: PublishJobSummary[]
  journal(): PublishJournal
  addImage(bytes: Uint8Array, filename?: string): MomentMedia
  saveDraft(draft: MomentDraftInput): string
  syncCache(): Promise<SyncStatus>
  close(): Promise<void>
}

export function tempDataDir(prefix = 'moments-publish-'): string {
  return sharedTempDataDir(prefix)
}

/**
 * Builds the core context createCore builds with the built-in sandbox profile pointing at
 * `sandbox`, starts the publish service with `options` and connects, which starts recovery and the
 * scheduler exactly as at app start.
 */
export async function openPublishCore(
  dataDir: string,
  sandbox: SandboxAddress,
  options: PublishServiceOptions = {},
): Promise<PublishCore> {
  const { ctx, collect, syncCache, close } = openSandboxContext(dataDir, sandbox)
  const updates = collect<PublishJobSummary>('moments:onPublishUpdate')
  const publishing = new PublishService(ctx, options).start()
  const drafts = new MomentDraftService(ctx.workspace)
  await ctx.connection.activate()
  return {
    ctx,
    publishing,
    drafts,
    updates,
    journal: () => ctx.workspace().repository(PublishJournal),
    addImage: (bytes, filename = 'photo.png') =>
      addMomentMedia(
        ctx.workspace,
        'image',
        { filename, contentType: 'image/png', dataBase64: Buffer.from(bytes).toString('base64') },
        Date.now,
      ),
    saveDraft: (draft) => drafts.save(momentDraftInputSchema.parse(draft)).id,
    syncCache,
    close,
  }
}

/** A real PNG header of `width`×`height` pixels, padded to `bytes`; `seed` makes the bytes unique. */
export function png(width: number, height: number, seed = 0, bytes = 64): Uint8Array {
  const data = new Uint8Array(Math.max(bytes, 40))
  data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  const view = new DataView(data.buffer)
  view.setUint32(16, width)
  view.setUint32(20, height)
  view.setUint32(32, seed)
  return data
}

/** An MP4 with an `ftyp` box and a `moov/mvhd` of the given length (version 0 header), padded to `bytes`. */
export function mp4(seconds: number, bytes = 256): Uint8Array {
  const data = new Uint8Array(Math.max(bytes, 24 + 8 + 108))
  const view = new DataView(data.buffer)
  const ascii = (at: number, value: string) => [...value].forEach((c, i) => (data[at + i] = c.charCodeAt(0)))
  view.setUint32(0, 24)
  ascii(4, 'ftypisom')
  view.setUint32(24, 8 + 108)
  ascii(28, 'moov')
  view.setUint32(32, 108)
  ascii(36, 'mvhd')
  // version 0, flags, creation, modification, then timescale and duration.
  view.setUint32(52, 1000)
  view.setUint32(56, Math.round(seconds * 1000))
  return data
}

/** The add_moment_task calls the sandbox carried out since request number `since`. */
export function createdMoments(sandbox: SandboxHandle, since = 0) {
  return sandbox.requestLog
    .slice(since)
    .filter((record) => record.path === 'externalcontact/add_moment_task' && record.mutated)
}
