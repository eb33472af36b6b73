import { WECOM_LIMITS } from '../../../shared/limits/wecom'
import { DETECTABLE_MEDIA_TYPES, detectMediaFormat } from '../wecom/media-rules'

/** Types that render inline as previews: the image types WeCom messages accept (JPG, PNG). */
export const PREVIEWABLE_TYPES: ReadonlySet<string> = new Set(WECOM_LIMITS.media.image.types)

/**
 * The file's real type and a file name that agrees with it. JPEG, PNG, AMR and MP4 are recognised from
 * the bytes, whatever the picker claimed (WeCom checks the bytes too); anything else keeps the
 * declared type, unless it claims one of those three without the bytes to prove it.
 */
export function identifyMedia(
  bytes: Uint8Array,
  declared: { filename: string; contentType: string },
): { filename: string; contentType: string } {
  const format = detectMediaFormat(bytes)
  if (format === undefined) {
    const claimed = declared.contentType.split(';')[0]?.trim().toLowerCase() ?? ''
    const contentType = claimed === '' || DETECTABLE_MEDIA_TYPES.has(claimed) ? 'application/octet-stream' : claimed
    return { filename: declared.filename, contentType }
  }
  return { filename: withExtension(declared.filename, format.extensions), contentType: format.contentType }
}

/** `name` ending in one of `extensions`: kept when it does, otherwise given the first one. */
function withExtension(name: string, extensions: readonly string[]): string {
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
  if (extensions.includes(extension)) return name
  const stem = dot > 0 && extension.length <= 5 && /^[a-z0-9]+$/.test(extension) ? name.slice(0, dot) : name
  return `${stem}.${extensions[0]}`
}
