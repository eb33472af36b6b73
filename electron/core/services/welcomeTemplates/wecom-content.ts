import type { WelcomeContent, WelcomeDraftAttachment } from '../../../../shared/welcomeTemplates'
import { uploadedMediaId } from '../../media/upload'
import { mediaNotFound } from '../../media/errors'
import { LocalMediaRepository } from '../../store/repositories/local-media'
import type { Workspace } from '../../store/workspace'
import type { GroupWelcomeContent, WecomClient } from '../../wecom'

export interface PushDeps {
  workspace: Workspace
  client: WecomClient
  now: () => number
}

/**
 * The WeCom body of a (strictly checked) template, uploading what must be uploaded first: an image
 * through media/uploadimg, kept as its permanent `pic_url` (a template lives for months; a media_id
 * dies after 3 days), reused while the same image stays picked; files, videos and mini-program
 * covers through media/upload (a media_id reused for 2.5 days). Answers the content with the new
 * `picUrl`, so the next push does not upload the image again.
 */
export async function wecomBody(
  content: WelcomeContent,
  deps: PushDeps,
): Promise<{ body: GroupWelcomeContent; content: WelcomeContent }> {
  const body: GroupWelcomeContent = {}
  if (content.text.trim()) body.text = { content: content.text }
  const attachment = content.attachment
  let kept = attachment
  switch (attachment?.msgtype) {
    case 'image': {
      let picUrl = attachment.picUrl
      if (!picUrl && attachment.image) {
        const stored = deps.workspace.repository(LocalMediaRepository).get(attachment.image.localMediaId)
        if (!stored) throw mediaNotFound(attachment.image.localMediaId)
        picUrl = await deps.client.media.uploadImg({
          data: stored.bytes,
          filename: attachment.image.filename,
          contentType: attachment.image.contentType,
        })
        kept = { ...attachment, picUrl }
      }
      body.image = { pic_url: picUrl! }
      break
    }
    case 'link': {
      const link = attachment.link ?? {}
      body.link = { title: link.title ?? '', url: link.url ?? '' }
      if (link.desc) body.link.desc = link.desc
      if (link.picurl) body.link.picurl = link.picurl
      break
    }
    case 'miniprogram': {
      const part = attachment.miniprogram ?? {}
      const picMediaId = part.cover ? await uploadedMediaId(part.cover, 'image', deps) : part.picMediaId!
      body.miniprogram = {
        title: part.title ?? '',
        appid: part.appid ?? '',
        page: part.page ?? '',
        pic_media_id: picMediaId,
      }
      break
    }
    case 'file':
    case 'video': {
      const ref = attachment.msgtype === 'file' ? attachment.file : attachment.video
      const mediaId = ref ? await uploadedMediaId(ref, attachment.msgtype, deps) : attachment.mediaId!
      body[attachment.msgtype] = { media_id: mediaId }
      break
    }
    case undefined:
      break
  }
  return { body, content: { text: content.text, attachment: kept } }
}

/**
 * A template as WeCom answers `get`: the image is a permanent `pic_url`, files, videos and
 * mini-program covers are media_ids of this corp. Only the first part in WeCom's priority is kept.
 */
export function contentFromWecom(answer: GroupWelcomeContent): WelcomeContent {
  const text = answer.text?.content ?? ''
  let attachment: WelcomeDraftAttachment | null = null
  if (answer.image?.pic_url) attachment = { msgtype: 'image', picUrl: answer.image.pic_url }
  else if (answer.link) {
    attachment = {
      msgtype: 'link',
      link: {
        title: answer.link.title ?? '',
        url: answer.link.url ?? '',
        desc: answer.link.desc ?? '',
        picurl: answer.link.picurl ?? '',
      },
    }
  } else if (answer.miniprogram) {
    const part = answer.miniprogram
    attachment = {
      msgtype: 'miniprogram',
      miniprogram: {
        title: part.title ?? '',
        appid: part.appid ?? '',
        page: part.page ?? '',
        picMediaId: part.pic_media_id,
      },
    }
  } else if (answer.file?.media_id) attachment = { msgtype: 'file', mediaId: answer.file.media_id }
  else if (answer.video?.media_id) attachment = { msgtype: 'video', mediaId: answer.video.media_id }
  return { text, attachment }
}

/** What a new member sees of a template, to compare a local copy with WeCom's (files by kind only). */
function visible(content: WelcomeContent): unknown {
  const a = content.attachment
  const text = content.text.trim()
  if (!a) return { text }
  switch (a.msgtype) {
    case 'link':
      return { text, link: [a.link?.title ?? '', a.link?.url ?? '', a.link?.desc ?? '', a.link?.picurl ?? ''] }
    case 'miniprogram':
      return { text, mp: [a.miniprogram?.title ?? '', a.miniprogram?.appid ?? '', a.miniprogram?.page ?? ''] }
    default:
      return { text, kind: a.msgtype }
  }
}

/** Whether two contents read the same to a new member (text and attachment fields). */
export function sameForWecom(a: WelcomeContent, b: WelcomeContent): boolean {
  return JSON.stringify(visible(a)) === JSON.stringify(visible(b))
}

/** JSON with sorted keys, without the uploaded image's address (it follows from the picked file). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => {
    if (key === 'picUrl') return undefined
    if (inner && typeof inner === 'object' && !Array.isArray(inner))
      return Object.fromEntries(Object.entries(inner).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
    return inner
  })
}

/** Whether two contents are the same, local files included (the uploaded image address aside). */
export function sameContent(a: WelcomeContent, b: WelcomeContent | null): boolean {
  return b !== null && canonical(a) === canonical(b)
}
