import { WECOM_ENDPOINTS as E } from '../endpoints'
import type { AttachmentMediaType, AttachmentPurpose, MediaFile, TempMediaType } from '../media-rules'
import { validateAttachment, validateTempMedia, validateUploadImage } from '../media-rules'
import type { DownloadedFile } from '../http-attempt'
import type { WecomTransport } from '../transport'

/** Temporary media: usable for 3 days from `created_at`. */
export interface UploadedMedia {
  type: string
  media_id: string
  /** Unix seconds (WeCom sends it as a string). */
  created_at: string | number
}

/** The multipart body WeCom expects: one part named `media`, the filename is the display name. */
function mediaForm(file: MediaFile): FormData {
  const form = new FormData()
  form.append('media', new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.filename)
  return form
}

/**
 * Media uploads and downloads (素材管理). Every upload is checked against WeCom's size and format
 * rules first and refused with a `wecom_invalid_media` error before any byte is sent.
 */
export function createMediaApi(transport: WecomTransport) {
  return {
    /** Temporary media (image / voice / video / file) for messages and welcome templates. */
    async upload(type: TempMediaType, file: MediaFile): Promise<UploadedMedia> {
      validateTempMedia(type, file)
      return transport.call<UploadedMedia>(E.uploadMedia, { query: { type }, form: mediaForm(file) })
    },

    /** A permanent image URL (for `image.pic_url`); quota 1,000 per day, 3,000 per month. */
    async uploadImg(file: MediaFile): Promise<string> {
      validateUploadImage(file)
      const answer = await transport.call<{ url: string }>(E.uploadImage, { form: mediaForm(file) })
      return answer.url
    },

    /** Media for moments (purpose 1: image / video) or product albums (purpose 2: image). */
    async uploadAttachment(
      mediaType: AttachmentMediaType,
      purpose: AttachmentPurpose,
      file: MediaFile,
    ): Promise<UploadedMedia> {
      validateAttachment(mediaType, purpose, file)
      return transport.call<UploadedMedia>(E.uploadAttachment, {
        query: { media_type: mediaType, attachment_type: purpose },
        form: mediaForm(file),
      })
    },

    /** Downloads temporary media (e.g. images of a moment). */
    get(mediaId: string): Promise<DownloadedFile> {
      return transport.download(E.getMedia, { query: { media_id: mediaId } })
    },
  }
}

/** `client.media`. */
export type MediaApi = ReturnType<typeof createMediaApi>
