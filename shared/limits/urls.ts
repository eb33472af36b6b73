/**
 * Rules for the addresses an attachment carries, shared by the attachment editor (live, with a
 * one-click fix) and the core's send-time check (`attachmentSchema`), so both say the same.
 */

/** `https:`, `mailto:`, `weixin://`…: a scheme in front (a port after a host, `example.com:8080`, is not one). */
const SCHEME = /^[a-z][a-z0-9+.-]*:(?:\/\/|(?!\d))/i

/**
 * The address with `https://` in front, when it was typed without a scheme but is otherwise a web
 * address (`example.com/a`, `www.example.com`); undefined when it has a scheme, is empty, or would
 * still not be a web address (no dot in the host, spaces).
 */
export function httpsSuggestion(value: string): string | undefined {
  const typed = value.trim()
  if (typed === '' || SCHEME.test(typed) || /\s/.test(typed)) return undefined
  const candidate = `https://${typed.replace(/^\/+/, '')}`
  let host: string
  try {
    host = new URL(candidate).hostname
  } catch {
    return undefined
  }
  const labels = host.split('.')
  const isHost = host === 'localhost' || (labels.length >= 2 && labels.every((label) => label.length > 0))
  return isHost ? candidate : undefined
}

/**
 * Whether a mini-program page looks like a web address rather than a page path inside the mini
 * program (`pages/index/index.html`): a scheme (`http://…`), `://` anywhere, or `www.` in front.
 */
export function looksLikeWebAddress(page: string): boolean {
  const typed = page.trim().toLowerCase()
  return typed.includes('://') || typed.startsWith('www.') || /^https?:/.test(typed)
}
