import { createHash } from 'node:crypto'
import type { MomentContent } from '../../../../../shared/moments-publish'
import type { Moment } from '../../../wecom'

/**
 * What of a moment survives the trip through WeCom unchanged: the text, the attachment type and
 * count, and a link's title and address. media_ids are left out on purpose: a resumed publish
 * uploads the files again and gets new ones.
 */
function fingerprintOf(text: string, kind: string, count: number, link?: { title: string; url: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([text, kind, count, link ? [link.title, link.url] : null]))
    .digest('hex')
}

/** The fingerprint frozen with a job. */
export function contentFingerprint(content: MomentContent): string {
  const first = content.attachments[0]
  const link = first?.msgtype === 'link' ? { title: first.link.title, url: first.link.url } : undefined
  return fingerprintOf(content.text, first?.msgtype ?? 'text', content.attachments.length, link)
}

/** The same fingerprint of a moment as get_moment_list lists it. */
export function listedFingerprint(moment: Moment): string {
  const text = moment.text?.content ?? ''
  if (moment.video?.media_id) return fingerprintOf(text, 'video', 1)
  if (moment.link?.url) return fingerprintOf(text, 'link', 1, { title: moment.link.title ?? '', url: moment.link.url })
  const images = moment.image?.length ?? 0
  return images > 0 ? fingerprintOf(text, 'image', images) : fingerprintOf(text, 'text', 0)
}
