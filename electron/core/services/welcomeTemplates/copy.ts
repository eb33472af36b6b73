import { Buffer } from 'node:buffer'
import type { LocalMediaRef } from '../../../../shared/rules'
import type { WelcomeContent, WelcomeDraftAttachment, WelcomeTemplate } from '../../../../shared/welcomeTemplates'
import { LocalMediaService } from '../../media/local-media'
import { LocalMediaRepository } from '../../store/repositories/local-media'
import type { Workspace } from '../../store/workspace'
import { mediaOnlyInWecom } from './errors'
import type { WelcomeTemplateLibrary } from './library'

/**
 * Copies a template to another profile's library (another corp) and creates it there as a new
 * template. The ids WeCom gave this corp mean nothing to the other one, so every file goes with
 * its bytes (copied into the other workspace and uploaded there); a part that exists only in
 * WeCom (an imported file with no local copy) is refused before anything is created.
 */
export async function copyToLibrary(
  from: { library: WelcomeTemplateLibrary; workspace: Workspace },
  id: string,
  to: { library: WelcomeTemplateLibrary; workspace: Workspace },
): Promise<WelcomeTemplate> {
  const source = from.library.source(id)
  const sourceMedia = from.workspace.repository(LocalMediaRepository)
  const targetMedia = new LocalMediaService(() => to.workspace)
  const carry = (ref: LocalMediaRef | undefined): LocalMediaRef | undefined => {
    if (!ref) return undefined
    const stored = sourceMedia.get(ref.localMediaId)
    if (!stored) return undefined
    return targetMedia.add({
      filename: ref.filename,
      contentType: ref.contentType,
      dataBase64: Buffer.from(stored.bytes).toString('base64'),
    })
  }
  const content: WelcomeContent = {
    text: source.content.text,
    attachment: carryAttachment(source.content.attachment, carry),
  }
  return to.library.addCopy(content, source.notify, source.templateId)
}

function carryAttachment(
  attachment: WelcomeDraftAttachment | null,
  carry: (ref: LocalMediaRef | undefined) => LocalMediaRef | undefined,
): WelcomeDraftAttachment | null {
  switch (attachment?.msgtype) {
    case undefined:
      return null
    case 'link':
      return attachment
    case 'image': {
      const image = carry(attachment.image)
      if (!image) throw mediaOnlyInWecom()
      return { msgtype: 'image', image }
    }
    case 'miniprogram': {
      const { picMediaId: _ignored, cover, ...fields } = attachment.miniprogram ?? {}
      const carried = carry(cover)
      if (!carried) throw mediaOnlyInWecom()
      return { msgtype: 'miniprogram', miniprogram: { ...fields, cover: carried } }
    }
    case 'file': {
      const file = carry(attachment.file)
      if (!file) throw mediaOnlyInWecom()
      return { msgtype: 'file', file }
    }
    case 'video': {
      const video = carry(attachment.video)
      if (!video) throw mediaOnlyInWecom()
      return { msgtype: 'video', video }
    }
  }
}
