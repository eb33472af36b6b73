import { WECOM_LIMITS } from '../../../shared/limits/wecom'
import { AppError, text } from '../errors'

const IMAGE_VIDEO_MEGABYTES = WECOM_LIMITS.media.image.maxBytes / 1024 / 1024
const CHOOSE_AGAIN = text('请重新选择文件后再试。', 'Choose the file again and retry.')

/** The stored file a draft refers to is missing. */
export function mediaNotFound(localMediaId: string): AppError {
  return new AppError(
    'media_not_found',
    text(
      `找不到草稿里的这个文件（${localMediaId}）。`,
      `The file this draft refers to (${localMediaId}) was not found.`,
    ),
    {
      hint: text(
        '请在草稿中删除该附件，然后重新添加文件。',
        'Remove the attachment from the draft and add the file again.',
      ),
    },
  )
}

/** The picked file did not arrive as valid base64 (a damaged transfer). */
export function mediaNotBase64(filename: string): AppError {
  return new AppError(
    'media_unreadable',
    text(
      `文件「${filename}」在传输中损坏，无法读取。`,
      `The file “${filename}” was damaged on the way and cannot be read.`,
    ),
    { hint: CHOOSE_AGAIN },
  )
}

/** The picked file is empty. */
export function mediaEmpty(filename: string): AppError {
  return new AppError('media_empty', text(`文件「${filename}」是空的。`, `The file “${filename}” is empty.`), {
    hint: CHOOSE_AGAIN,
  })
}

/** The picked file is larger than any attachment WeCom accepts. */
export function mediaTooLarge(filename: string, maxMegabytes: number): AppError {
  return new AppError(
    'media_too_large',
    text(
      `文件「${filename}」超过 ${maxMegabytes} MB，企业微信不接受这么大的附件。`,
      `The file “${filename}” is over ${maxMegabytes} MB, larger than any attachment WeCom accepts.`,
    ),
    {
      hint: text(
        `请压缩后再添加（图片和视频最大 ${IMAGE_VIDEO_MEGABYTES} MB，其他文件最大 ${maxMegabytes} MB）。`,
        `Compress it, then add it again (images and videos up to ${IMAGE_VIDEO_MEGABYTES} MB, other files up to ${maxMegabytes} MB).`,
      ),
    },
  )
}

/** Only images can be previewed inline. */
export function mediaNotPreviewable(filename: string): AppError {
  return new AppError(
    'media_not_previewable',
    text(
      `「${filename}」不是 JPG/PNG 图片，无法预览。`,
      `“${filename}” is not a JPG/PNG image, so it cannot be previewed.`,
    ),
    {
      hint: text(
        '视频和文件会以文件名显示；发送时会照常上传。',
        'Videos and files are shown by name; they are uploaded as usual when sent.',
      ),
    },
  )
}
