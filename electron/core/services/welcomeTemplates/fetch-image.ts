import { WECOM_LIMITS } from '../../../../shared/limits/wecom'

const TIMEOUT_MS = 10_000
const IMAGE_TYPES: ReadonlySet<string> = new Set(WECOM_LIMITS.media.image.types)

/**
 * Downloads the image of an imported template (its permanent pic_url, on WeCom's image host) so the
 * library keeps a local copy: the preview can show it and a copy to another corp can upload it.
 * Only http(s), only JPG / PNG up to the uploadimg limit; undefined when any of that fails.
 */
export async function fetchHostedImage(url: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined> {
  let address: URL
  try {
    address = new URL(url)
  } catch {
    return undefined
  }
  if (address.protocol !== 'https:' && address.protocol !== 'http:') return undefined
  const response = await fetch(address, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' })
  if (!response.ok) return undefined
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!IMAGE_TYPES.has(contentType)) return undefined
  const bytes = new Uint8Array(await response.arrayBuffer())
  if (bytes.byteLength === 0 || bytes.byteLength > WECOM_LIMITS.welcomeTemplate.hostedImageMaxBytes) return undefined
  return { bytes, contentType }
}
