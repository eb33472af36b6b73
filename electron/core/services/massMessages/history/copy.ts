import {
  draftInputSchema,
  type Attachment,
  type CopiedMessage,
  type DraftInput,
  type LocalMediaRef,
  type UncopiedAttachment,
} from '../../../../../shared/massMessages'
import { LocalMediaRepository } from '../../../store/repositories/local-media'
import { SendJournalRepository } from '../../../store/repositories/send-journal'
import type { Workspace } from '../../../store/workspace'
import type { MessageAttachment, WecomClient } from '../../../wecom'
import { DraftService } from '../drafts/drafts'
import { getGroupMessage } from './get'
import type { HistoryViewer } from './local-facts'
import { listGroupMessages } from './list'
import { MessageCache } from './message-cache'

type DraftAttachment = NonNullable<DraftInput['content']>['attachments'] extends (infer A)[] | undefined ? A : never

/** Where a copied message's content came from, and what of it could not be copied. */
interface CopiedContent {
  title: string
  text: string
  attachments: DraftAttachment[]
  uncopied: UncopiedAttachment[]
}

/**
 * A new draft from a sent mass message ("copy as a new draft"), as complete as the console can make it:
 * - sent from this console: the content it froze when sending (text, links, mini programs, and the
 *   images, videos and files whose bytes the workspace still keeps);
 * - otherwise: WeCom's list (text, links, mini programs without their cover). WeCom lists media by
 *   media_id only, which cannot be downloaded after 3 days, so an image, video or file stays as an
 *   empty card to choose the file again, and a mini program's cover is to be chosen again.
 * `uncopied` names each attachment (its position and kind) that needs a file picked again.
 */
export async function copyMessageAsDraft(
  client: () => Promise<WecomClient>,
  workspace: Workspace,
  msgid: string,
  viewer: HistoryViewer,
  now: number = Date.now(),
): Promise<CopiedMessage> {
  const journal = workspace.repository(SendJournalRepository)
  const sentHere = journal.sentMessages([msgid]).get(msgid)
  const job = sentHere && journal.job(sentHere.jobId)
  let chatType: 'single' | 'group'
  let content: CopiedContent
  if (job) {
    chatType = job.chatType
    content = fromFrozen(workspace, job.title, job.content.text, job.content.attachments)
  } else {
    const wecom = await client()
    const message = await getGroupMessage(wecom, workspace, msgid, viewer, now)
    chatType = message.chatType
    const cache = workspace.repository(MessageCache)
    let listed = cache.attachments(msgid)
    if (listed === undefined && message.attachmentTypes.length > 0) {
      // Cached before attachments were kept: list its second again (that keeps them), then read them.
      await listGroupMessages(
        wecom,
        workspace,
        { chatType, from: message.createTime - 1000, to: message.createTime + 1000, filterType: 2 },
        viewer,
        now,
      )
      listed = cache.attachments(msgid)
    }
    content = fromListed(message.title ?? '', message.text, listed, message.attachmentTypes)
  }
  const draft = new DraftService(
    () => workspace,
    () => now,
  ).save(
    draftInputSchema.parse({
      title: content.title,
      chatType,
      content: { text: content.text, attachments: content.attachments },
    }),
  )
  return { draft, uncopied: content.uncopied }
}

/** The content this console froze when it sent the message; media whose bytes are gone are to be chosen again. */
function fromFrozen(workspace: Workspace, title: string, text: string, frozen: readonly Attachment[]): CopiedContent {
  const media = workspace.repository(LocalMediaRepository)
  const kept = (ref: LocalMediaRef | undefined) => ref !== undefined && media.get(ref.localMediaId) !== undefined
  const attachments: DraftAttachment[] = []
  const uncopied: UncopiedAttachment[] = []
  frozen.forEach((attachment, index) => {
    switch (attachment.msgtype) {
      case 'link':
        attachments.push({ msgtype: 'link', link: { ...attachment.link } })
        break
      case 'miniprogram': {
        const { cover, ...rest } = attachment.miniprogram
        if (kept(cover)) attachments.push({ msgtype: 'miniprogram', miniprogram: { ...rest, cover } })
        else {
          attachments.push({ msgtype: 'miniprogram', miniprogram: rest })
          uncopied.push({ index, msgtype: 'miniprogram' })
        }
        break
      }
      case 'image':
        attachments.push(kept(attachment.image) ? attachment : { msgtype: 'image' })
        if (!kept(attachment.image)) uncopied.push({ index, msgtype: 'image' })
        break
      case 'video':
        attachments.push(kept(attachment.video) ? attachment : { msgtype: 'video' })
        if (!kept(attachment.video)) uncopied.push({ index, msgtype: 'video' })
        break
      case 'file':
        attachments.push(kept(attachment.file) ? attachment : { msgtype: 'file' })
        if (!kept(attachment.file)) uncopied.push({ index, msgtype: 'file' })
        break
    }
  })
  return { title, text, attachments, uncopied }
}

/**
 * The content as WeCom's list gives it. `listed` undefined (the list no longer shows it): only the
 * kinds are known, each attachment becomes an empty card to fill in again.
 */
function fromListed(
  title: string,
  text: string,
  listed: readonly MessageAttachment[] | undefined,
  kinds: readonly string[],
): CopiedContent {
  const attachments: DraftAttachment[] = []
  const uncopied: UncopiedAttachment[] = []
  const source: ReadonlyArray<MessageAttachment | { msgtype: string }> = listed ?? kinds.map((msgtype) => ({ msgtype }))
  source.forEach((attachment, index) => {
    if (attachment.msgtype === 'link' && 'link' in attachment) {
      const { title: linkTitle, url, desc, picurl } = attachment.link
      attachments.push({
        msgtype: 'link',
        link: { title: linkTitle, url, ...(desc ? { desc } : {}), ...(picurl ? { picurl } : {}) },
      })
      return
    }
    if (attachment.msgtype === 'miniprogram') {
      const mini = 'miniprogram' in attachment ? attachment.miniprogram : undefined
      attachments.push({
        msgtype: 'miniprogram',
        miniprogram: mini ? { title: mini.title, appid: mini.appid, page: mini.page } : {},
      })
      uncopied.push({ index, msgtype: 'miniprogram' })
      return
    }
    if (attachment.msgtype === 'image' || attachment.msgtype === 'video' || attachment.msgtype === 'file') {
      attachments.push({ msgtype: attachment.msgtype })
      uncopied.push({ index, msgtype: attachment.msgtype })
      return
    }
    if (attachment.msgtype === 'link') {
      attachments.push({ msgtype: 'link' })
      uncopied.push({ index, msgtype: 'link' })
    }
  })
  return { title, text, attachments, uncopied }
}
