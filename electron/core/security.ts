/** The app's own origin in production: a privileged custom scheme, never file:// or a remote host. */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://console`

/** Content-Security-Policy for the renderer: only our own scripts, no remote code, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Only https links leave the app, and only to the OS browser. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

/** True when `url` belongs to the app's own page (production scheme or the dev server). */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  // Node's URL gives a custom scheme the origin "null": compare scheme and host instead.
  if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true
  if (!devServerUrl) return false
  return parsed.origin === new URL(devServerUrl).origin
}
