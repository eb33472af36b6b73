import { createHash } from 'node:crypto'
import type { FrozenContent } from '../../../store/repositories/send-journal'
import type { GroupMsg } from '../../../wecom'
import { messageText } from './message-body'

/** The parts of an attachment that WeCom lists back unchanged, as both our content and WeCom's list have them. */
type FingerprintedAttachment =
  | { msgtype: 'link'; link: { title: string; url: string } }
  | { msgtype: 'miniprogram'; miniprogram: { title: string; appid: string; page: string } }
  | { msgtype: 'image' | 'video' | 'file' }

/**
 * What of a message survives the trip through WeCom unchanged: the text, and per attachment its
 * type plus the titles and addresses it carries. media_ids are left out on purpose: a resumed send
 * uploads the files again and gets new ones.
 */
function fingerprintOf(text: string, attachments: readonly FingerprintedAttachment[]): string {
  const stable = attachments.map((attachment) => {
    if (attachment.msgtype === 'link') return ['link', attachment.link.title, attachment.link.url]
    if (attachment.msgtype === 'miniprogram') {
      const { title, appid, page } = attachment.miniprogram
      return ['miniprogram', title, appid, page]
    }
    return [attachment.msgtype]
  })
  return createHash('sha256')
    .update(JSON.stringify([text, stable]))
    .digest('hex')
}

/** The `content_fingerprint` frozen with a job. */
export function contentFingerprint(content: FrozenContent): string {
  return fingerprintOf(messageText(content), content.attachments)
}

/** The same fingerprint of a message as get_groupmsg_list_v2 lists it, to find a job's own messages. */
export function listedMessageFingerprint(message: GroupMsg): string {
  return fingerprintOf(message.text?.content ?? '', message.attachments ?? [])
}
